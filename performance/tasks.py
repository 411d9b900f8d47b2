"""Background work of the performance framework (Celery; in the calling process when there
is no broker): a large data return's import (decision 0038)."""

from __future__ import annotations

from celery import shared_task
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core import jobs
from core.models import ImportJob
from core.tabular import RowsRejected, read_table

from . import services
from .models import DataReturn

DATA_COLUMNS = ["indicator_code", "area_code", "period", "value"]
KIND = "performance.data_return"


@shared_task(name="performance.tasks.import_data_return")
def import_data_return(job_id: int) -> str | None:
    """Import a stored data return file, all or nothing, as the person who sent it.
    Idempotent: the job is claimed first, so a second run (a task delivered twice) does
    nothing and there is one import. Returns the job's status, or None if not run."""
    job = jobs.claim(job_id)
    if job is None:
        return None
    slug = job.partnership.slug
    try:
        with job.upload.open("rb") as stored:
            rows = read_table(stored, required=DATA_COLUMNS)
        data_return = services.data_return_submit(
            actor=job.created_by, rows=rows, method=DataReturn.Method.UPLOAD,
            partnership=job.partnership, partnership_ids={job.partnership_id},
            filename=job.filename, progress=lambda n: jobs.report_progress(job, n))
    except RowsRejected as rejected:
        jobs.finish(job, ImportJob.Status.REJECTED, rejected=rejected, outcome=(
            f"Nothing was saved: {job.total_rows} rows processed, "
            f"{rejected.rows_with_problems} with problems, listed below."))
    except services.WarningsNeedConfirmation as pending:
        held = services.data_return_hold(
            actor=job.created_by, partnership=job.partnership, rows=pending.rows,
            warnings=pending.warnings, method=DataReturn.Method.UPLOAD, filename=job.filename)
        jobs.finish(job, ImportJob.Status.HELD, outcome=(
            f"Every row passed the checks, but {len(pending.warnings)} figures look wrong: "
            "check them and confirm or discard the return. Nothing is saved yet."),
            result_url=reverse("performance:data_return_confirm",
                               kwargs={"slug": slug, "pk": held.pk}))
    except (ValidationError, PermissionDenied) as refused:
        message = " ".join(refused.messages) if isinstance(refused, ValidationError) else (
            "Your role no longer allows sending this return.")
        jobs.finish(job, ImportJob.Status.REJECTED, outcome=f"Nothing was saved: {message}")
    else:
        jobs.finish(job, ImportJob.Status.SAVED, outcome=(
            f"{data_return.row_count} rows processed and saved from {job.filename}."),
            result_url=reverse("performance:data_return_list", kwargs={"slug": slug}))
    return job.status
