"""Pages run a fixed number of queries whatever the number of bookings; figures are counted
from records; evaluations and follow-ups move them; imports are all or nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Role
from core.services import system_actor
from learning.models import Theme
from training import selectors, services
from training.models import Booking, ELearningCompletion, NoShowCharge

from .factories import make_booking, make_course, make_event, make_people, make_session

pytestmark = pytest.mark.django_db


def _fill(world, n):
    """`n` bookings spread over sessions of two courses, some attended and evaluated."""
    theme = Theme.objects.order_by("pk").first()
    courses = [make_course(world.partnership, title=f"Course {i}", themes=[theme])
               for i in range(2)]
    sessions = [make_session(c, days=d, capacity=1000) for c in courses for d in (-3, 10)]
    people = make_people(n)
    Booking.objects.bulk_create([
        Booking(session=sessions[i % len(sessions)], person=p, partnership=world.partnership,
                organisation=p.organisation, status="booked",
                attendance="attended" if i % 2 else "")
        for i, p in enumerate(people)])
    return sessions


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["course_list", "course_detail", "session_detail",
                                  "session_register", "figures", "my_training"])
def test_pages_run_the_same_queries_for_10_and_500_bookings(world, client, login, page):
    counts = []
    login(world.users[Role.BUSINESS_UNIT])
    for n in (10, 500):
        Booking.objects.all().delete()
        sessions = _fill(world, n)
        kwargs = {"slug": "alpha"}
        if page == "course_detail":
            kwargs["pk"] = sessions[0].course_id
        elif page in {"session_detail", "session_register"}:
            kwargs["pk"] = sessions[0].pk
        url = reverse(f"training:{page}", kwargs=kwargs)
        _queries(client, url)  # warm per-request caches (menu, scope)
        counts.append(_queries(client, url))
    assert counts[0] == counts[1], counts


def test_figures_are_counted_from_bookings_evaluations_and_follow_ups(world):
    theme = Theme.objects.order_by("pk").first()
    course = make_course(world.partnership, themes=[theme])
    session = make_session(course, days=-10)
    people = make_people(4, organisation=world.orgs["police"])
    bookings = [make_booking(session, p, world.partnership,
                             attendance="attended" if i < 3 else "no_show")
                for i, p in enumerate(people)]
    NoShowCharge.objects.create(partnership=world.partnership, amount=Decimal("40.00"),
                                starts_on=datetime.date(2000, 1, 1))
    for booking, rating, before, after in [(bookings[0], 4, 2, 4), (bookings[1], 3, 3, 4),
                                           (bookings[2], 2, 2, 2)]:
        services.evaluation_submit(actor=system_actor(), booking=booking, data={
            "rating": rating, "confidence_before": before, "confidence_after": after,
            "practice_change": "Ask who else lives in the house"})
    services.follow_up_submit(actor=system_actor(), booking=bookings[0],
                              data={"applied": "yes", "confidence_now": 4})
    today = timezone.localdate()
    f = selectors.figures(world.partnership, today - datetime.timedelta(days=30), today)
    assert (f.places_booked, f.attended, f.no_shows) == (4, 3, 1)
    assert f.good_or_excellent_percent == 67  # 2 of 3
    assert (f.confidence_before, f.confidence_after, f.confidence_change) == (2.3, 3.3, 1.0)
    assert (f.follow_ups, f.applied_percent) == (1, 100)
    [org] = f.by_organisation
    assert (org.label, org.attended, org.no_shows, org.charge) == ("Alpha Police", 3, 1,
                                                                   Decimal("40.00"))
    assert [r.label for r in f.by_theme] == [theme.name]


def test_an_evaluation_needs_attendance_and_moves_the_figures(world, client, login):
    session = make_session(make_course(world.partnership), days=-2)
    booking = make_booking(session, world.people[Role.PRACTITIONER], world.partnership)
    with pytest.raises(ValidationError, match="once the register shows you attended"):
        services.evaluation_submit(actor=world.users[Role.PRACTITIONER], booking=booking,
                                   data={})
    Booking.objects.filter(pk=booking.pk).update(attendance="attended")
    login(world.users[Role.PRACTITIONER])
    url = reverse("training:booking_evaluate", kwargs={"slug": "alpha", "pk": booking.pk})
    response = client.post(url, {"rating": "", "confidence_before": "2"})
    assert "Choose how you would rate the session" in response.content.decode()
    response = client.post(url, {"rating": "4", "confidence_before": "2",
                                 "confidence_after": "5", "practice_change": "Curiosity"})
    assert response.status_code == 302
    today = timezone.localdate()
    f = selectors.figures(world.partnership, today - datetime.timedelta(days=7), today)
    assert (f.evaluations, f.good_or_excellent_percent, f.confidence_change) == (1, 100, 3.0)


def _csv(text):
    return SimpleUploadedFile("completions.csv", text.encode(), content_type="text/csv")


def test_an_import_with_one_bad_row_saves_nothing_and_names_it(world, client, login):
    course = make_course(world.partnership, title="Safeguarding awareness",
                         delivery="e_learning")
    login(world.users[Role.BUSINESS_UNIT])
    url = reverse("training:completion_import", kwargs={"slug": "alpha"})
    bad = ("course,organisation,month,completions\n"
           "Safeguarding awareness,Alpha Police,2024-03,120\n"
           "Safeguarding awareness,Nowhere Trust,2024-03,15\n"
           "Safeguarding awareness,Alphaton Council,2024-03,lots\n")
    response = client.post(url, {"file": _csv(bad)})
    # Rows are numbered from 1 for the first row below the header, as in every import.
    problems = [(p.row, p.field, p.message) for p in response.context["problems"]]
    assert problems == [
        (2, "organisation", "The organisation 'Nowhere Trust' is not a partner."),
        (3, "completions", "The completions 'lots' are not a whole number of 0 or more.")]
    assert "Nothing was saved: 3 rows processed, 2 with problems" in response.content.decode()
    assert not ELearningCompletion.objects.exists()
    for value in ("²", "1.0.0", "10.05"):
        response = client.post(url, {"file": _csv(
            f"course,organisation,month,completions\n"
            f"Safeguarding awareness,Alpha Police,2024-03,{value}\n")})
        assert [(p.row, p.field) for p in response.context["problems"]] == [
            (1, "completions")], value
    assert not ELearningCompletion.objects.exists()
    good = ("course,organisation,month,completions\n"
            "Safeguarding awareness,Alpha Police,2024-03,120\n"
            "Safeguarding awareness,Alphaton Council,2024-04,15\n")
    assert client.post(url, {"file": _csv(good)}).status_code == 302
    assert sum(c.completions for c in ELearningCompletion.objects.filter(course=course)) == 135
    f = selectors.figures(world.partnership, datetime.date(2024, 1, 1),
                          datetime.date(2024, 12, 31))
    assert f.elearning_completions == 135


def test_event_totals_are_counted(world):
    event = make_event(world.partnership, interest=5, attended=3)
    services.event_contributor_add(actor=system_actor(), partnership=world.partnership,
                                   event=event, data={"name": "A Speaker", "role": "speaker"})
    today = timezone.localdate()
    f = selectors.figures(world.partnership, today - datetime.timedelta(days=60), today)
    assert (f.event_interest, f.event_attendees, f.event_contributors) == (5, 3, 1)


def test_the_themes_page_shows_the_training_that_answered_each_theme(world, client, login):
    from learning.models import Finding, Source

    theme = Theme.objects.order_by("pk").first()
    source = Source.objects.create(kind=Source.Kind.MEETING, title="Rapid review Kestrel")
    source.partnerships.add(world.partnership)
    finding = Finding.objects.create(partnership=world.partnership, source=source,
                                     text="Fathers were not seen")
    finding.themes.add(theme)
    course = make_course(world.partnership, title="Seeing the whole family", themes=[theme])
    session = make_session(course, days=-5)
    for person in make_people(3):
        make_booking(session, person, world.partnership, attendance="attended")
    login(world.users[Role.BUSINESS_UNIT])
    text = client.get(reverse("learning:thematic_analysis", kwargs={"slug": "alpha"})
                      ).content.decode()
    assert "Training that answered each theme" in text
    assert "Seeing the whole family</a> (1 session)" in text


def test_my_training_shows_the_evaluation_and_follow_up_due(world, client, login):
    session = make_session(make_course(world.partnership), days=-2)
    booking = make_booking(session, world.people[Role.PRACTITIONER], world.partnership,
                           attendance="attended")
    login(world.users[Role.PRACTITIONER])
    text = client.get(reverse("training:my_training", kwargs={"slug": "alpha"})
                      ).content.decode()
    assert "Evaluation sent after the session: due" in text
    assert "Impact follow-up some months later: due" in text
    services.evaluation_submit(actor=system_actor(), booking=booking, data={
        "rating": 3, "confidence_before": 3, "confidence_after": 4, "practice_change": "More"})
    text = client.get(reverse("training:my_training", kwargs={"slug": "alpha"})
                      ).content.decode()
    assert "Evaluation sent after the session: due" not in text
    assert "Impact follow-up some months later: due" in text


def test_the_daily_reminder_chases_an_evaluation_then_the_follow_up(world):
    from core.reminders import collect

    person = world.people[Role.PRACTITIONER]
    person.email = "practitioner@example.org"
    person.save()
    session = make_session(make_course(world.partnership, title="Hidden men"), days=-20)
    booking = make_booking(session, person, world.partnership, attendance="attended")
    today = timezone.localdate()
    texts = [r.text for r in collect(today) if r.email == person.email]
    assert texts == [f"Evaluation sent after the session for “Hidden men” is overdue since "
                     f"{texts[0].rsplit('since ', 1)[1]}"]
    services.evaluation_submit(actor=system_actor(), booking=booking, data={
        "rating": 3, "confidence_before": 3, "confidence_after": 4, "practice_change": "More"})
    assert [r for r in collect(today) if r.email == person.email] == []
    later = today + datetime.timedelta(days=80)
    [reminder] = [r for r in collect(later) if r.email == person.email]
    assert reminder.text.startswith("Impact follow-up some months later for “Hidden men” is")
    assert reminder.path.endswith(f"/bookings/{booking.pk}/follow-up/")
