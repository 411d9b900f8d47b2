"""Small builders for governance and action-log tests (on top of the `world` fixture)."""

import datetime

from django.utils import timezone

from governance.models import Meeting
from learning.models import Action, Source


def make_meeting(group, *, days=7, status=Meeting.Status.PLANNED, title=None, hours=2):
    """A meeting `days` from now (negative: in the past), with its learning Source."""
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    source = Source.objects.create(kind=Source.Kind.MEETING, title=title or group.name)
    source.partnerships.set(group.partnerships.all())
    return Meeting.objects.create(group=group, title=title or group.name, starts_at=start,
                                  ends_at=start + datetime.timedelta(hours=hours),
                                  status=status, source=source)


def make_action(meeting, partnership, *, title="An action", due_in=10, status="not_started",
                **extra):
    return Action.objects.create(
        partnership=partnership, source=meeting.source, title=title, status=status,
        due_date=timezone.localdate() + datetime.timedelta(days=due_in), **extra,
    )
