"""Daily reminders: learners whose evaluation or impact follow-up is due soon or overdue
(under the partnership's training-place deadline rules)."""

import datetime

from django.db.models import Q
from django.urls import reverse

from core.deadlines import Status
from core.reminders import Reminder
from core.selectors import rules_in_force

from . import clock
from .models import Booking

# A place more than a year old is not chased.
CHASED_FOR = datetime.timedelta(days=365)


def evaluations_due(today: datetime.date):
    bookings = (Booking.objects.filter(
        status=Booking.Status.BOOKED, attendance=Booking.Attendance.ATTENDED,
        session__ends_at__date__gte=today - CHASED_FOR, person__email__gt="")
        .filter(Q(evaluation__isnull=True) | Q(impact_follow_up__isnull=True))
        .select_related("person", "partnership", "session__course", "evaluation",
                        "impact_follow_up"))
    rules: dict[int, list] = {}
    for booking in bookings:
        if booking.partnership_id not in rules:
            rules[booking.partnership_id] = list(rules_in_force(booking.partnership,
                                                                [clock.KIND]))
        for deadline in clock.booking_deadlines(rules[booking.partnership_id], booking,
                                                today=today):
            if deadline.status not in (Status.DUE_SOON, Status.OVERDUE):
                continue
            when = "overdue since" if deadline.status == Status.OVERDUE else "due on"
            name = "booking_evaluate" if deadline.rule.met_event == "evaluated" else (
                "booking_follow_up")
            yield Reminder(
                email=booking.person.email, name=booking.person.name,
                partnership=booking.partnership.short_name,
                text=f"{deadline.name} for “{booking.session.course.title}” is {when} "
                     f"{deadline.due:%d %B %Y}",
                path=reverse(f"training:{name}", kwargs={"slug": booking.partnership.slug,
                                                          "pk": booking.pk}))
