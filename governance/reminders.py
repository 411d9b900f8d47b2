import datetime

from django.urls import reverse

from core.models import Person, Role
from core.reminders import Reminder

from .selectors import procedures_to_review, review_status


def procedure_reviews(today: datetime.date):
    """The business unit of each partnership a procedure serves hears when its review is
    overdue or due soon."""
    for procedure in procedures_to_review(today):
        status = review_status(procedure, today)
        for partnership in procedure.partnerships.all():
            people = Person.objects.filter(
                roles__partnership=partnership, roles__role=Role.BUSINESS_UNIT, email__gt=""
            ).distinct()
            for person in people:
                yield Reminder(
                    email=person.email, name=person.name, partnership=partnership.short_name,
                    text=f"{procedure.title}: review {status['label'].lower()} "
                         f"(due {procedure.next_review_due:%d %B %Y})",
                    path=reverse("governance:procedure_detail",
                                 kwargs={"slug": partnership.slug, "pk": procedure.pk}))
