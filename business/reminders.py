import datetime

from django.urls import reverse

from core.calendar import DUE_SOON
from core.models import Role, RoleAssignment
from core.reminders import Reminder

from .models import NationalItem


def national_responses_due(today: datetime.date):
    """The business unit of a partnership whose response to a national item is overdue or
    due soon (core.calendar.DUE_SOON)."""
    items = list(NationalItem.objects.exclude(status__in=NationalItem.CLOSED)
                 .filter(response_due__lte=DUE_SOON.last_day(today))
                 .select_related("partnership"))
    unit: dict[int, list] = {}
    for ra in RoleAssignment.objects.filter(
            role=Role.BUSINESS_UNIT, person__email__gt="",
            partnership_id__in={i.partnership_id for i in items}).select_related("person"):
        unit.setdefault(ra.partnership_id, []).append(ra.person)
    for item in items:
        when = "overdue since" if item.response_due < today else "due on"
        for person in unit.get(item.partnership_id, []):
            yield Reminder(
                email=person.email, name=person.name, partnership=item.partnership.short_name,
                text=f"The response to “{item.title}” is {when} {item.response_due:%d %B %Y}",
                path=reverse("business:national_detail",
                             kwargs={"slug": item.partnership.slug, "pk": item.pk}))
