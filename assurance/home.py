"""Quality assurance's home-page panel: the open returns of the organisations the reader
leads (a school's lead sees the school's)."""

from django.utils import timezone

from . import selectors


def returns_panel(request, partnership):
    if not request.user.has_perm("assurance.has_returns", partnership):
        return None
    rows = list(selectors.own_returns(request.user, partnership, open_only=True))
    if not rows:
        return None
    today = timezone.localdate()
    return {"template": "assurance/_returns_panel.html", "order": 42, "returns": rows,
            "late": sum(r.cycle.due_on < today for r in rows)}
