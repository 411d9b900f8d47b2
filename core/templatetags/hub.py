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
        "not_recorded": "govuk-tag--grey",
        "on_track": "govuk-tag--blue",
        "ended_early": "govuk-tag--purple",
    }.get(status, "govuk-tag--grey")
