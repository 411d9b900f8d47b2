"""Daily reminders (core.reminders): the leads of organisations whose returns are overdue or
due soon (core.calendar.DUE_SOON) and not yet submitted, in each partnership the cycle
serves where they lead the organisation."""

import datetime

from django.urls import reverse

from core.calendar import DUE_SOON
from core.policy import agency_leads
from core.reminders import Reminder

from .models import Cycle, Return


def returns_due(today: datetime.date):
    rows = (Return.objects.filter(status=Return.Status.DRAFT, cycle__status=Cycle.Status.OPEN,
                                  cycle__due_on__lte=DUE_SOON.last_day(today))
            .select_related("cycle", "organisation", "case")
            .prefetch_related("cycle__partnerships"))
    leads = agency_leads()
    for ret in rows:
        when = "overdue since" if ret.cycle.due_on < today else "due on"
        seen = set()
        for partnership in ret.cycle.partnerships.all():
            for person in leads.get((partnership.pk, ret.organisation_id), []):
                if person.email in seen:  # one reminder, however many partnerships
                    continue
                seen.add(person.email)
                yield Reminder(
                    email=person.email, name=person.name, partnership=partnership.short_name,
                    text=f"{ret} is {when} {ret.cycle.due_on:%d %B %Y}",
                    path=reverse("assurance:return_detail",
                                 kwargs={"slug": partnership.slug, "pk": ret.pk}))
