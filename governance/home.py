"""Governance's home-page panel: the next meetings of the reader's groups."""

from core import policy

from .selectors import my_next_meetings


def next_meetings_panel(request, partnership):
    user = request.user
    if not user.has_perm("governance.list_groups", partnership):
        return None
    meetings = list(my_next_meetings(user, partnership))
    if not meetings and not policy.scope_of(user).member_groups:
        return None  # a reader who sits on no group (a scrutineer, say)
    return {"template": "governance/_next_meetings_panel.html", "order": 30,
            "meetings": meetings}
