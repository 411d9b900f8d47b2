from decimal import Decimal

from django import template
from django.utils.safestring import mark_safe

from reports.text import clean

register = template.Library()


@register.filter
def split(value):
    return str(value).split()


@register.filter
def get(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def clean_html(value):
    """Narrative HTML, sanitised again on the way out (it was cleaned when saved)."""
    return mark_safe(clean(value or ""))  # noqa: S308 - cleaned by nh3 just above


@register.filter
def indent(depth):
    return "– " * int(depth or 0)


@register.filter
def intcomma_plain(value):
    return f"{int(value):,}" if value is not None else ""


@register.filter
def money(value):
    if value is None:
        return ""
    return f"{Decimal(value):,.0f}"


@register.filter
def money_or_missing(value):
    """A finance figure, or "not recorded" (never £0) when its parts were not recorded."""
    return "not recorded" if value is None else money(value)
