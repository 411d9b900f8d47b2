"""Retention of meeting papers (core.retention)."""

from django.db.models import QuerySet

from core.retention import RetentionRule

from .models import Paper


def _past(day) -> QuerySet:
    return Paper.objects.filter(agenda_item__meeting__starts_at__date__lt=day)


def _purge(rows: QuerySet) -> int:
    count = 0
    for paper in rows.iterator():
        paper.delete()  # its file goes with it (governance.models' post_delete)
        count += 1
    return count


RULES = [
    RetentionRule(
        key="governance.papers", record_type="Uploaded meeting papers",
        years=6,
        reason="Minutes, decisions and actions are the partnership's lasting record and are "
               "kept; the papers behind them are kept six years after the meeting (Limitation "
               "Act 1980 period), after which the minutes stand for them.",
        on_purge="the paper and its file are deleted; the agenda item, minutes and decisions "
                 "are kept",
        past=_past, purge=_purge),
]
