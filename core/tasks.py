"""Scheduled background work (Celery beat, settings.CELERY_BEAT_SCHEDULE). Each task is
idempotent: run twice, the second run does nothing."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import reminders


@shared_task(name="core.tasks.send_reminders")
def send_reminders(day: str | None = None) -> int | None:
    """The day's reminder e-mails, once a day."""
    import datetime

    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    return reminders.send_once(today, base_url=settings.HUB_BASE_URL)


@shared_task(name="core.tasks.purge_retention")
def purge_retention() -> int:
    """Purge what is past retention (core.retention). A second run finds nothing more."""
    from . import retention
    from .services import system_actor

    return sum(d.count for d in retention.retention_purge(actor=system_actor(),
                                                          today=timezone.localdate()))
