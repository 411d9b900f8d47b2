"""Putting records right after they are made: removing evidence from an action, changing or
removing a challenge event's questions, and changing an improvement plan and its objectives."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, Role
from core.services import ConcurrentEditError
from learning import services
from learning.models import (
    ActionUpdate,
    ChallengeQuestion,
    Evidence,
    ImprovementPlan,
    PlanObjective,
)

from .factories import (
    audit_thread,
    challenge_event,
    challenge_question,
    improvement_plan,
    signed_off_evidence,
)

VALID_NHS = "943 476 5919"


def url(name, **kwargs):
    return reverse(name, kwargs={"slug": "alpha", **kwargs})


def _deletes(model):
    return AuditEvent.objects.filter(model=model, action=AuditEvent.Action.DELETE)


# ---- evidence ----

def test_removing_evidence_audits_what_it_was_notes_it_and_deletes_the_document(
    world, django_capture_on_commit_callbacks
):
    audit_thread(world)
    evidence = world.objects["evidence"]
    pk, stored = evidence.pk, evidence.file.name
    assert default_storage.exists(stored)
    lead = world.users[Role.AGENCY_LEAD]

    with django_capture_on_commit_callbacks(execute=True):
        action = services.evidence_remove(actor=lead, evidence=evidence)

    assert not Evidence.objects.filter(pk=pk).exists()
    assert not default_storage.exists(stored)
    event = _deletes("learning.Evidence").get()
    assert (event.actor, event.object_id) == (lead, str(pk))
    assert "Attendance list for the training" in event.object_repr
    assert event.changes["description"] == "Attendance list for the training"
    assert event.changes["file"] == "attendance.pdf" and event.changes["url"] == ""
    note = action.updates.first()
    assert (note.kind, note.text) == (ActionUpdate.Kind.NOTE,
                                      "Evidence removed: Attendance list for the training")


def test_evidence_deleted_any_other_way_takes_its_document_too(
    world, django_capture_on_commit_callbacks
):
    """Not only the removal service: a bulk or cascaded deletion leaves no orphan document."""
    audit_thread(world)
    evidence = world.objects["evidence"]
    stored = evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        Evidence.objects.filter(pk=evidence.pk).delete()
    assert not default_storage.exists(stored)


def test_only_those_who_may_change_the_action_remove_its_evidence(world):
    audit_thread(world)
    evidence = world.objects["evidence"]
    for role in (Role.SCRUTINEER, Role.PARTNER_DELEGATE, Role.GROUP_CHAIR):
        with pytest.raises(PermissionDenied):
            services.evidence_remove(actor=world.users[role], evidence=evidence)
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert not _deletes("learning.Evidence").exists()


def test_evidence_of_a_signed_off_action_is_not_removed(world):
    evidence = signed_off_evidence(world)
    with pytest.raises(ValidationError, match="Ask the business unit to send it back first"):
        services.evidence_remove(actor=world.users[Role.BUSINESS_UNIT], evidence=evidence)
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert not _deletes("learning.Evidence").exists()


def test_a_completed_review_action_left_without_evidence_cannot_be_signed_off(world, login):
    audit_thread(world)
    bu = world.users[Role.BUSINESS_UNIT]
    action = world.objects["review_action"]
    services.action_update(actor=bu, action=action, data={"status": "completed"},
                           expected_version=action.version)
    client = login(bu)

    response = client.post(url("learning:evidence_remove", pk=world.objects["evidence"].pk),
                           follow=True)

    page = response.content.decode()
    assert "Evidence removed: Attendance list for the training." in page
    assert "cannot be signed off until evidence is added" in page
    action.refresh_from_db()
    assert action.status == "completed" and not action.evidence.exists()
    refused = client.post(url("learning:action_sign_off", pk=action.pk),
                          {"decision": "sign_off", "reason": "", "version": action.version})
    assert "Add evidence that the action was done" in refused.content.decode()
    action.refresh_from_db()
    assert action.status == "completed"


def test_the_removal_page_confirms_then_removes_and_the_link_names_the_evidence(world, login):
    audit_thread(world)
    evidence, action = world.objects["evidence"], world.objects["review_action"]
    remove = url("learning:evidence_remove", pk=evidence.pk)
    detail = login(world.users[Role.SCRUTINEER]).get(url("learning:action_detail", pk=action.pk))
    assert remove not in detail.content.decode()

    client = login(world.users[Role.AGENCY_LEAD])
    detail = client.get(url("learning:action_detail", pk=action.pk)).content.decode()
    assert (f'<a class="govuk-link" href="{remove}">Remove<span class="govuk-visually-hidden">'
            f" evidence “Attendance list for the training” (attendance.pdf)</span></a>") in detail
    confirm = client.get(remove).content.decode()
    assert "attendance.pdf" in confirm and "Remove evidence" in confirm
    assert "the action cannot be signed off until evidence is added again" in confirm.lower()
    assert Evidence.objects.filter(pk=evidence.pk).exists()

    response = client.post(remove)

    assert response.status_code == 302
    assert response["Location"] == url("learning:action_detail", pk=action.pk)
    assert not Evidence.objects.filter(pk=evidence.pk).exists()


def test_removing_evidence_of_a_signed_off_action_gives_the_reason_and_removes_nothing(
    world, login
):
    evidence = signed_off_evidence(world)
    action = evidence.action
    client = login(world.users[Role.BUSINESS_UNIT])
    detail = client.get(url("learning:action_detail", pk=action.pk)).content.decode()
    assert url("learning:evidence_remove", pk=evidence.pk) not in detail
    assert "its evidence cannot be removed unless the business unit sends it back" in detail

    opened = client.get(url("learning:evidence_remove", pk=evidence.pk), follow=True)
    assert opened.redirect_chain == [(url("learning:action_detail", pk=action.pk), 302)]
    assert services.EVIDENCE_SIGNED_OFF in opened.content.decode()

    posted = client.post(url("learning:evidence_remove", pk=evidence.pk))
    page = posted.content.decode()
    assert posted.status_code == 200 and "<title>Error:" in page
    assert services.EVIDENCE_SIGNED_OFF in page
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_another_partnerships_evidence_is_not_found(world, login):
    other = Evidence.objects.create(action=world.objects["beta_action"], description="Beta",
                                    url="https://example.org/beta")
    client = login(world.users[Role.BUSINESS_UNIT])
    assert client.post(url("learning:evidence_remove", pk=other.pk)).status_code == 404
    assert Evidence.objects.filter(pk=other.pk).exists()


# ---- challenge event questions ----

def test_the_business_unit_rewords_a_question_with_an_audit_of_the_change(world):
    question = challenge_question(world)
    bu = world.users[Role.BUSINESS_UNIT]
    services.challenge_question_update(actor=bu, question=question,
                                       text="  How do you know the toolkit is used?  ",
                                       expected_version=question.version)
    question.refresh_from_db()
    assert question.text == "How do you know the toolkit is used?"
    change = AuditEvent.objects.get(model="learning.ChallengeQuestion",
                                    action=AuditEvent.Action.CHANGE)
    assert change.changes == {"text": {"from": "How do you know staff use the toolkit?",
                                       "to": "How do you know the toolkit is used?"}}
    assert change.object_repr == "Question for Neglect audit challenge"


def test_a_question_change_is_checked_like_a_new_question(world):
    question = challenge_question(world)
    with pytest.raises(PermissionDenied):
        services.challenge_question_update(actor=world.users[Role.AGENCY_LEAD],
                                           question=question, text="Mine?", expected_version=1)
    with pytest.raises(ValidationError) as error:
        services.challenge_question_update(actor=world.users[Role.BUSINESS_UNIT],
                                           question=question, text=" ", expected_version=1)
    assert error.value.message_dict == {"text": ["Enter the question"]}
    with pytest.raises(ValidationError, match="NHS number"):
        services.challenge_question_update(actor=world.users[Role.BUSINESS_UNIT],
                                           question=question, text=f"NHS {VALID_NHS}?",
                                           expected_version=1)
    question.refresh_from_db()
    assert question.text == "How do you know staff use the toolkit?"


def test_removing_a_question_is_audited_and_only_the_business_unit_may(world):
    question = challenge_question(world)
    with pytest.raises(PermissionDenied):
        services.challenge_question_remove(actor=world.users[Role.SCRUTINEER],
                                           question=question)
    services.challenge_question_remove(actor=world.users[Role.BUSINESS_UNIT], question=question)
    assert not ChallengeQuestion.objects.exists()
    removed = _deletes("learning.ChallengeQuestion").get()
    assert removed.changes == {"text": "How do you know staff use the toolkit?", "order": 1}


def test_questions_are_fixed_once_the_outcome_is_recorded(world, login):
    question = challenge_question(world)
    event = question.event
    bu = world.users[Role.BUSINESS_UNIT]
    services.challenge_event_record_outcome(actor=bu, event=event,
                                            held_on=timezone.localdate(),
                                            outcome="Further work needed",
                                            expected_version=event.version)
    question.refresh_from_db()
    with pytest.raises(ValidationError, match="outcome is recorded"):
        services.challenge_question_update(actor=bu, question=question, text="New wording",
                                           expected_version=question.version)
    with pytest.raises(ValidationError, match="outcome is recorded"):
        services.challenge_question_remove(actor=bu, question=question)

    client = login(bu)
    detail = client.get(url("learning:challenge_detail", pk=event.pk)).content.decode()
    assert url("learning:challenge_question_edit", pk=question.pk) not in detail
    opened = client.get(url("learning:challenge_question_edit", pk=question.pk), follow=True)
    assert services.QUESTIONS_CLOSED in opened.content.decode()
    posted = client.post(url("learning:challenge_question_remove", pk=question.pk))
    assert "<title>Error:" in posted.content.decode()
    assert ChallengeQuestion.objects.get().text == "How do you know staff use the toolkit?"


def test_the_question_pages_show_mistakes_and_save_nothing_until_right(world, login):
    question = challenge_question(world)
    event = question.event
    client = login(world.users[Role.BUSINESS_UNIT])
    edit = url("learning:challenge_question_edit", pk=question.pk)
    detail = client.get(url("learning:challenge_detail", pk=event.pk)).content.decode()
    assert f'href="{edit}">Change<span class="govuk-visually-hidden"> question 1</span>' in detail
    assert client.get(edit).context["form"].initial == {"text": question.text, "version": 1}

    for text, message in (("", "Enter the question"),
                          (f"NHS {VALID_NHS}", f"“{VALID_NHS}” looks like an NHS number")):
        page = client.post(edit, {"text": text, "version": 1}).content.decode()
        assert "<title>Error:" in page and message in page
        assert ChallengeQuestion.objects.get().text == "How do you know staff use the toolkit?"

    response = client.post(edit, {"text": "What has changed for children?", "version": 1})
    assert response["Location"] == url("learning:challenge_detail", pk=event.pk)
    assert ChallengeQuestion.objects.get().text == "What has changed for children?"
    assert "What has changed for children?" in client.get(
        url("learning:challenge_question_remove", pk=question.pk)).content.decode()
    response = client.post(url("learning:challenge_question_remove", pk=question.pk))
    assert response.status_code == 302 and not ChallengeQuestion.objects.exists()


# ---- improvement plans ----

def test_changing_a_plan_renames_its_learning_source_and_is_audited(world):
    plan = improvement_plan(world)
    bu = world.users[Role.BUSINESS_UNIT]
    services.improvement_plan_update(
        actor=bu, plan=plan, expected_version=plan.version,
        data={"title": "SEND and alternative provision plan",
              "owner_organisation": world.orgs["council"],
              "starts_on": datetime.date(2025, 4, 1), "ends_on": datetime.date(2026, 3, 31)})
    plan.refresh_from_db()
    assert (plan.title, plan.version, plan.owner_organisation) == (
        "SEND and alternative provision plan", 2, world.orgs["council"])
    assert plan.source.title == "SEND and alternative provision plan"
    change = AuditEvent.objects.get(model="learning.ImprovementPlan",
                                    action=AuditEvent.Action.CHANGE)
    assert change.changes["title"] == {"from": "SEND improvement plan",
                                       "to": "SEND and alternative provision plan"}


def test_a_plan_change_is_checked_guarded_and_refused_when_stale(world):
    plan = improvement_plan(world)
    bu = world.users[Role.BUSINESS_UNIT]
    with pytest.raises(PermissionDenied):
        services.improvement_plan_update(actor=world.users[Role.PARTNER_DELEGATE], plan=plan,
                                         data={"title": "Mine"}, expected_version=plan.version)
    with pytest.raises(ValidationError) as error:
        services.improvement_plan_update(
            actor=bu, plan=plan, expected_version=plan.version,
            data={"title": " ", "starts_on": datetime.date(2026, 1, 1),
                  "ends_on": datetime.date(2025, 1, 1)})
    assert set(error.value.message_dict) == {"title", "ends_on"}
    opened = plan.version
    services.improvement_plan_update(actor=bu, plan=ImprovementPlan.objects.get(pk=plan.pk),
                                     data={"title": "First editor's title"},
                                     expected_version=opened)
    with pytest.raises(ConcurrentEditError):
        services.improvement_plan_update(actor=bu, plan=plan, data={"title": "Second editor"},
                                         expected_version=opened)
    plan = ImprovementPlan.objects.get(pk=plan.pk)
    assert (plan.title, plan.source.title) == ("First editor's title", "First editor's title")


def test_an_objective_change_is_checked_audited_and_refused_when_stale(world):
    improvement_plan(world)
    objective = world.objects["objective"]
    bu = world.users[Role.BUSINESS_UNIT]
    with pytest.raises(PermissionDenied):
        services.plan_objective_update(actor=world.users[Role.AGENCY_LEAD], objective=objective,
                                       text="Mine", expected_version=objective.version)
    with pytest.raises(ValidationError, match="NHS number"):
        services.plan_objective_update(actor=bu, objective=objective, text=VALID_NHS,
                                       expected_version=objective.version)
    opened = objective.version
    services.plan_objective_update(actor=bu, objective=PlanObjective.objects.get(pk=objective.pk),
                                   text="85% of EHC plans within 20 weeks",
                                   expected_version=opened)
    with pytest.raises(ConcurrentEditError):
        services.plan_objective_update(actor=bu, objective=objective, text="Second editor",
                                       expected_version=opened)
    objective = PlanObjective.objects.get(pk=objective.pk)
    assert (objective.text, objective.version) == ("85% of EHC plans within 20 weeks", 2)
    change = AuditEvent.objects.get(model="learning.PlanObjective",
                                    action=AuditEvent.Action.CHANGE)
    assert change.changes["text"]["to"] == "85% of EHC plans within 20 weeks"


def test_the_plan_edit_page_refuses_a_stale_save_and_bad_dates(world, login):
    plan = improvement_plan(world)
    client = login(world.users[Role.BUSINESS_UNIT])
    edit = url("learning:improvement_plan_edit", pk=plan.pk)
    detail = client.get(url("learning:improvement_plan_detail", pk=plan.pk)).content.decode()
    assert edit in detail
    initial = client.get(edit).context["form"].initial
    assert initial["version"] == plan.version

    page = client.post(edit, {"title": "SEND plan", "starts_on": "2026-01-01",
                              "ends_on": "2025-01-01", "version": plan.version}).content.decode()
    assert "<title>Error:" in page and "The plan cannot end before it starts." in page
    ImprovementPlan.objects.filter(pk=plan.pk).update(title="Someone else's title",
                                                      version=plan.version + 1)
    page = client.post(edit, {"title": "My title", "version": plan.version}).content.decode()
    assert ConcurrentEditError.message in page
    assert ImprovementPlan.objects.get(pk=plan.pk).title == "Someone else's title"
    page = client.post(edit, {"title": "My title"}).content.decode()
    assert "This page is out of date. Reload it" in page
    assert ImprovementPlan.objects.get(pk=plan.pk).title == "Someone else's title"

    response = client.post(edit, {"title": "My title", "owner_organisation":
                                  world.orgs["school"].pk, "version": plan.version + 1})
    assert response["Location"] == url("learning:improvement_plan_detail", pk=plan.pk)
    assert ImprovementPlan.objects.get(pk=plan.pk).title == "My title"


def test_the_objective_edit_page_refuses_a_stale_save_and_an_empty_objective(world, login):
    improvement_plan(world)
    objective = world.objects["objective"]
    client = login(world.users[Role.BUSINESS_UNIT])
    edit = url("learning:objective_edit", pk=objective.pk)
    detail = client.get(url("learning:improvement_plan_detail",
                            pk=objective.plan_id)).content.decode()
    assert f'href="{edit}">Change<span class="govuk-visually-hidden"> objective 1</span>' in detail
    form = client.get(edit).context["form"]
    assert form.initial == {"text": objective.text, "version": 1}

    page = client.post(edit, {"text": "", "version": 1}).content.decode()
    assert "<title>Error:" in page and "Enter the objective" in page
    PlanObjective.objects.filter(pk=objective.pk).update(text="Someone else's", version=2)
    page = client.post(edit, {"text": "Mine", "version": 1}).content.decode()
    assert ConcurrentEditError.message in page
    assert PlanObjective.objects.get(pk=objective.pk).text == "Someone else's"

    response = client.post(edit, {"text": "Mine", "version": 2})
    assert response.status_code == 302
    assert PlanObjective.objects.get(pk=objective.pk).text == "Mine"


def test_pages_for_a_question_or_objective_of_another_partnership_are_not_found(world, login):
    beta_plan = services.improvement_plan_create(actor=world.users["outsider"],
                                                 partnership=world.other, title="Beta plan")
    beta_objective = services.plan_objective_add(actor=world.users["outsider"], plan=beta_plan,
                                                 text="Beta objective")
    client = login(world.users[Role.BUSINESS_UNIT])
    assert client.get(url("learning:objective_edit", pk=beta_objective.pk)).status_code == 404
    assert client.get(url("learning:improvement_plan_edit", pk=beta_plan.pk)).status_code == 404
    question = challenge_question(world)
    assert client.get(reverse("learning:challenge_question_edit",
                              kwargs={"slug": "beta", "pk": question.pk})).status_code == 403
    assert challenge_event(world).questions.count() == 1
