"""Core's retention rules (core.retention): the audit trail."""

from django.db.models import QuerySet

from .models import AuditEvent
from .retention import RetentionRule


def _past(day) -> QuerySet:
    return AuditEvent.objects.filter(at__date__lt=day)


def _purge(rows: QuerySet) -> int:
    return rows.delete()[0]


RULES = [
    RetentionRule(
        key="core.audit_trail", record_type="Audit trail (who did, viewed or was refused what)",
        years=6,
        reason="Six years covers the period in which a claim or complaint about how a record "
               "was handled can be brought (Limitation Act 1980) and more than one inspection "
               "cycle; longer would keep staff activity data without need.",
        on_purge="the audit rows are deleted",
        past=_past, purge=_purge),
]
