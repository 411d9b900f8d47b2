"""Optimistic locking cannot be skipped (decision 0002): every versioned write needs the
version the user opened, a missing or stale one writes nothing, and a change to themes or
other many-to-many links alone is version-checked, bumps the version and is audited."""

import datetime

import pytest
from django.utils import timezone

from core.models import AuditEvent, Role
from core.services import (
    ConcurrentEditError,
    VersionMissingError,
    model_update,
    system_actor,
)
from learning import services as learning
from learning.models import ActionMilestone, ChallengeQuestion, Finding, Recommendation
from learning.tests.factories import (
    audit_thread,
    challenge_question,
    improvement_plan,
    smart_data,
    theme,
)
from reports import services as reports
from reports.models import NarrativeBlock
from reports.tests.helpers import world_report
from reviews import services as reviews
from reviews.models import Milestone, RapidReview, SeriousIncident
from reviews.tests.factories import make_incident, make_rapid_review, panel_practice_review

STALE_VERSIONS = [
    pytest.param(None, VersionMissingError, id="no-version"),
    pytest.param(0, ConcurrentEditError, id="version-0"),
]


def _changes(model) -> int:
    return AuditEvent.objects.filter(model=model, action=AuditEvent.Action.CHANGE).count()


def test_model_update_refuses_a_versioned_record_without_a_version_and_writes_nothing(world):
    action = world.objects["action"]
    with pytest.raises(VersionMissingError, match="This page is out of date"):
        model_update(instance=action, fields=["title"], data={"title": "Overwritten"},
                     actor=world.users[Role.BUSINESS_UNIT])
    action.refresh_from_db()
    assert (action.title, action.version) == ("Refresh the neglect toolkit", 1)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.CHANGE).exists()


@pytest.mark.parametrize(("version", "error"), STALE_VERSIONS)
def test_a_finding_edit_without_its_version_leaves_the_newer_save(world, version, error):
    audit_thread(world)
    bu = world.users[Role.BUSINESS_UNIT]
    finding = world.objects["finding"]
    learning.finding_update(actor=bu, finding=finding, text="Newer wording",
                            themes=[theme("Neglect")], expected_version=1)
    with pytest.raises(error):
        learning.finding_update(actor=bu, finding=Finding.objects.get(pk=finding.pk),
                                text="Older wording", themes=[theme("Neglect")],
                                expected_version=version)
    finding.refresh_from_db()
    assert (finding.text, finding.version) == ("Newer wording", 2)


@pytest.mark.parametrize(("version", "error"), STALE_VERSIONS)
def test_a_recommendation_edit_without_its_version_leaves_the_newer_save(world, version, error):
    audit_thread(world)
    bu = world.users[Role.BUSINESS_UNIT]
    rec = world.objects["recommendation"]
    learning.recommendation_update(actor=bu, recommendation=rec, expected_version=1,
                                   **smart_data(world, text="Newer recommendation"))
    with pytest.raises(error):
        learning.recommendation_update(
            actor=bu, recommendation=Recommendation.objects.get(pk=rec.pk),
            **smart_data(world, text="Older recommendation"), expected_version=version)
    rec.refresh_from_db()
    assert (rec.text, rec.version) == ("Newer recommendation", 2)


@pytest.mark.parametrize(("version", "error"), STALE_VERSIONS)
def test_an_incident_edit_without_its_version_leaves_the_newer_save(world, version, error):
    incident = make_incident(world.partnership, reference="Child L",
                             la_aware_on=datetime.date(2024, 1, 10))
    reviews.update_incident(actor=system_actor(), incident=incident, expected_version=1,
                            **{"summary": "Newer summary"})
    with pytest.raises(error):
        reviews.update_incident(actor=system_actor(), incident=SeriousIncident.objects.get(pk=incident.pk),
                                **{"summary": "Older summary"}, expected_version=version)
    incident.refresh_from_db()
    assert (incident.summary, incident.version) == ("Newer summary", 2)


@pytest.mark.parametrize(("version", "error"), STALE_VERSIONS)
def test_a_report_text_edit_without_its_version_leaves_the_newer_save(world, version, error):
    report = world_report(world)
    reports.block_save(actor=system_actor(), report=report, kind="foreword", data={"body": "First."},
                       expected_version=0)
    reports.block_save(actor=system_actor(), report=report, kind="foreword", data={"body": "Newer."},
                       expected_version=1)
    with pytest.raises(error):
        reports.block_save(actor=system_actor(), report=report, kind="foreword",
                           data={"body": "Older."}, expected_version=version)
    block = NarrativeBlock.objects.get(report=report, kind="foreword")
    assert ("Newer." in block.body, block.version) == (True, 2)


def test_new_report_text_needs_the_page_to_say_there_was_none(world):
    report = world_report(world)
    with pytest.raises(VersionMissingError):
        reports.block_save(actor=system_actor(), report=report, kind="foreword", data={"body": "Mine."})
    assert not NarrativeBlock.objects.exists()


