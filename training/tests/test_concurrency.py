"""Concurrent bookings for the last places never overbook (PostgreSQL: row locks)."""

import threading

import pytest
from django.db import connection, connections

from core.services import system_actor
from training import services
from training.models import Booking

from .factories import make_booking, make_course, make_people, make_session

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks (select_for_update) need PostgreSQL; SQLite "
                              "serialises every write anyway"),
]


def test_twenty_concurrent_bookings_for_the_last_three_places(world):
    session = make_session(make_course(world.partnership), capacity=10)
    for person in make_people(7, prefix="Early"):
        make_booking(session, person, world.partnership)
    people = make_people(20, prefix="Late")
    actor = system_actor()
    start = threading.Barrier(len(people))
    errors = []

    def book(person):
        try:
            start.wait()
            services.book(actor=actor, partnership=world.partnership, session=session,
                          person=person)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    late = list(Booking.objects.filter(person__in=people).order_by("created_at", "pk"))
    assert len(late) == 20
    assert Booking.objects.filter(session=session, status="booked").count() == 10
    statuses = [b.status for b in late]
    # The first three to take the session's lock got the places; the rest queue in the
    # order they took it.
    assert statuses == ["booked"] * 3 + ["waiting"] * 17
    waiting = [b for b in late if b.status == "waiting"]

    services.booking_cancel(actor=actor, booking=late[0])
    promoted = Booking.objects.get(pk=waiting[0].pk)
    assert promoted.status == "booked"
    assert Booking.objects.filter(session=session, status="booked").count() == 10
