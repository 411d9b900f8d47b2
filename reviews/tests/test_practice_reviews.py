"""Local child safeguarding practice reviews: services, clock, need to know, the public
window, and the pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.calendar import add_months
from core.deadlines import Status
from core.models import AuditEvent, Role
from core.services import ConcurrentEditError, system_actor
from learning.models import Source
from reviews import services
from reviews.clock import deadlines_for
from reviews.models import LearningEvent, Milestone, PracticeReview
from reviews.selectors import open_deadlines, published_reviews, rules_for

from .factories import (
    make_incident,
    make_practice_review,
    make_rapid_review,
    panel_incident,
    panel_practice_review,
)

D = datetime.date
TODAY = timezone.localdate


def counts():
    return (PracticeReview.objects.count(), Source.objects.count(),
            AuditEvent.objects.count(), Milestone.objects.count(),
            LearningEvent.objects.count())


DECIDED = D(2024, 1, 25)


def deciding_rapid_review(world, reference="Child R", decided=DECIDED):
    incident = make_incident(world.partnership, reference=reference,
                             la_aware_on=D(2024, 1, 10))
    return make_rapid_review(incident, local_review=True, decided_on=decided,
                             panel=[world.people[Role.GROUP_MEMBER]])


# ---- services ----

def test_a_review_from_a_rapid_review_owns_its_learning_source(world):
    rapid = deciding_rapid_review(world)
    review = make_practice_review(world.partnership, pseudonym="Kingfisher",
                                  rapid_review=rapid, decided_on=D(2024, 1, 25),
                                  panel=[world.people[Role.GROUP_MEMBER]])
    assert review.source.kind == Source.Kind.PRACTICE_REVIEW
    assert review.source.title == "Practice review: Kingfisher"
    assert list(review.source.partnerships.all()) == [world.partnership]
    assert rapid.practice_review == review
    assert AuditEvent.objects.filter(action="create", model="reviews.PracticeReview",
                                     object_id=str(review.pk)).exists()


def test_a_historic_serious_case_review_is_a_serious_case_review_source(world):
    review = make_practice_review(world.partnership, pseudonym="Eve", kind="historic_scr",
                                  decided_on=None)
    assert review.source.kind == Source.Kind.SERIOUS_CASE_REVIEW
    services.practice_review_update(actor=system_actor(), review=review, expected_version=review.version,
                                    data={"kind": "other", "pseudonym": "Eve (near miss)"})
    review.source.refresh_from_db()
    assert review.source.kind == Source.Kind.LEARNING_REVIEW
    assert review.source.title == "Learning review: Eve (near miss)"
    assert review.source.is_restricted


NHS = "943 476 5919"  # a valid check digit


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"decided_on": None}, "decided_on", "Enter the date of the decision"),
    ({"decided_on": TODAY() + datetime.timedelta(days=3)}, "decided_on",
     "cannot be in the future"),
    ({"signed_off_on": D(2024, 3, 1), "published_on": D(2024, 2, 1)}, "published_on",
     "Publication cannot be before the partners signed the review off"),
    ({"published_on": D(2024, 5, 1)}, "published_on",
     "Enter the date the partners signed the review off before its publication date"),
    ({"signed_off_on": D(2024, 3, 1), "sent_to_panel_on": D(2024, 2, 20)}, "sent_to_panel_on",
     "cannot be sent before the partners signed it off"),
    ({"signed_off_on": D(2024, 3, 1), "published_on": D(2024, 4, 1),
      "removed_on": D(2024, 3, 20)}, "removed_on", "cannot be taken down before"),
    ({"draft_received_on": D(2023, 12, 1)}, "draft_received_on",
     "before the decision to hold the review"),
    ({"draft_received_on": D(2024, 3, 1), "signed_off_on": D(2024, 2, 1)}, "signed_off_on",
     "Sign-off cannot be before the draft was received"),
    ({"publication_summary": f"Child T (NHS {NHS}) was harmed."}, "publication_summary",
     "looks like an NHS number"),
    ({"publication_summary": "Jane Smith, 12/03/2015, lived in the area."},
     "publication_summary", "date of birth next to a name"),
    ({"pseudonym": "child p"}, "pseudonym", "already a review called"),
    ({"pseudonym": "  "}, "pseudonym", "This field cannot be blank"),
])
def test_bad_input_is_refused_and_nothing_is_saved(world, data, field, message):
    make_practice_review(world.partnership, pseudonym="Child P", decided_on=D(2024, 1, 2))
    before = counts()
    with pytest.raises(ValidationError) as error:
        services.practice_review_create(
            actor=world.users[Role.BUSINESS_UNIT], partnership=world.partnership,
            data={"pseudonym": "Child Z", "kind": "individual", "decided_on": D(2024, 1, 2),
                  **data})
    assert message in " ".join(error.value.message_dict[field])
    assert counts() == before


def test_a_rapid_review_that_did_not_decide_on_a_local_review_cannot_start_one(world):
    incident = make_incident(world.partnership, reference="Child N",
                             la_aware_on=D(2024, 1, 10))
    undecided = make_rapid_review(incident, local_review=False, decided_on=D(2024, 1, 20))
    before = counts()
    with pytest.raises(ValidationError, match="did not decide to hold a local review"):
        make_practice_review(world.partnership, pseudonym="Child N", rapid_review=undecided,
                             decided_on=D(2024, 1, 20))
    rapid = deciding_rapid_review(world)
    make_practice_review(world.partnership, pseudonym="One", rapid_review=rapid,
                         decided_on=D(2024, 1, 25))
    before = counts()
    with pytest.raises(ValidationError, match="already has its practice review"):
        make_practice_review(world.partnership, pseudonym="Two", rapid_review=rapid,
                             decided_on=D(2024, 1, 25))
    assert counts() == before


def test_another_partnerships_rapid_review_or_outside_panel_member_is_refused(world):
    beta = make_incident(world.other, reference="Child B", la_aware_on=D(2024, 1, 10))
    beta_rapid = make_rapid_review(beta, local_review=True, decided_on=D(2024, 1, 20))
    before = counts()
    with pytest.raises(ValidationError, match="rapid review of this partnership"):
        make_practice_review(world.partnership, pseudonym="X", rapid_review=beta_rapid)
    with pytest.raises(ValidationError, match="panel members who work with this partnership"):
        make_practice_review(world.partnership, pseudonym="X",
                             panel=[world.people["outsider"]])
    assert counts() == before


def test_a_stale_update_is_refused_and_changes_nothing(world):
    review = make_practice_review(world.partnership, pseudonym="Child S",
                                  decided_on=D(2024, 1, 2))
    services.practice_review_update(actor=system_actor(),
                                    review=PracticeReview.objects.get(pk=review.pk),
                                    data={"reviewer_name": "A Reviewer"}, expected_version=1)
    with pytest.raises(ConcurrentEditError):
        services.practice_review_update(
            actor=system_actor(), review=PracticeReview.objects.get(pk=review.pk),
            data={"reviewer_name": "Someone else"}, expected_version=1)
    review.refresh_from_db()
    assert (review.reviewer_name, review.version) == ("A Reviewer", 2)


def test_milestones_and_learning_events_check_their_dates(world):
    review = make_practice_review(world.partnership, pseudonym="Child S",
                                  decided_on=D(2024, 1, 2))
    before = counts()
    with pytest.raises(ValidationError, match="cannot be due before the decision"):
        services.milestone_add(actor=system_actor(), review=review, name="Draft",
                               due_on=D(2023, 12, 1))
    with pytest.raises(ValidationError, match="cannot be in the future"):
        services.milestone_add(actor=system_actor(), review=review, name="Draft",
                               due_on=D(2024, 3, 1), done_on=TODAY() + datetime.timedelta(days=2))
    with pytest.raises(ValidationError, match="Enter the milestone"):
        services.milestone_add(actor=system_actor(), review=review, name=" ", due_on=D(2024, 3, 1))
    with pytest.raises(ValidationError, match="cannot be before the decision"):
        services.learning_event_add(actor=system_actor(), review=review, held_on=D(2023, 6, 1),
                                    title="Briefing", attendees=20)
    with pytest.raises(ValidationError, match="once the event has taken place"):
        services.learning_event_add(actor=system_actor(), review=review,
                                    held_on=TODAY() + datetime.timedelta(days=9),
                                    title="Briefing", attendees=20)
    assert counts() == before
    milestone = services.milestone_add(actor=system_actor(), review=review, name="Draft",
                                       due_on=D(2024, 3, 1))
    services.milestone_complete(actor=system_actor(), milestone=milestone, done_on=D(2024, 3, 4),
                                expected_version=milestone.version)
    milestone.refresh_from_db()
    assert milestone.done_on == D(2024, 3, 4)


def test_the_briefing_is_a_checked_document_or_a_link(world):
    review = make_practice_review(world.partnership, pseudonym="Child S",
                                  decided_on=D(2024, 1, 2))
    before = counts()
    with pytest.raises(ValidationError) as error:
        services.practice_review_set_briefing(
            actor=system_actor(), review=review, file=SimpleUploadedFile("brief.pdf", b"MZ not a pdf"),
            expected_version=1)
    assert "its content is not" in " ".join(error.value.message_dict["file"])
    with pytest.raises(ValidationError, match="right format"):
        services.practice_review_set_briefing(actor=system_actor(), review=review, expected_version=1,
                                              url="javascript:alert(1)")
    with pytest.raises(ValidationError, match="not both"):
        services.practice_review_set_briefing(
            actor=system_actor(), review=review, url="https://example.org/b", expected_version=1,
            file=SimpleUploadedFile("brief.pdf", b"%PDF-1.7"))
    assert counts() == before
    review.refresh_from_db()
    assert not review.briefing_file and not review.briefing_url
    linked = services.practice_review_set_briefing(actor=system_actor(), review=review, expected_version=1,
                                                   url="https://example.org/brief")
    assert linked.briefing_url == "https://example.org/brief" and linked.version == 2
    filed = services.practice_review_set_briefing(
        actor=system_actor(), review=linked, file=SimpleUploadedFile("brief.pdf", b"%PDF-1.7"),
        expected_version=linked.version)
    assert filed.briefing_file.name.endswith(".pdf") and filed.briefing_url == ""


# ---- the statutory clock ----

def _statuses(review, today):
    return {d.rule.key: d.status
            for d in deadlines_for(review, rules_for(review.partnership), today)}


def test_clock_statuses_for_a_local_review(world):
    decided = D(2023, 7, 3)  # publication due 3 January 2024
    review = make_practice_review(world.partnership, pseudonym="Child C", decided_on=decided)
    assert _statuses(review, D(2023, 9, 1)) == {"lcspr-published": Status.ON_TRACK}
    assert _statuses(review, D(2023, 12, 29)) == {"lcspr-published": Status.DUE_SOON}
    assert _statuses(review, D(2024, 1, 4)) == {"lcspr-published": Status.OVERDUE}
    review.signed_off_on = D(2023, 12, 1)
    review.published_on = D(2024, 1, 3)  # final report due 7 working days before: 21 Dec
    review.sent_to_panel_on = D(2023, 12, 20)
    assert _statuses(review, D(2024, 2, 1)) == {
        "lcspr-published": Status.MET, "final-report-sent": Status.MET,
        "public-site": Status.ON_TRACK}
    review.published_on, review.sent_to_panel_on = D(2024, 1, 10), D(2024, 1, 5)
    assert _statuses(review, D(2025, 1, 10)) == {
        "lcspr-published": Status.MET_LATE, "final-report-sent": Status.MET_LATE,
        "public-site": Status.MET}
    review.sent_to_panel_on = None
    assert _statuses(review, D(2024, 2, 1))["final-report-sent"] == Status.OVERDUE
    review.removed_on = D(2024, 6, 1)
    assert _statuses(review, D(2024, 7, 1))["public-site"] == Status.ENDED_EARLY


def test_historic_and_other_reviews_have_only_the_public_site_clock(world):
    review = make_practice_review(world.partnership, pseudonym="Eve", kind="historic_scr",
                                  decided_on=D(2018, 1, 1), signed_off_on=D(2019, 1, 1))
    assert _statuses(review, D(2019, 6, 1)) == {}
    review.published_on = D(2019, 2, 1)
    assert _statuses(review, D(2019, 6, 1)) == {"public-site": Status.ON_TRACK}


def test_overdue_review_deadlines_reach_the_home_panel(world, login):
    late = make_practice_review(world.partnership, pseudonym="Child L",
                                decided_on=add_months(TODAY(), -7))
    make_practice_review(world.partnership, pseudonym="Child Fine",
                         decided_on=add_months(TODAY(), -1))
    make_practice_review(world.partnership, pseudonym="Old SCR", kind="historic_scr",
                         decided_on=D(2015, 1, 1))
    rows = open_deadlines(world.partnership, TODAY())
    assert [(r.reference, d.status) for r, d in rows] == [("Child L", Status.OVERDUE)]
    body = login(world.users[Role.BUSINESS_UNIT]).get(
        reverse("core:partnership_home", args=["alpha"])).content.decode()
    assert "Child L" in body
    assert reverse("reviews:practice_review_detail", args=["alpha", late.pk]) in body


# ---- the public window ----

def test_published_reviews_are_those_within_their_public_window(world):
    today = D(2025, 6, 1)

    def published(name, on, **extra):
        return make_practice_review(world.partnership, pseudonym=name,
                                    decided_on=on - datetime.timedelta(days=120),
                                    signed_off_on=on - datetime.timedelta(days=30),
                                    published_on=on, **extra)

    published("Current", D(2025, 1, 15))
    published("Last day", D(2024, 6, 2))  # withdrawn after 2 June 2025
    published("Past its window", D(2024, 6, 1))
    published("Taken down", D(2025, 2, 1), removed_on=D(2025, 5, 1))
    make_practice_review(world.partnership, pseudonym="Unpublished", decided_on=D(2025, 1, 1))
    make_practice_review(world.other, pseudonym="Beta", decided_on=D(2024, 10, 1),
                         signed_off_on=D(2025, 1, 1), published_on=D(2025, 2, 1))
    names = [r.pseudonym for r in published_reviews(world.partnership, today)]
    assert names == ["Current", "Last day"]
    assert [r.pseudonym for r in published_reviews(world.partnership, D(2024, 6, 1))] == [
        "Past its window"]


# ---- need to know ----

def detail_url(review):
    return reverse("reviews:practice_review_detail", args=[review.partnership.slug, review.pk])


def audit_rows(action, review):
    return AuditEvent.objects.filter(action=action, model="reviews.PracticeReview",
                                     object_id=str(review.pk))


@pytest.mark.parametrize("role", [Role.BUSINESS_UNIT, Role.GROUP_MEMBER])
def test_business_unit_and_panel_see_the_review_and_the_view_is_logged(world, login, role):
    review = panel_practice_review(world)
    response = login(world.users[role]).get(detail_url(review))
    assert response.status_code == 200
    assert "Kingfisher" in response.content.decode()
    event = audit_rows(AuditEvent.Action.VIEW, review).get()
    assert event.actor == world.users[role] and event.partnership == world.partnership


@pytest.mark.parametrize("who", [Role.PARTNER_DELEGATE, Role.GROUP_CHAIR, Role.SCRUTINEER,
                                 Role.AGENCY_LEAD, Role.PRACTITIONER, "outsider"])
def test_everyone_else_is_refused_and_the_refusal_is_logged(world, login, who):
    review = panel_practice_review(world)
    response = login(world.users[who]).get(detail_url(review))
    assert response.status_code == 403
    assert "Terms of reference" not in response.content.decode()
    event = audit_rows(AuditEvent.Action.REFUSED, review).get()
    assert event.actor == world.users[who] and event.partnership == world.partnership
    assert not audit_rows(AuditEvent.Action.VIEW, review).exists()


def test_the_rapid_reviews_panel_is_not_the_practice_reviews_panel(world, login):
    incident = panel_incident(world)  # its rapid review names the group member
    rapid = make_rapid_review(incident, partners_aware_on=incident.la_aware_on,
                              local_review=True, decided_on=TODAY(),
                              panel=[world.people[Role.GROUP_MEMBER]])
    review = make_practice_review(world.partnership, pseudonym="Child P review",
                                  rapid_review=rapid, decided_on=TODAY())
    client = login(world.users[Role.GROUP_MEMBER])  # on the rapid review's panel only
    assert client.get(detail_url(review)).status_code == 403
    assert audit_rows(AuditEvent.Action.REFUSED, review).exists()


def test_a_published_briefing_is_open_to_the_partnership(world, login):
    review = panel_practice_review(world)
    url = reverse("reviews:briefing_download", args=["alpha", review.pk])
    assert login(world.users[Role.PRACTITIONER]).get(url).status_code == 403
    services.practice_review_update(actor=system_actor(), review=review, expected_version=review.version,
                                    data={"signed_off_on": TODAY(), "published_on": TODAY()})
    response = login(world.users[Role.PRACTITIONER]).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert login(world.users["outsider"]).get(url).status_code == 403


# ---- pages ----

def test_the_list_shows_only_what_each_user_may_see(world, login):
    panel_practice_review(world)
    make_practice_review(world.partnership, pseudonym="Angel")
    make_practice_review(world.other, pseudonym="Beta review")
    url = reverse("reviews:practice_review_list", args=["alpha"])

    def seen(role):
        body = login(world.users[role]).get(url).content.decode()
        return {n for n in ("Kingfisher", "Angel", "Beta review") if n in body}

    assert seen(Role.BUSINESS_UNIT) == {"Kingfisher", "Angel"}
    assert seen(Role.GROUP_MEMBER) == {"Kingfisher"}
    assert seen(Role.PARTNER_DELEGATE) == set()


def test_list_runs_the_same_queries_for_5_and_500_rows(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:practice_review_list", args=["alpha"])

    def grow(numbers):
        for n in numbers:
            review = make_practice_review(world.partnership, pseudonym=f"Review {n}",
                                          panel=[world.people[Role.GROUP_MEMBER]])
            services.milestone_add(actor=system_actor(), review=review, name="Draft",
                                   due_on=TODAY() - datetime.timedelta(days=1))
            services.learning_event_add(actor=system_actor(), review=review, held_on=TODAY(),
                                        title="Briefing", attendees=10)

    grow(range(5))
    client.get(url)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    grow(range(5, 500))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["paginator"].count == 500
    assert "1 overdue" in response.content.decode()
    # session, user, scope, partnership, rules; count and page of reviews; their milestones.
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_list_filters_and_export(world, login):
    make_practice_review(world.partnership, pseudonym="Thematic one", kind="thematic",
                         decided_on=D(2023, 3, 1), signed_off_on=D(2023, 8, 1),
                         published_on=D(2023, 9, 1), sent_to_panel_on=D(2023, 8, 10))
    make_practice_review(world.partnership, pseudonym="Individual one",
                         decided_on=D(2024, 2, 1))
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:practice_review_list", args=["alpha"])

    def names(**query):
        body = client.get(url, query).content.decode()
        return {n for n in ("Thematic one", "Individual one") if n in body}

    assert names(kind="thematic") == {"Thematic one"}
    assert names(status="published") == {"Thematic one"}
    assert names(status="in_progress") == {"Individual one"}
    assert names(year="2024") == {"Individual one"}
    response = client.get(url, {"export": "csv", "status": "published"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Thematic one" in text and "Individual one" not in text
    assert "2023-09-01 (Met)" in text  # publication due 6 months after 1 March 2023
    assert "2024-09-01" in text  # withdrawn from the public site after
    assert AuditEvent.objects.filter(action="export", model="reviews.PracticeReview").exists()


def test_create_from_a_rapid_review_prefills_the_decision_and_panel(world, login):
    rapid = deciding_rapid_review(world)
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:practice_review_create", args=["alpha"])
    form = client.get(url, {"rapid_review": rapid.pk}).content.decode()
    assert 'value="2024-01-25"' in form
    response = client.post(url, {
        "pseudonym": "Kingfisher", "kind": "thematic", "rapid_review": rapid.pk,
        "decided_on": "2024-01-25", "panel_members": [world.people[Role.GROUP_MEMBER].pk],
    })
    review = PracticeReview.objects.get(pseudonym="Kingfisher")
    assert response.status_code == 302 and response["Location"] == detail_url(review)
    assert review.rapid_review == rapid
    assert list(review.panel_members.all()) == [world.people[Role.GROUP_MEMBER]]
    incident_page = client.get(reverse("reviews:incident_detail",
                                       args=["alpha", rapid.incident.pk])).content.decode()
    assert detail_url(review) in incident_page


@pytest.mark.parametrize(("data", "message"), [
    ({"pseudonym": ""}, "Enter the pseudonym"),
    ({"decided_on": ""}, "Enter the date of the decision"),
    ({"decided_on": "2099-01-01"}, "cannot be in the future"),
    ({"signed_off_on": "2024-03-01", "published_on": "2024-02-01"},
     "Publication cannot be before the partners signed the review off"),
    ({"publication_summary": "Date of birth: 01/02/2016"}, "date of birth next to a name"),
])
def test_bad_create_input_shows_the_message_and_saves_nothing(world, login, data, message):
    client = login(world.users[Role.BUSINESS_UNIT])
    before = counts()
    response = client.post(reverse("reviews:practice_review_create", args=["alpha"]), {
        "pseudonym": "Child Z", "kind": "individual", "decided_on": "2024-01-02", **data})
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body and "There is a problem" in body
    assert counts() == before


def test_edit_with_a_stale_version_is_refused(world, login):
    review = make_practice_review(world.partnership, pseudonym="Child E",
                                  decided_on=D(2024, 1, 2))
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:practice_review_edit", args=["alpha", review.pk])
    assert 'value="Child E"' in client.get(url).content.decode()
    post = {"pseudonym": "Child E", "kind": "individual", "decided_on": "2024-01-02",
            "reviewer_name": "Fictional Reviewer", "version": 1}
    assert client.post(url, post).status_code == 302
    stale = client.post(url, {**post, "reviewer_name": "Too late"})
    assert "Someone else changed this record" in stale.content.decode()
    review.refresh_from_db()
    assert (review.reviewer_name, review.version) == ("Fictional Reviewer", 2)


def test_milestone_and_learning_event_pages(world, login):
    review = make_practice_review(world.partnership, pseudonym="Child E",
                                  decided_on=D(2024, 1, 2))
    client = login(world.users[Role.BUSINESS_UNIT])
    add = reverse("reviews:milestone_add", args=["alpha", review.pk])
    bad = client.post(add, {"name": "Draft", "due_on": "2023-01-01"})
    assert "cannot be due before the decision" in bad.content.decode()
    assert not Milestone.objects.exists()
    assert client.post(add, {"name": "Draft", "due_on": "2024-02-01"}).status_code == 302
    milestone = Milestone.objects.get()
    page = client.get(detail_url(review)).content.decode()
    assert "Overdue" in page
    done = reverse("reviews:milestone_complete", args=["alpha", review.pk, milestone.pk])
    assert client.post(done, {"done_on": "2024-02-05", "version": "1"}).status_code == 302
    assert "Met late" in client.get(detail_url(review)).content.decode()
    event_url = reverse("reviews:learning_event_add", args=["alpha", review.pk])
    refused = client.post(event_url, {"title": "Briefing", "held_on": "2024-03-01",
                                      "attendees": "-4"})
    assert refused.status_code == 200 and not LearningEvent.objects.exists()
    assert client.post(event_url, {"title": "Briefing", "held_on": "2024-03-01",
                                   "attendees": "40"}).status_code == 302
    assert "1 event, 40 attendees recorded" in client.get(detail_url(review)).content.decode()


def test_briefing_upload_page(world, login):
    review = make_practice_review(world.partnership, pseudonym="Child E",
                                  decided_on=D(2024, 1, 2))
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:briefing_edit", args=["alpha", review.pk])
    bad = client.post(url, {"file": SimpleUploadedFile("run.exe", b"MZ\x90"), "version": "1"})
    assert "The file must be a document" in bad.content.decode()
    review.refresh_from_db()
    assert not review.briefing_file
    good = client.post(url, {"file": SimpleUploadedFile("brief.pdf", b"%PDF-1.7 fiction"),
                             "version": "1"})
    assert good.status_code == 302
    page = client.get(detail_url(review)).content.decode()
    assert reverse("reviews:briefing_download", args=["alpha", review.pk]) in page


def test_a_milestone_of_another_review_is_not_found(world, login):
    review = panel_practice_review(world)
    other = make_practice_review(world.partnership, pseudonym="Other")
    milestone = review.milestones.get()
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:milestone_complete", args=["alpha", other.pk, milestone.pk])
    assert client.get(url).status_code == 404
    beta = make_practice_review(world.other, pseudonym="Beta")
    assert client.get(reverse("reviews:practice_review_detail",
                              args=["alpha", beta.pk])).status_code == 404


def test_reminders_point_at_the_overdue_practice_review(world):
    from reviews.reminders import statutory_deadlines

    bu = world.people[Role.BUSINESS_UNIT]
    bu.email = "bu@example.org"
    bu.save()
    late = make_practice_review(world.partnership, pseudonym="Child L",
                                decided_on=add_months(TODAY(), -7))
    reminders = [r for r in statutory_deadlines(TODAY()) if r.email == "bu@example.org"]
    assert len(reminders) == 1
    assert reminders[0].text.startswith("Child L: Local practice review completed and "
                                        "published – Overdue")
    assert reminders[0].path == detail_url(late)


def test_a_briefing_download_is_typed_and_audited_as_an_export(world, login):
    review = panel_practice_review(world)
    services.practice_review_update(actor=system_actor(), review=review,
                                    expected_version=review.version,
                                    data={"signed_off_on": TODAY(), "published_on": TODAY()})
    url = reverse("reviews:briefing_download", args=["alpha", review.pk])
    response = login(world.users[Role.PRACTITIONER]).get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    assert audit_rows(AuditEvent.Action.EXPORT, review).filter(
        actor=world.users[Role.PRACTITIONER]).count() == 1
    assert login(world.users["outsider"]).get(url).status_code == 403
    assert audit_rows(AuditEvent.Action.EXPORT, review).count() == 1
