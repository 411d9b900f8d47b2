from django import template

register = template.Library()


@register.filter
def widget_type(bound_field) -> str:
    return bound_field.field.widget.__class__.__name__.lower()


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.filter
def status_tag(status: str) -> str:
    """GOV.UK tag colour for a status word."""
    return {
        "overdue": "govuk-tag--red",
        "not_started": "govuk-tag--grey",
        "in_progress": "govuk-tag--blue",
        "completed": "govuk-tag--green",
        "signed_off": "govuk-tag--green",
        "dropped": "govuk-tag--grey",
        "due_soon": "govuk-tag--yellow",
        "planned": "govuk-tag--blue",
        "held": "govuk-tag--green",
        "cancelled": "govuk-tag--grey",
        "met": "govuk-tag--green",
        "met_late": "govuk-tag--orange",
        "on_track": "govuk-tag--blue",
        "ended_early": "govuk-tag--purple",
    }.get(status, "govuk-tag--grey")


def _plural_of(noun: str) -> str:
    """The plural of a noun phrase's last word: item → items, activity → activities."""
    head, _, last = noun.rpartition(" ")
    if last.endswith("y") and last[-2:-1] not in tuple("aeiou"):
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


@register.filter
def count_noun(number, noun: str) -> str:
    """A count with its noun in the right number: 0 items, 1 item, 2 items, 1 training
    activity. An irregular plural goes after a comma: "record of feedback,records of feedback".
    The one helper for counts in pages and in report text."""
    try:
        count = int(number if not hasattr(number, "__len__") else len(number))
    except (TypeError, ValueError):
        return ""
    singular, _, plural = noun.partition(",")
    return f"{count:,} {singular if count == 1 else (plural or _plural_of(singular))}"
