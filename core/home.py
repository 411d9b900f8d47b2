"""Core's home-page panel: what is new since the reader last signed in (the scrutineer's)."""

import datetime

from django.apps import apps
from django.db.models import Count
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import AuditEvent

# Set at sign-in (core.signals): when this person signed in before this session.
PREVIOUS_LOGIN_KEY = "hub_previous_login"
FIRST_LOOK_DAYS = 30
# Records that are credentials or sign-in plumbing, not the partnership's business.
NOT_NEWS = {"core.User", "core.EnrolmentCode", "core.RoleAssignment"}


def _type_name(label: str, count: int) -> str:
    try:
        meta = apps.get_model(label)._meta
    except (LookupError, ValueError):
        return label
    return str(meta.verbose_name if count == 1 else meta.verbose_name_plural)


def whats_new(partnership, since: datetime.datetime) -> list[dict]:
    """How many records of each kind were created in `partnership` after `since` (one query).
    Counts and kinds only: no record's name, so nothing restricted shows through."""
    rows = (AuditEvent.objects.filter(partnership=partnership, action=AuditEvent.Action.CREATE,
                                      at__gt=since)
            .exclude(model__in=NOT_NEWS).exclude(model__startswith="api.")
            .values("model").annotate(count=Count("id")).order_by("-count", "model"))
    return [{"count": r["count"], "kind": _type_name(r["model"], r["count"])} for r in rows]


def whats_new_panel(request, partnership):
    if not request.user.has_perm("core.view_whats_new", partnership):
        return None
    since = parse_datetime(request.session.get(PREVIOUS_LOGIN_KEY) or "")
    first_look = since is None
    if first_look:
        since = timezone.now() - datetime.timedelta(days=FIRST_LOOK_DAYS)
    return {"template": "core/_whats_new_panel.html", "order": 5, "since": since,
            "first_look": first_look, "days": FIRST_LOOK_DAYS,
            "rows": whats_new(partnership, since)}