def test_a_themes_only_change_with_a_stale_version_is_refused(world):
    audit_thread(world)
    bu = world.users[Role.BUSINESS_UNIT]
    finding = world.objects["finding"]
    learning.finding_update(actor=bu, finding=finding, text=finding.text,
                            themes=[theme("Neglect"), theme("Domestic abuse")],
                            expected_version=1)
    before = _changes("learning.Finding")
    with pytest.raises(ConcurrentEditError):
        learning.finding_update(actor=bu, finding=Finding.objects.get(pk=finding.pk),
                                text=finding.text, themes=[theme("Exploitation")],
                                expected_version=1)
    finding = Finding.objects.get(pk=finding.pk)
    assert sorted(t.name for t in finding.themes.all()) == ["Domestic abuse", "Neglect"]
    assert finding.version == 2 and _changes("learning.Finding") == before


def test_a_themes_only_change_with_the_right_version_bumps_it_and_is_audited(world):
    audit_thread(world)
    finding = world.objects["finding"]
    saved = learning.finding_update(actor=world.users[Role.BUSINESS_UNIT], finding=finding,
                                    text=finding.text, themes=[theme("Exploitation")],
                                    expected_version=1)
    assert saved.version == 2
    finding = Finding.objects.get(pk=finding.pk)
    assert finding.version == 2
    assert [t.name for t in finding.themes.all()] == ["Exploitation"]
    change = AuditEvent.objects.get(model="learning.Finding", action=AuditEvent.Action.CHANGE)
    assert change.changes == {"themes": {"from": ["Neglect"], "to": ["Exploitation"]}}


def test_an_unchanged_save_writes_nothing_and_keeps_the_version(world):
    audit_thread(world)
    finding = world.objects["finding"]
    learning.finding_update(actor=world.users[Role.BUSINESS_UNIT], finding=finding,
                            text=finding.text, themes=[theme("Neglect")], expected_version=1)
    assert Finding.objects.get(pk=finding.pk).version == 1
    assert not _changes("learning.Finding")


def test_a_panel_only_change_to_a_rapid_review_is_version_checked(world):
    incident = make_incident(world.partnership, reference="Child P",
                             la_aware_on=datetime.date(2024, 1, 10))
    review = make_rapid_review(incident)
    member = world.people[Role.GROUP_MEMBER]
    data = {"partners_aware_on": incident.la_aware_on}
    reviews.save_rapid_review(actor=system_actor(), incident=incident, data=data, agencies=[],
                              panel_members=[member], expected_version=review.version)
    assert RapidReview.objects.get(pk=review.pk).version == 2
    with pytest.raises(ConcurrentEditError):
        reviews.save_rapid_review(actor=system_actor(), incident=incident, data=data, agencies=[],
                                  panel_members=[], expected_version=1)
    assert list(RapidReview.objects.get(pk=review.pk).panel_members.all()) == [member]


def test_a_challenge_question_edit_is_version_checked(world):
    question = challenge_question(world)
    bu = world.users[Role.BUSINESS_UNIT]
    learning.challenge_question_update(actor=bu, question=question, text="Newer question?",
                                       expected_version=1)
    for version, error in ((1, ConcurrentEditError), (None, VersionMissingError)):
        with pytest.raises(error):
            learning.challenge_question_update(
                actor=bu, question=ChallengeQuestion.objects.get(pk=question.pk),
                text="Older question?", expected_version=version)
    question.refresh_from_db()
    assert (question.text, question.version) == ("Newer question?", 2)


def test_an_improvement_plan_milestone_edit_is_version_checked(world):
    improvement_plan(world)
    milestone = world.objects["milestone"]
    lead = world.users[Role.AGENCY_LEAD]
    learning.action_milestone_update(actor=lead, milestone=milestone, status="on_track",
                                     evidence="", expected_version=1)
    for version, error in ((1, ConcurrentEditError), (None, VersionMissingError)):
        with pytest.raises(error):
            learning.action_milestone_update(
                actor=lead, milestone=ActionMilestone.objects.get(pk=milestone.pk),
                status="at_risk", evidence="", expected_version=version)
    milestone.refresh_from_db()
    assert (milestone.status, milestone.version) == ("on_track", 2)


def test_a_practice_review_milestone_edit_is_version_checked(world):
    milestone = panel_practice_review(world).milestones.get()
    today = timezone.localdate()
    reviews.milestone_complete(actor=system_actor(), milestone=milestone, done_on=today,
                               expected_version=1)
    for version, error in ((1, ConcurrentEditError), (None, VersionMissingError)):
        with pytest.raises(error):
            reviews.milestone_complete(actor=system_actor(), milestone=Milestone.objects.get(pk=milestone.pk),
                                       done_on=today - datetime.timedelta(days=1),
                                       expected_version=version)
    milestone.refresh_from_db()
    assert (milestone.done_on, milestone.version) == (today, 2)
