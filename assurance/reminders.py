"""Daily reminders (core.reminders): the leads of organisations whose returns are overdue or
due soon (core.calendar.DUE_SOON) and not yet submitted, in each partnership the cycle
serves where they lead the organisation; for a school's Section 175/157 return also the
designated safeguarding lead's address on the school register (decision 0034), unless the
business unit reminded the school from the cycle page that day. core.reminders sends the
day's reminders once."""

import datetime

from django.urls import reverse

from core.calendar import DUE_SOON
from core.policy import agency_leads
from core.reminders import Reminder

from .models import Cycle, Kind, Return
from .selectors import reminded_today


def returns_due(today: datetime.date):
    rows = (Return.objects.filter(status=Return.Status.DRAFT, cycle__status=Cycle.Status.OPEN,
                                  cycle__due_on__lte=DUE_SOON.last_day(today))
            .select_related("cycle__lead_partnership", "organisation__school_record", "case")
            .prefetch_related("cycle__partnerships"))
    leads = agency_leads()
    rows = list(rows)
    done = reminded_today([r.pk for r in rows if r.cycle.kind == Kind.SECTION_175], today)
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
        school = getattr(ret.organisation, "school_record", None)
        if (ret.cycle.kind == Kind.SECTION_175 and school is not None and ret.pk not in done
                and school.dsl_email.lower() not in {e.lower() for e in seen}):
            yield Reminder(
                email=school.dsl_email, name="designated safeguarding lead",
                partnership=ret.cycle.lead_partnership.short_name,
                text=f"{ret} is {when} {ret.cycle.due_on:%d %B %Y}: please submit the "
                     "school's return",
                path=reverse("assurance:return_detail",
                             kwargs={"slug": ret.cycle.lead_partnership.slug, "pk": ret.pk}))
