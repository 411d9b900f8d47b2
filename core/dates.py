"""Date order: one date that must not come before another, and the message naming both."""

from __future__ import annotations

import datetime

from django.db.models import F, Q


def long_date(value) -> str:
    if isinstance(value, datetime.datetime):
        return f"{value.day} {value:%B %Y, %H:%M}"
    return f"{value.day} {value:%B %Y}"


def not_before(later: str, earlier: str) -> Q:
    """The database form of "`later` is not before `earlier`" (either may be unknown), for a
    CheckConstraint that backs the clean() rule worded by order_message."""
    return Q(**{f"{later}__isnull": True}) | Q(**{f"{earlier}__isnull": True}) | Q(
        **{f"{later}__gte": F(earlier)})


def _name(label: str) -> str:
    label = str(label)
    return label[:1].lower() + label[1:]


def order_message(later_label: str, later, earlier_label: str, earlier) -> str:
    """"The date the partners became aware (3 January 2024) cannot be before the date the
    local authority became aware (3 March 2024)." """
    text = (f"{_name(later_label)} ({long_date(later)}) cannot be before "
            f"{_name(earlier_label)} ({long_date(earlier)}).")
    return text[:1].upper() + text[1:]


def order_errors(instance, pairs) -> dict[str, str]:
    """Errors by field for each (later field, earlier field) pair of the instance's own dates
    in the wrong order; the message names both dates by their labels."""
    errors: dict[str, str] = {}
    meta = instance._meta
    for later, earlier in pairs:
        later_value, earlier_value = getattr(instance, later), getattr(instance, earlier)
        if later_value and earlier_value and later_value < earlier_value and later not in errors:
            errors[later] = order_message(
                "the " + _name(meta.get_field(later).verbose_name), later_value,
                "the " + _name(meta.get_field(earlier).verbose_name), earlier_value)
    return errors
