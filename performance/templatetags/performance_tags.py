from decimal import Decimal

from django import template

register = template.Library()

RAG_TAGS = {"red": "govuk-tag--red", "amber": "govuk-tag--yellow", "green": "govuk-tag--green"}


@register.filter
def num(value):
    """A stored value without trailing zeros: 12.5000 -> 12.5, 129.0000 -> 129."""
    if value is None or value == "":
        return "–"
    value = Decimal(value)
    text = f"{value.normalize():f}"
    if "." not in text and abs(value) >= 10000:
        return f"{int(value):,}"
    return text


@register.filter
def change_text(change):
    """e.g. 'up 5.2%', 'down 1.3 percentage points', 'no change'."""
    if change is None:
        return "–"
    if change.direction == "same":
        return "no change"
    if change.value is None:
        return f"{change.direction} from zero"
    size = abs(change.value)
    unit = "%" if change.kind == "percent" else " percentage points"
    return f"{change.direction} {size}{unit}"


@register.filter
def improved_text(change):
    if change is None or change.improved is None:
        return ""
    return "better" if change.improved else "not better"


@register.filter
def rag_class(rag):
    return RAG_TAGS.get(rag, "govuk-tag--grey")
