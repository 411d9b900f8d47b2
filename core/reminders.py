"""Daily reminders: each app declares `reminder_sources = ["dotted.path"]` on its AppConfig;
a source takes today's date and yields Reminder items. People get one e-mail each."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Reminder:
    email: str
    name: str
    partnership: str
    text: str
    path: str = ""


def collect(today: datetime.date) -> list[Reminder]:
    items: list[Reminder] = []
    for config in apps.get_app_configs():
        for source in getattr(config, "reminder_sources", []):
            items.extend(import_string(source)(today))
    return items


def send(today: datetime.date, *, base_url: str = "") -> int:
    """Send one e-mail per recipient listing everything due. Returns the number sent."""
    by_recipient: dict[tuple[str, str], list[Reminder]] = defaultdict(list)
    for item in collect(today):
        if item.email:
            by_recipient[(item.email, item.name)].append(item)
    for (email, name), items in sorted(by_recipient.items()):
        lines = [f"Dear {name},", "", "These need your attention:", ""]
        for item in sorted(items, key=lambda i: (i.partnership, i.text)):
            link = f" {base_url}{item.path}" if item.path else ""
            lines.append(f"- [{item.partnership}] {item.text}{link}")
        lines += ["", "Safeguarding Partnership Hub"]
        send_mail(
            subject=f"Safeguarding Partnership Hub: {len(items)} item(s) due or overdue",
            message="\n".join(lines), from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[email],
        )
    return len(by_recipient)


REMINDER_RUN = "core.DailyReminders"  # the audit trail's record of each day's run


def send_once(today: datetime.date, *, base_url: str = "", again: bool = False) -> int | None:
    """Send the day's reminders unless they were sent already: the scheduler, a retried task
    and a person running the command by hand cannot send them twice. Each run is written to
    the audit trail, which is also how a second run knows. Returns None when already sent."""
    from django.core.cache import cache

    from .models import AuditEvent
    from .services import audit_record, system_actor

    day = today.isoformat()
    # The lock stops two workers running the same day at once (with REDIS_URL it is shared);
    # the audit row, checked inside it, stops a later run.
    lock = f"reminders-running:{day}"
    if not cache.add(lock, 1, 600):
        return None
    try:
        if not again and AuditEvent.objects.filter(model=REMINDER_RUN, object_id=day).exists():
            return None
        sent = send(today, base_url=base_url)
        audit_record(actor=system_actor(), action=AuditEvent.Action.EXPORT,
                     model=REMINDER_RUN, object_id=day,
                     object_repr=f"Reminders for {today:%-d %B %Y}",
                     changes={"e-mails sent": sent, "again": again})
        return sent
    finally:
        cache.delete(lock)
