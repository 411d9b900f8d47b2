
from django import template
from django.utils.safestring import mark_safe

from finance.templatetags.finance_tags import money, money_or_missing
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


# Pounds are printed one way, finance's (the report reads the budget from finance).
register.filter("money", money)
register.filter("money_or_missing", money_or_missing)
