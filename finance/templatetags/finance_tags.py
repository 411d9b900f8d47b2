"""Pounds as the hub prints them: whole pounds with commas, and "not recorded" (never £0)
for a figure whose parts were not recorded."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def money(value):
    if value is None:
        return ""
    return f"{Decimal(value):,.0f}"


@register.filter
def money_or_missing(value):
    return "not recorded" if value is None else money(value)


@register.filter
def signed_money(value):
    """A difference: +20 or -20."""
    if value is None:
        return ""
    return f"{Decimal(value):+,.0f}"
