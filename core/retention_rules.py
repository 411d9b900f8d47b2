"""Core's retention rules (core.retention): the audit trail, and the files of background
imports."""

from django.db.models import QuerySet

from .models import AuditEvent, ImportJob
from .retention import RetentionRule


def _past(day) -> QuerySet:
    return AuditEvent.objects.filter(at__date__lt=day)


def _purge(rows: QuerySet) -> int:
    return rows.delete()[0]


def _jobs_past(day) -> QuerySet:
    return ImportJob.objects.filter(created_at__date__lt=day)


def _purge_jobs(jobs: QuerySet) -> int:
    count = 0
    for job in jobs.order_by("pk"):
        if job.upload:
            job.upload.delete(save=False)
        job.delete()
        count += 1
    return count


RULES = [
    RetentionRule(
        key="core.audit_trail", record_type="Audit trail (who did, viewed or was refused what)",
        years=6,
        reason="Six years covers the period in which a claim or complaint about how a record "
               "was handled can be brought (Limitation Act 1980) and more than one inspection "
               "cycle; longer would keep staff activity data without need.",
        on_purge="the audit rows are deleted",
        past=_past, purge=_purge),
    RetentionRule(
        key="core.import_files", record_type="Files sent for a background import, and their "
                                            "progress records",
        years=1,
        reason="The figures a file carried are kept as the data return (with who sent it and "
               "when); the file itself is only needed while the sender checks the outcome and "
               "corrects a refused file.",
        on_purge="the file and its job record are deleted; the data return is kept",
        past=_jobs_past, purge=_purge_jobs),
]
