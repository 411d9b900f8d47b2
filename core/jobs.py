"""Large imports run in the background (decision 0038).

The upload page stores the file as sent and queues the owning app's task; the task claims
the job (once: a second run of the same task finds it taken and does nothing), reports how
many rows it has checked, and records the outcome. The import itself stays the app's one
service, all or nothing, with its problems row by row."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import AuditEvent, ImportJob
from .policy import require
from .services import audit_record
from .tabular import RowsRejected

PROGRESS_EVERY = 500  # rows between two progress writes


def import_job_start(*, actor, partnership, permission: str, kind: str, upload,
                     total_rows: int) -> ImportJob:
    """Store the uploaded file and a queued job for it. The caller queues the task (after
    the transaction commits). `permission` is the one the import itself asks."""
    require(actor, permission, partnership)
    upload.seek(0)  # the page has read it once to count the rows
    with transaction.atomic():
        job = ImportJob(partnership=partnership, created_by=actor, kind=kind,
                        filename=upload.name[:200], total_rows=total_rows)
        job.upload.save(upload.name, upload, save=False)
        job.save()
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=job,
                     partnership=partnership, changes={"kind": kind, "rows": total_rows})
    return job


def claim(job_id: int) -> ImportJob | None:
    """Mark a queued job as running and return it; None if it is gone or another run of the
    task has it already (so a task delivered twice imports once)."""
    taken = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, updated_at=timezone.now())
    return ImportJob.objects.filter(pk=job_id).first() if taken else None


def report_progress(job: ImportJob, checked: int) -> None:
    """How many rows have been checked: written at once, so the job's page shows it."""
    ImportJob.objects.filter(pk=job.pk).update(checked_rows=checked)


def finish(job: ImportJob, status: str, *, outcome: str, result_url: str = "",
           rejected: RowsRejected | None = None) -> ImportJob:
    job.status = status
    job.outcome = outcome[:300]
    job.result_url = result_url
    job.finished_at = timezone.now()
    if status == ImportJob.Status.SAVED:
        job.checked_rows = job.total_rows
    if rejected is not None:
        job.problems = [p.as_dict() for p in rejected.errors]
        job.problems_not_listed = rejected.more
    job.save(update_fields=["status", "outcome", "result_url", "finished_at", "checked_rows",
                            "problems", "problems_not_listed", "updated_at"])
    return job
