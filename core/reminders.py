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
