import datetime

from django.urls import reverse

from core.models import Partnership, Person, Role
from core.reminders import Reminder

from .selectors import open_deadlines


def statutory_deadlines(today: datetime.date):
    """The business unit of each partnership hears about overdue and due-soon deadlines."""
    for partnership in Partnership.objects.all():
        rows = open_deadlines(partnership, today)
        if not rows:
            continue
        people = Person.objects.filter(
            roles__partnership=partnership, roles__role=Role.BUSINESS_UNIT, email__gt=""
        ).distinct()
        for person in people:
            for record, deadline in rows:
                yield Reminder(
                    email=person.email, name=person.name, partnership=partnership.short_name,
                    text=f"{record.reference}: {deadline.name} – {deadline.label} "
                         f"(due {deadline.due:%d %B %Y})",
                    path=reverse(record.detail_url,
                                 kwargs={"slug": partnership.slug, "pk": record.pk}),
                )
