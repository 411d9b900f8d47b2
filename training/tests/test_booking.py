"""Booking: places, the waiting list in order, team booking, cancellation, the cut-off and
attendance."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import Role
from core.services import ConcurrentEditError, system_actor
from training import services
from training.models import Booking, Session

from .factories import make_booking, make_course, make_people, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(world):
    return make_session(make_course(world.partnership), capacity=2)


def test_places_then_the_waiting_list_in_order(world, session):
    people = make_people(4)
    bookings = [services.book(actor=system_actor(), partnership=world.partnership,
                              session=session, person=p) for p in people]
    assert [b.status for b in bookings] == ["booked", "booked", "waiting", "waiting"]


def test_a_cancellation_offers_the_place_to_the_first_on_the_waiting_list(world, session):
    people = make_people(4)
    for p in people:
        p.email = f"{p.name.replace(' ', '.').lower()}@example.org"
        p.save()
    first, _, third, fourth = [services.book(actor=system_actor(),
                                             partnership=world.partnership, session=session,
                                             person=p) for p in people]
    mail.outbox.clear()
    services.booking_cancel(actor=system_actor(), booking=first)
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == Booking.Status.BOOKED and third.placed_at is not None
    assert fourth.status == Booking.Status.WAITING


def test_the_learner_books_and_cancels_themselves(world, session, client, login):
    login(world.users[Role.PRACTITIONER])
    url = reverse("training:session_book", kwargs={"slug": "alpha", "pk": session.pk})
    assert client.post(url).status_code == 302
    booking = Booking.objects.get(person=world.people[Role.PRACTITIONER])
    assert booking.status == "booked" and booking.booked_by == world.users[Role.PRACTITIONER]
    services.booking_cancel(actor=world.users[Role.PRACTITIONER], booking=booking)
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_a_learner_may_not_cancel_someone_elses_booking(world, session):
    other = make_booking(session, make_people(1)[0], world.partnership)
    with pytest.raises(PermissionDenied):
        services.booking_cancel(actor=world.users[Role.PRACTITIONER], booking=other)


def test_a_team_manager_books_five_staff_in_one_step(world, client, login):
    session = make_session(make_course(world.partnership), capacity=20)
    staff = make_people(5, organisation=world.orgs["school"], prefix="Teacher")
    login(world.users[Role.AGENCY_LEAD])
    url = reverse("training:team_book", kwargs={"slug": "alpha", "pk": session.pk})
    response = client.post(url, {"people": [p.pk for p in staff]})
    assert response.status_code == 302, response.content.decode()[:2000]
    booked = Booking.objects.filter(session=session, status="booked")
    assert sorted(b.person.name for b in booked) == [p.name for p in staff]
    assert {b.booked_by for b in booked} == {world.users[Role.AGENCY_LEAD]}
    assert {b.organisation for b in booked} == {world.orgs["school"]}


def test_an_agency_lead_may_book_only_their_own_organisations_staff(world):
    session = make_session(make_course(world.partnership))
    outsider = make_people(1, organisation=world.orgs["police"])[0]
    with pytest.raises(PermissionDenied):
        services.team_book(actor=world.users[Role.AGENCY_LEAD], partnership=world.partnership,
                           session=session, people=[outsider])
    assert not Booking.objects.exists()


def test_a_team_booking_with_someone_already_booked_saves_nobody(world):
    session = make_session(make_course(world.partnership))
    staff = make_people(3, organisation=world.orgs["school"])
    make_booking(session, staff[1], world.partnership)
    with pytest.raises(ValidationError, match=staff[1].name):
        services.team_book(actor=world.users[Role.AGENCY_LEAD], partnership=world.partnership,
                           session=session, people=staff)
    assert Booking.objects.count() == 1


def test_booking_after_the_cut_off_is_refused_with_a_clear_message(world, client, login):
    session = make_session(make_course(world.partnership), days=1, cutoff_hours=48)
    login(world.users[Role.PRACTITIONER])
    url = reverse("training:session_book", kwargs={"slug": "alpha", "pk": session.pk})
    response = client.post(url, follow=True)
    assert "Booking for this session closed at" in response.content.decode()
    assert not Booking.objects.exists()


def test_a_learner_cannot_cancel_after_the_cut_off_but_the_business_unit_can(world):
    session = make_session(make_course(world.partnership), days=1, cutoff_hours=48)
    booking = make_booking(session, world.people[Role.PRACTITIONER], world.partnership)
    with pytest.raises(ValidationError, match="Cancellations closed"):
        services.booking_cancel(actor=world.users[Role.PRACTITIONER], booking=booking)
    booking.refresh_from_db()
    assert booking.status == "booked"
    services.booking_cancel(actor=world.users[Role.BUSINESS_UNIT], booking=booking)
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def _session_post(session, **changes):
    local = timezone.localtime
    data = {"starts_at": local(session.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": local(session.ends_at).strftime("%Y-%m-%dT%H:%M"),
            "venue": session.venue, "link": "", "capacity": session.capacity,
            "trainers": session.trainers, "cutoff_hours": session.cutoff_hours,
            "version": session.version}
    data.update(changes)
    return data


def test_a_session_that_ends_before_it_starts_is_refused_and_kept(world, client, login):
    session = make_session(make_course(world.partnership))
    login(world.users[Role.BUSINESS_UNIT])
    url = reverse("training:session_edit", kwargs={"slug": "alpha", "pk": session.pk})
    earlier = timezone.localtime(session.starts_at - datetime.timedelta(hours=1))
    response = client.post(url, _session_post(session, ends_at=earlier.strftime(
        "%Y-%m-%dT%H:%M"), trainers="New trainer"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "The session must end after it starts" in text
    assert "New trainer" in text  # what was typed is kept on the page
    fresh = Session.objects.get(pk=session.pk)
    assert fresh.ends_at == session.ends_at and fresh.trainers == session.trainers


def test_capacity_below_those_already_booked_is_refused(world, client, login):
    session = make_session(make_course(world.partnership), capacity=5)
    for person in make_people(3):
        make_booking(session, person, world.partnership)
    login(world.users[Role.BUSINESS_UNIT])
    url = reverse("training:session_edit", kwargs={"slug": "alpha", "pk": session.pk})
    response = client.post(url, _session_post(session, capacity=2))
    assert "cannot be fewer than the 3 already booked" in response.content.decode()
    assert Session.objects.get(pk=session.pk).capacity == 5


def test_more_places_go_to_the_waiting_list(world):
    session = make_session(make_course(world.partnership), capacity=1)
    first, second, third = [services.book(actor=system_actor(), partnership=world.partnership,
                                          session=session, person=p) for p in make_people(3)]
    services.session_update(actor=system_actor(), partnership=world.partnership,
                            session=session, data={"capacity": 2},
                            expected_version=session.version)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("booked", "waiting")


def test_a_stale_session_edit_is_refused(world):
    session = make_session(make_course(world.partnership))
    services.session_update(actor=system_actor(), partnership=world.partnership,
                            session=session, data={"trainers": "B"}, expected_version=1)
    stale = Session.objects.get(pk=session.pk)
    stale.version = 1
    with pytest.raises(ConcurrentEditError):
        services.session_update(actor=system_actor(), partnership=world.partnership,
                                session=stale, data={"trainers": "C"}, expected_version=1)


def test_attendance_is_taken_on_the_day(world, client, login):
    session = make_session(make_course(world.partnership), days=0, hours=3)
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=30))
    came, missed = [make_booking(session, p, world.partnership) for p in make_people(2)]
    login(world.users[Role.BUSINESS_UNIT])
    url = reverse("training:session_register", kwargs={"slug": "alpha", "pk": session.pk})
    response = client.post(url, {f"b{came.pk}": "attended", f"b{missed.pk}": "no_show"})
    assert response.status_code == 302
    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.attendance, missed.attendance) == ("attended", "no_show")


def test_attendance_before_the_session_starts_is_refused(world):
    session = make_session(make_course(world.partnership), days=3)
    booking = make_booking(session, make_people(1)[0], world.partnership)
    with pytest.raises(ValidationError, match="register opens when the session starts"):
        services.attendance_record(actor=system_actor(), partnership=world.partnership,
                                   session=session, marks={booking.pk: "attended"})


def test_a_reader_sees_the_register_but_may_not_take_it(world, client, login):
    session = make_session(make_course(world.partnership), days=-1)
    booking = make_booking(session, make_people(1)[0], world.partnership)
    login(world.users[Role.SCRUTINEER])
    url = reverse("training:session_register", kwargs={"slug": "alpha", "pk": session.pk})
    assert booking.person.name in client.get(url).content.decode()
    assert client.post(url, {f"b{booking.pk}": "attended"}).status_code == 403


def test_the_calendar_file_names_the_course_and_time(world, client, login):
    session = make_session(make_course(world.partnership, title="Child exploitation"))
    booking = make_booking(session, world.people[Role.PRACTITIONER], world.partnership)
    login(world.users[Role.PRACTITIONER])
    response = client.get(reverse("training:booking_calendar",
                                  kwargs={"slug": "alpha", "pk": booking.pk}))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Child exploitation" in text
    start = session.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in text
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
