import datetime

from django.urls import reverse

from core.calendar import DUE_SOON
from core.models import Partnership, Role, RoleAssignment
from core.reminders import Reminder

from . import selectors
from .models import NationalItem


def national_responses_due(today: datetime.date):
    """The business unit of a partnership whose response to a national item is overdue or
    due soon (core.calendar.DUE_SOON), by the date its rule or its letter sets."""
    open_items = NationalItem.objects.exclude(status__in=NationalItem.CLOSED).exclude(
        due_basis=NationalItem.DueBasis.NONE)
    partnerships = Partnership.objects.filter(
        pk__in=open_items.values("partnership_id")).order_by("pk")
    soon = DUE_SOON.last_day(today)
    items = [(partnership, item) for partnership in partnerships
             for item in selectors.national_list(partnership, today).exclude(
                 status__in=NationalItem.CLOSED).filter(due_on__lte=soon)]
    unit: dict[int, list] = {}
    for ra in RoleAssignment.objects.filter(
            role=Role.BUSINESS_UNIT, person__email__gt="",
            partnership_id__in={p.pk for p, _ in items}).select_related("person"):
        unit.setdefault(ra.partnership_id, []).append(ra.person)
    for partnership, item in items:
        when = "overdue since" if item.due_on < today else "due on"
        for person in unit.get(partnership.pk, []):
            yield Reminder(
                email=person.email, name=person.name, partnership=partnership.short_name,
                text=f"The response to “{item.title}” is {when} {item.due_on:%d %B %Y}",
                path=reverse("business:national_detail",
                             kwargs={"slug": partnership.slug, "pk": item.pk}))
