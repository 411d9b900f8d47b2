"""Retention of uploaded evidence (core.retention)."""

from django.db import transaction
from django.db.models import QuerySet

from core.retention import RetentionRule

from .models import Evidence


def _past(day) -> QuerySet:
    return Evidence.objects.exclude(file="").filter(added_on__lt=day)


def _purge(rows: QuerySet) -> int:
    count = 0
    for evidence in rows.iterator():
        if evidence.file:
            storage, name = evidence.file.storage, evidence.file.name
            transaction.on_commit(lambda s=storage, n=name: s.delete(n))
        evidence.delete()
        count += 1
    return count


RULES = [
    RetentionRule(
        key="learning.evidence_files", record_type="Uploaded evidence of actions",
        years=6,
        reason="Evidence shows an action was done; six years after it was added covers the "
               "action plan's scrutiny and audit (Limitation Act 1980 period). The action, "
               "its updates and its status are kept.",
        on_purge="the uploaded document and its evidence entry are deleted",
        past=_past, purge=_purge),
]
