"""Background work of the reports app (Celery; in-process when there is no broker)."""

from celery import shared_task

from . import files
from .models import YearlyReport


@shared_task(name="reports.tasks.render_report_file")
def render_report_file(report_id: int, fmt: str) -> str | None:
    """Render and keep one working report's file. Idempotent: if the report has not changed
    since the stored file was rendered, nothing is rendered or written."""
    report = YearlyReport.objects.filter(pk=report_id).first()
    if report is None:  # removed since the task was queued
        return None
    return files.render_and_store(report, fmt)
