"""Action tables for other apps' pages (a governance meeting or group): the page loads these
tags, so governance never imports learning — the action plan stays learning's."""

from django import template

from .. import selectors

register = template.Library()


def _reader(context):
    request = context.get("request")
    return request.user if request is not None else context["user"]


@register.simple_tag(takes_context=True)
def meeting_actions(context, meeting):
    """The actions set at `meeting` that the reader may see, marked overdue / due soon."""
    return selectors.with_timeliness(
        selectors.meeting_actions(_reader(context), context["partnership"], meeting))


@register.simple_tag(takes_context=True)
def group_open_actions(context, group, before=None):
    """The group's open action log (with `before`, the actions carried over to a meeting
    starting then), marked overdue / due soon."""
    return selectors.with_timeliness(selectors.group_action_log(
        _reader(context), context["partnership"], group, before=before))
