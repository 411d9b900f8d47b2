"""Incident and rapid review pages: need to know, audit of views and refusals, forms."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.calendar import add_working_days
from core.models import AuditEvent, Role
from learning.models import Source
from reviews.models import RapidReview, SeriousIncident

from .factories import make_incident, make_rapid_review, panel_incident

TODAY = timezone.localdate


def detail_url(incident):
    return reverse("reviews:incident_detail", args=[incident.partnership.slug, incident.pk])


def audit_rows(action, incident):
    return AuditEvent.objects.filter(action=action, model="reviews.SeriousIncident",
                                     object_id=str(incident.pk))


# ---- need to know ----

@pytest.mark.parametrize("role", [Role.BUSINESS_UNIT, Role.GROUP_MEMBER])
def test_business_unit_and_panel_member_see_the_case_and_the_view_is_logged(world, login, role):
    incident = panel_incident(world)
    client = login(world.users[role])
    response = client.get(detail_url(incident))
    assert response.status_code == 200
    assert "Child P" in response.content.decode()
    event = audit_rows(AuditEvent.Action.VIEW, incident).get()
    assert event.actor == world.users[role]
    assert event.partnership == world.partnership


@pytest.mark.parametrize("who", [Role.PARTNER_DELEGATE, Role.GROUP_CHAIR, Role.SCRUTINEER,
                                 Role.PRACTITIONER, "outsider"])
def test_everyone_else_is_refused_and_the_refusal_is_logged(world, login, who):
    incident = panel_incident(world)
    client = login(world.users[who])
    response = client.get(detail_url(incident))
    assert response.status_code == 403
    assert "Child P" not in response.content.decode()
    event = audit_rows(AuditEvent.Action.REFUSED, incident).get()
    assert event.actor == world.users[who]
    assert event.partnership == world.partnership  # so alpha's business unit sees it
    assert not audit_rows(AuditEvent.Action.VIEW, incident).exists()


def test_refused_edit_pages_are_logged_too(world, login):
    incident = panel_incident(world)
    client = login(world.users[Role.GROUP_MEMBER])  # on the panel, but not the business unit
    url = reverse("reviews:rapid_review_edit", args=["alpha", incident.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    assert audit_rows(AuditEvent.Action.REFUSED, incident).count() == 2


def test_another_partnerships_incident_is_not_found(world, login):
    beta_incident = make_incident(world.other, reference="Child B")
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:incident_detail", args=["alpha", beta_incident.pk])
    assert client.get(url).status_code == 404


def test_the_list_shows_only_what_each_user_may_see(world, login):
    panel_incident(world)
    make_incident(world.partnership, reference="Child Q")
    make_incident(world.other, reference="Child B")
    url = reverse("reviews:incident_list", args=["alpha"])

    def seen(role):
        body = login(world.users[role]).get(url).content.decode()
        return {ref for ref in ("Child P", "Child Q", "Child B") if ref in body}

    assert seen(Role.BUSINESS_UNIT) == {"Child P", "Child Q"}
    assert seen(Role.GROUP_MEMBER) == {"Child P"}
    assert seen(Role.PARTNER_DELEGATE) == set()


def test_incident_list_runs_the_same_queries_for_5_and_500_rows(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:incident_list", args=["alpha"])

    def grow(numbers):
        for n in numbers:
            incident = make_incident(world.partnership, reference=f"Child {n}")
            make_rapid_review(incident, panel=[world.people[Role.GROUP_MEMBER]],
                              agencies=[world.orgs["council"]])

    grow(range(5))
    client.get(url)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    grow(range(5, 500))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["paginator"].count == 500
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_list_filters_and_export(world, login):
    sent = make_incident(world.partnership, reference="Child S",
                         la_aware_on=TODAY() - datetime.timedelta(days=40))
    make_rapid_review(sent, sent_on=TODAY() - datetime.timedelta(days=20), local_review=False)
    make_incident(world.partnership, reference="Child N")
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:incident_list", args=["alpha"])
    body = client.get(url, {"stage": "rapid_review_sent"}).content.decode()
    assert "Child S" in body and "Child N" not in body
    response = client.get(url, {"export": "csv", "stage": "no_rapid_review"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Child N" in text and "Child S" not in text
    assert "Notification due (status)" in text and "(Overdue)" not in text
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


# ---- notifying an incident ----

def test_notify_an_incident_creates_it_with_its_learning_source(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    aware = add_working_days(TODAY(), -1)
    response = client.post(reverse("reviews:incident_create", args=["alpha"]), {
        "reference": "Kingfisher", "la_aware_on": aware.isoformat(), "summary": "Fictional.",
    })
    incident = SeriousIncident.objects.get(reference="Kingfisher")
    assert response.status_code == 302
    assert response["Location"] == detail_url(incident)
    assert incident.source.kind == Source.Kind.RAPID_REVIEW
    assert list(incident.source.partnerships.all()) == [world.partnership]
    assert AuditEvent.objects.filter(action="create", model="reviews.SeriousIncident",
                                     object_id=str(incident.pk)).exists()


@pytest.mark.parametrize(("data", "message"), [
    ({"reference": "", "la_aware_on": "2024-01-10"}, "Enter the pseudonym or reference"),
    ({"reference": "Child F", "la_aware_on": "2099-01-10"}, "cannot be in the future"),
    ({"reference": "Child F", "la_aware_on": "not a date"},
     "Enter a real date for the date the local authority became aware"),
    ({"reference": "Child F", "la_aware_on": "2024-01-10", "notified_on": "2024-01-09"},
     "cannot be before the date the local authority became aware"),
    ({"reference": "child p", "la_aware_on": "2024-01-10"}, "already an incident"),
])
def test_bad_incident_input_saves_nothing(world, login, data, message):
    panel_incident(world)
    client = login(world.users[Role.BUSINESS_UNIT])
    counts = (SeriousIncident.objects.count(), Source.objects.count(), AuditEvent.objects.count())
    response = client.post(reverse("reviews:incident_create", args=["alpha"]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert (SeriousIncident.objects.count(), Source.objects.count(),
            AuditEvent.objects.count()) == counts


# ---- the rapid review ----

def rapid_review_post(world, **overrides):
    data = {
        "partners_aware_on": "2024-01-10", "panel_members": [world.people[Role.GROUP_MEMBER].pk],
        "agencies": [world.orgs["police"].pk, world.orgs["council"].pk],
        "chronology_summary": "Fictional chronology.", "immediate_learning": "Share sooner.",
        "local_review": "True", "decided_on": "2024-01-25", "national_review_suggested": "False",
        "sent_on": "2024-01-30", "panel_response": "", "version": 0,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_start_a_rapid_review(world, login):
    incident = make_incident(world.partnership, reference="Child R",
                             la_aware_on=datetime.date(2024, 1, 10))
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:rapid_review_edit", args=["alpha", incident.pk])
    assert "Start the rapid review" in client.get(url).content.decode()
    response = client.post(url, rapid_review_post(world))
    assert response.status_code == 302
    review = RapidReview.objects.get(incident=incident)
    assert review.local_review is True and review.national_review_suggested is False
    assert set(review.panel_members.all()) == {world.people[Role.GROUP_MEMBER]}
    assert review.source.kind == Source.Kind.RAPID_REVIEW
    # 15 working days from 10 January 2024 is 31 January: sent on the 30th, so met.
    body = client.get(detail_url(incident)).content.decode()
    assert "31 Jan 2024" in body and "Met" in body


@pytest.mark.parametrize(("overrides", "message"), [
    ({"sent_on": "2024-01-09"}, "The completed date cannot be before the date the partners "
                                "became aware"),
    ({"decided_on": "2024-01-01"}, "The decision date cannot be before"),
    ({"local_review": "", "decided_on": ""}, "must record whether a local review will be held"),
    ({"local_review": ""}, "Say whether a local review will be held"),
    ({"sent_on": "2099-01-01"}, "cannot be in the future"),
    ({"partners_aware_on": ""}, "Enter the date the safeguarding partners became aware"),
])
def test_bad_rapid_review_input_saves_nothing(world, login, overrides, message):
    incident = make_incident(world.partnership, reference="Child R",
                             la_aware_on=datetime.date(2024, 1, 10))
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:rapid_review_edit", args=["alpha", incident.pk])
    sources, events = Source.objects.count(), AuditEvent.objects.count()
    response = client.post(url, rapid_review_post(world, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RapidReview.objects.exists()
    assert Source.objects.count() == sources
    assert AuditEvent.objects.count() == events


def test_panel_members_must_work_with_the_partnership(world, login):
    incident = make_incident(world.partnership, reference="Child R",
                             la_aware_on=datetime.date(2024, 1, 10))
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:rapid_review_edit", args=["alpha", incident.pk])
    response = client.post(url, rapid_review_post(
        world, panel_members=[world.people["outsider"].pk]))
    assert response.status_code == 200
    assert not RapidReview.objects.exists()


def test_updating_a_rapid_review_with_a_stale_version_is_refused(world, login):
    incident = make_incident(world.partnership, reference="Child R",
                             la_aware_on=datetime.date(2024, 1, 10))
    review = make_rapid_review(incident)
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:rapid_review_edit", args=["alpha", incident.pk])
    first = client.post(url, rapid_review_post(world, version=review.version))
    assert first.status_code == 302
    stale = client.post(url, rapid_review_post(world, version=review.version,
                                               panel_response="Too late"))
    assert stale.status_code == 200
    assert "Someone else changed this record" in stale.content.decode()
    review.refresh_from_db()
    assert review.panel_response == ""
    assert review.version == 2


def test_panel_changes_are_audited(world, login):
    incident = make_incident(world.partnership, reference="Child R",
                             la_aware_on=datetime.date(2024, 1, 10))
    review = make_rapid_review(incident, local_review=True)
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:rapid_review_edit", args=["alpha", incident.pk])
    client.post(url, rapid_review_post(world, version=review.version))
    change = AuditEvent.objects.filter(action="change", model="reviews.RapidReview",
                                       changes__has_key="panel_members").get()
    assert change.changes["panel_members"] == {"from": [],
                                               "to": [str(world.people[Role.GROUP_MEMBER])]}


# ---- the home page panel ----

def test_overdue_deadlines_appear_on_the_business_units_home_page(world, login):
    late = make_incident(world.partnership, reference="Child O",
                         la_aware_on=add_working_days(TODAY(), -8))
    make_incident(world.partnership, reference="Child D",
                  la_aware_on=add_working_days(TODAY(), -2))  # due soon
    make_incident(world.partnership, reference="Child Done",
                  la_aware_on=add_working_days(TODAY(), -8),
                  notified_on=add_working_days(TODAY(), -6))  # met
    url = reverse("core:partnership_home", args=["alpha"])
    body = login(world.users[Role.BUSINESS_UNIT]).get(url).content.decode()
    assert "Statutory deadlines needing attention" in body
    assert "Child O" in body and "Overdue" in body
    assert "Child D" in body and "Due soon" in body
    assert "Child Done" not in body
    assert detail_url(late) in body
    other = login(world.users[Role.GROUP_MEMBER]).get(url).content.decode()
    assert "Statutory deadlines needing attention" not in other


def test_starting_a_rapid_review_someone_else_started_is_refused(world, login):
    incident = make_incident(world.partnership, reference="Child R",
                             la_aware_on=datetime.date(2024, 1, 10))
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:rapid_review_edit", args=["alpha", incident.pk])
    make_rapid_review(incident)  # saved by a colleague after this user opened the form
    response = client.post(url, rapid_review_post(world))  # version 0: a start form
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert RapidReview.objects.get(incident=incident).sent_on is None


def test_edit_an_incident_records_the_change(world, login):
    incident = make_incident(world.partnership, reference="Child E",
                             la_aware_on=datetime.date(2024, 1, 10))
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:incident_edit", args=["alpha", incident.pk])
    assert 'value="Child E"' in client.get(url).content.decode()
    response = client.post(url, {"reference": "Child E", "la_aware_on": "2024-01-10",
                                 "notified_on": "2024-01-12", "version": incident.version})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.notified_on == datetime.date(2024, 1, 12)
    change = AuditEvent.objects.get(action="change", model="reviews.SeriousIncident")
    assert change.changes["notified_on"]["to"] == "2024-01-12"


# ---- optimistic locking cannot be skipped (decision 0002) ----

def test_an_incident_post_without_a_version_or_with_0_leaves_the_newer_save(world, login):
    incident = make_incident(world.partnership, reference="Child E",
                             la_aware_on=datetime.date(2024, 1, 10))
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:incident_edit", args=["alpha", incident.pk])
    form = {"reference": "Child E", "la_aware_on": "2024-01-10", "notified_on": "2024-01-12"}
    assert client.post(url, {**form, "summary": "Newer", "version": 1}).status_code == 302
    for extra in ({}, {"version": "0"}):
        response = client.post(url, {**form, "summary": "Older", **extra})
        assert response.status_code == 200
        assert "This page is out of date" in response.content.decode()
        incident.refresh_from_db()
        assert (incident.summary, incident.version) == ("Newer", 2)


def test_a_practice_review_milestone_post_needs_the_version_it_showed(world, login):
    from reviews.models import Milestone

    from .factories import panel_practice_review

    review = panel_practice_review(world)
    milestone = review.milestones.get()
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:milestone_complete", args=["alpha", review.pk, milestone.pk])
    today = timezone.localdate().isoformat()
    for extra in ({}, {"version": "0"}):
        response = client.post(url, {"done_on": today, **extra})
        assert response.status_code == 200
        assert "This page is out of date" in response.content.decode()
    Milestone.objects.filter(pk=milestone.pk).update(version=2)  # someone else saved it
    response = client.post(url, {"done_on": today, "version": "1"})
    assert "Someone else changed this record" in response.content.decode()
    assert Milestone.objects.get(pk=milestone.pk).done_on is None
    assert client.post(url, {"done_on": today, "version": "2"}).status_code == 302
    assert Milestone.objects.get(pk=milestone.pk).version == 3
