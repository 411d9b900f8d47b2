"""Builders for training tests (on top of the `world` fixture)."""

import datetime

from django.utils import timezone

from core.tests.factories import OrganisationFactory, PersonFactory
from training.models import Booking, Course, Event, EventRegistration, Session


def make_course(partnership, *, title="Neglect: recognising and responding", themes=(),
                level=Course.Level.CORE_2, delivery=Course.Delivery.FACE_TO_FACE, shared=()):
    course = Course.objects.create(title=title, level=level, delivery=delivery)
    course.partnerships.set([partnership, *shared])
    course.themes.set(themes)
    return course


def make_session(course, *, days=14, capacity=20, cutoff_hours=48, hours=3):
    """A session `days` from now (negative: in the past)."""
    start = timezone.now().replace(microsecond=0, second=0) + datetime.timedelta(days=days)
    return Session.objects.create(course=course, starts_at=start,
                                  ends_at=start + datetime.timedelta(hours=hours),
                                  venue="Civic Centre, Room 2", capacity=capacity,
                                  trainers="A Trainer", cutoff_hours=cutoff_hours)


def make_people(n, *, organisation=None, prefix="Learner"):
    organisation = organisation or OrganisationFactory()
    return [PersonFactory(name=f"{prefix} {i:03d}", organisation=organisation)
            for i in range(n)]


def make_booking(session, person, partnership, *, status=Booking.Status.BOOKED,
                 attendance=Booking.Attendance.UNKNOWN):
    return Booking.objects.create(session=session, person=person, partnership=partnership,
                                  organisation=person.organisation, status=status,
                                  attendance=attendance,
                                  placed_at=timezone.now() if status == "booked" else None)


def make_event(partnership, *, title="Hidden men learning event", days=-30, interest=3,
               attended=2):
    event = Event.objects.create(title=title, kind=Event.Kind.LEARNING_EVENT,
                                 starts_at=timezone.now() + datetime.timedelta(days=days))
    event.partnerships.set([partnership])
    for i in range(interest):
        EventRegistration.objects.create(event=event, name=f"Delegate {i}",
                                         attended=i < attended)
    return event
