from django import template

register = template.Library()


@register.filter
def shown(record, field: str) -> str:
    """A review record's date as known: "12 March 2021", or "March 2021 (month only)" for
    history entered with the month and year only."""
    return record.show_date(getattr(record, field))
