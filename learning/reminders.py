import datetime

from django.urls import reverse

from core.calendar import DUE_SOON
from core.policy import agency_leads
from core.reminders import Reminder

from .models import Action


def actions_due(today: datetime.date):
    """Owners of open actions overdue or due soon (core.calendar.DUE_SOON); where only an organisation owns
    the action, that organisation's agency leads in the partnership."""
    qs = Action.objects.filter(
        status__in=Action.OPEN_STATUSES,
        due_date__lte=DUE_SOON.last_day(today),
    ).select_related("owner_person", "partnership")
    leads = agency_leads()
    for action in qs:
        if action.owner_person_id:
            people = [action.owner_person] if action.owner_person.email else []
        else:
            people = leads.get((action.partnership_id, action.owner_organisation_id), [])
        when = "overdue since" if action.due_date < today else "due on"
        for person in people:
            yield Reminder(
                email=person.email, name=person.name,
                partnership=action.partnership.short_name,
                text=f"Action “{action.title}” is {when} {action.due_date:%d %B %Y}",
                path=reverse("learning:action_detail",
                             kwargs={"slug": action.partnership.slug, "pk": action.pk}),
            )
