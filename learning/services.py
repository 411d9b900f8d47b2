"""Every write on the learning thread: findings, recommendations, actions, update notes,
evidence, sign-off.

Keyword-only, `actor` required, one transaction with its audit rows; bad input raises a
ValidationError with a clear message and saves nothing.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from core.forms import validate_upload
from core.models import AuditEvent, Organisation, Partnership, Person
from core.pii import find_personal_data
from core.policy import require
from core.services import audit_record, model_create, model_update

from . import smart
from .models import (
    Action,
    ActionMilestone,
    ActionUpdate,
    ChallengeEvent,
    ChallengeQuestion,
    ChallengeResponse,
    DisseminationProduct,
    Evidence,
    Finding,
    ImprovementPlan,
    Inquiry,
    PlanObjective,
    Recommendation,
    Source,
)

ACTION_EDIT_FIELDS = ["status", "due_date", "owner_organisation", "owner_person", "detail",
                      "completed_on", "impact_statement", "signed_off_by", "signed_off_on"]
DONE_STATUSES = {Action.Status.COMPLETED, Action.Status.SIGNED_OFF}
RECOMMENDATION_FIELDS = ["text", "lead_organisation", "measure", "target_date", "specific",
                         "measurable", "achievable", "relevant", "time_bound", "is_smart"]


def _no_personal_data(**texts) -> None:
    """Free text outside restricted records must not identify a child (core.pii): refuse the
    whole write, naming each field, so nothing is saved."""
    errors = {name: reasons for name, text in texts.items()
              if (reasons := find_personal_data(text or ""))}
    if errors:
        raise ValidationError(errors)


def needs_evidence(action: Action) -> bool:
    # Actions from a recommendation are the learning action plan: sign-off means evidenced.
    return action.recommendation_id is not None and not action.evidence.exists()


def _check_owner(partnership, owner_organisation, owner_person) -> None:
    errors = {}
    if owner_organisation is not None and not owner_organisation.partnerships.filter(
        pk=partnership.pk
    ).exists():
        errors["owner_organisation"] = "Choose an organisation that belongs to this partnership."
    if owner_organisation is None and owner_person is None:
        errors["owner_organisation"] = "Choose the organisation or the person who owns the action."
    if errors:
        raise ValidationError(errors)


def _check_status_change(actor, action: Action, status: str) -> None:
    if status == action.status:
        return
    if status not in Action.Status.values:
        raise ValidationError({"status": "Choose a status from the list."})
    if (status == Action.Status.SIGNED_OFF or action.status == Action.Status.SIGNED_OFF) and (
        not actor.has_perm("learning.sign_off_action", action)
    ):
        raise ValidationError({"status": "Only the business unit can sign off an action, or "
                                         "reopen one that is signed off."})
    if status == Action.Status.SIGNED_OFF and needs_evidence(action):
        raise ValidationError({"status": "Add evidence that the action was done before it is "
                                         "signed off."})


def action_create(
    *,
    actor,
    partnership: Partnership,
    source: Source,
    title: str,
    due_date: datetime.date,
    owner_organisation: Organisation | None = None,
    owner_person: Person | None = None,
    detail: str = "",
    decision=None,
    recommendation: Recommendation | None = None,
    objective=None,
    intended_outcome: str = "",
    impact_measure: str = "",
) -> Action:
    """Add an action to the partnership's action plan, set by `source` (e.g. a meeting) or
    by a recommendation (its source is then the recommendation's source)."""
    require(actor, "learning.set_action", source)
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Enter what the action is"
    if due_date is None:
        errors["due_date"] = "Enter the date the action is due"
    if errors:
        raise ValidationError(errors)
    if not source.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError("The action's source does not belong to this partnership.")
    if decision is not None and getattr(source, "meeting", None) is not None and (
        decision.meeting_id != source.meeting.pk
    ):
        raise ValidationError({"decision": "Choose a decision made at this meeting."})
    if recommendation is not None and (recommendation.finding.source_id != source.pk
                                       or recommendation.partnership_id != partnership.pk):
        raise ValidationError("The recommendation belongs to another source or partnership.")
    _check_owner(partnership, owner_organisation, owner_person)
    if objective is not None and objective.plan.source_id != source.pk:
        raise ValidationError("The objective belongs to another improvement plan.")
    intended_outcome = (intended_outcome or "").strip()
    impact_measure = (impact_measure or "").strip()
    _no_personal_data(title=title, detail=detail, intended_outcome=intended_outcome,
                      impact_measure=impact_measure)
    # An action starts with its finding's themes, so thematic analysis can follow it.
    themes = list(recommendation.finding.themes.all()) if recommendation is not None else []
    with transaction.atomic():
        return model_create(
            model_class=Action, actor=actor, partnership=partnership,
            data={"partnership": partnership, "source": source, "title": title,
                  "detail": (detail or "").strip(), "due_date": due_date,
                  "owner_organisation": owner_organisation, "owner_person": owner_person,
                  "decision": decision, "recommendation": recommendation,
                  "objective": objective, "intended_outcome": intended_outcome,
                  "impact_measure": impact_measure},
            m2m={"themes": themes},
        )


def action_update(*, actor, action: Action, data: dict, expected_version: int) -> Action:
    """Change an action's status, due date, owner or detail.

    If someone saved the action after `expected_version` was read, ConcurrentEditError is
    raised and nothing is written."""
    require(actor, "learning.change_action", action)
    data = dict(data)
    status = data.get("status", action.status)
    _check_status_change(actor, action, status)
    if "owner_organisation" in data or "owner_person" in data:
        _check_owner(action.partnership, data.get("owner_organisation", action.owner_organisation),
                     data.get("owner_person", action.owner_person))
    _no_personal_data(**{k: data[k] for k in ("detail", "impact_statement") if k in data})
    if status in DONE_STATUSES and action.completed_on is None:
        # A date given is kept (history entered after the event); otherwise it is today.
        data["completed_on"] = data.get("completed_on") or timezone.localdate()
        if data["completed_on"] > timezone.localdate():
            raise ValidationError({"completed_on": "The date the action was completed cannot "
                                                   "be in the future."})
    elif status not in DONE_STATUSES:
        data["completed_on"] = None
    if status == Action.Status.SIGNED_OFF and action.status != status:
        data.update(signed_off_by=actor, signed_off_on=timezone.localdate())
    elif status != Action.Status.SIGNED_OFF:
        data.update(signed_off_by=None, signed_off_on=None)
    return model_update(instance=action, fields=ACTION_EDIT_FIELDS, data=data, actor=actor,
                        expected_version=expected_version, partnership=action.partnership)


def action_update_add(
    *, actor, action: Action, text: str, status: str = "", expected_version: int | None = None
) -> ActionUpdate:
    """Add a dated progress note to an action, optionally moving its status on."""
    require(actor, "learning.change_action", action)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter what has happened on this action"})
    _no_personal_data(text=text)
    before = action.status
    after = status or before
    _check_status_change(actor, action, after)
    with transaction.atomic():
        if after != before:
            action_update(actor=actor, action=action, data={"status": after},
                          expected_version=expected_version)
        update = ActionUpdate.objects.create(
            action=action, author=actor, text=text, status_before=before, status_after=after
        )
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=update,
                     partnership=action.partnership, object_repr=f"Update on {action}",
                     changes={"text": text, "status": {"from": before, "to": after}})
    return update


# ---- findings and recommendations ----

def _source_in(source: Source, partnership: Partnership) -> None:
    if not source.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError("This learning source does not belong to this partnership.")


def finding_create(*, actor, partnership: Partnership, source: Source, text: str,
                   themes=()) -> Finding:
    """Record what a learning source found, tagged with themes."""
    require(actor, "learning.manage_findings", source)
    _source_in(source, partnership)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter what the review or audit found"})
    if not source.is_restricted:
        _no_personal_data(text=text)
    with transaction.atomic():
        return model_create(model_class=Finding, actor=actor, partnership=partnership,
                            data={"partnership": partnership, "source": source, "text": text,
                                  "created_by": actor},
                            m2m={"themes": list(themes)})


def finding_update(*, actor, finding: Finding, text: str, themes,
                   expected_version: int) -> Finding:
    require(actor, "learning.manage_findings", finding.source)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter what the review or audit found"})
    if not finding.source.is_restricted:
        _no_personal_data(text=text)
    # Themes go through model_update too: a themes-only change is version-checked.
    return model_update(instance=finding, fields=["text"], data={"text": text},
                        m2m={"themes": themes}, actor=actor,
                        expected_version=expected_version, partnership=finding.partnership)


def _recommendation_data(data: dict, partnership, restricted: bool) -> dict:
    data = {k: v for k, v in data.items() if k in RECOMMENDATION_FIELDS}
    data["text"] = (data.get("text") or "").strip()
    data["measure"] = (data.get("measure") or "").strip()
    if not data["text"]:
        raise ValidationError({"text": "Enter the recommendation"})
    lead = data.get("lead_organisation")
    if lead is not None and not lead.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError(
            {"lead_organisation": "Choose an organisation that belongs to this partnership."})
    if not restricted:
        _no_personal_data(text=data["text"], measure=data["measure"])
    return data


def recommendation_create(*, actor, finding: Finding, data: dict) -> Recommendation:
    """Add a recommendation to a finding. It is saved even when it is not SMART, flagged with
    what is missing (learning.smart), so the gap is visible rather than lost."""
    require(actor, "learning.manage_findings", finding.source)
    data = _recommendation_data(data, finding.partnership, finding.source.is_restricted)
    rec = Recommendation(finding=finding, partnership=finding.partnership, created_by=actor,
                         **data)
    rec.is_smart = smart.is_smart(rec)
    with transaction.atomic():
        return model_create(model_class=Recommendation, actor=actor,
                            partnership=finding.partnership,
                            data={**data, "finding": finding, "partnership": finding.partnership,
                                  "created_by": actor, "is_smart": rec.is_smart})


def recommendation_update(*, actor, recommendation: Recommendation, data: dict,
                          expected_version: int) -> Recommendation:
    require(actor, "learning.manage_findings", recommendation.finding.source)
    data = _recommendation_data(data, recommendation.partnership,
                                recommendation.finding.source.is_restricted)
    probe = Recommendation(**{**{f: getattr(recommendation, f) for f in RECOMMENDATION_FIELDS},
                              **data})
    data["is_smart"] = smart.is_smart(probe)
    return model_update(instance=recommendation, fields=RECOMMENDATION_FIELDS, data=data,
                        actor=actor, expected_version=expected_version,
                        partnership=recommendation.partnership)


def action_create_for_recommendation(*, actor, recommendation: Recommendation, title: str,
                                     due_date, owner_organisation=None, owner_person=None,
                                     detail: str = "") -> Action:
    """An action that answers a recommendation, in the combined learning action plan."""
    require(actor, "learning.manage_findings", recommendation.finding.source)
    return action_create(actor=actor, partnership=recommendation.partnership,
                         source=recommendation.finding.source, title=title, due_date=due_date,
                         owner_organisation=owner_organisation, owner_person=owner_person,
                         detail=detail, recommendation=recommendation)


# ---- evidence and sign-off ----

def evidence_add(*, actor, action: Action, description: str, file=None, url: str = "",
                 completes: bool = False, expected_version: int | None = None) -> Evidence:
    """Add a document or a link showing the action was done (optionally marking it
    completed, which changes the action: that needs the action's `expected_version`).
    Either a file or a link is needed; files must be documents."""
    require(actor, "learning.change_action", action)
    description = (description or "").strip()
    url = (url or "").strip()
    errors = {}
    if not description:
        errors["description"] = "Describe what the evidence shows"
    if not file and not url:
        errors["file"] = "Upload a document or give a link to the evidence"
    elif file and url:
        errors["url"] = "Give the evidence as a file or a link, not both"
    if file:
        try:
            validate_upload(file)
        except ValidationError as error:
            errors["file"] = error.messages
    if url and "url" not in errors:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors["url"] = "Enter the link as a full web address, starting https://"
    # Personal data is reported with the other mistakes, so one correction round is enough.
    if description and (reasons := find_personal_data(description)):
        errors["description"] = reasons
    if errors:
        raise ValidationError(errors)
    if action.status == Action.Status.SIGNED_OFF:
        raise ValidationError("This action is signed off. Ask the business unit to send it "
                              "back before adding evidence.")
    with transaction.atomic():
        evidence = Evidence(action=action, description=description, url=url, added_by=actor)
        if file:
            evidence.file = file
        evidence.full_clean()
        evidence.save()
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=evidence,
                     partnership=action.partnership, object_repr=f"Evidence on {action}",
                     changes={"description": description, "file": evidence.filename,
                              "url": url})
        before = status = action.status
        if completes and action.status in Action.OPEN_STATUSES:
            status = Action.Status.COMPLETED
            action_update(actor=actor, action=action, data={"status": status},
                          expected_version=expected_version)
        ActionUpdate.objects.create(
            action=action, author=actor, kind=ActionUpdate.Kind.EVIDENCE,
            text=f"Evidence added: {description}", status_before=before, status_after=status)
    return evidence


EVIDENCE_SIGNED_OFF = ("This action is signed off, so its evidence cannot be removed. Ask the "
                       "business unit to send it back first.")


def evidence_remove(*, actor, evidence: Evidence) -> Action:
    """Remove a piece of evidence (say, the wrong document) from an action that is not signed
    off. The audit row keeps what it was; the stored document goes with it, as it may be
    about another child. Returns the action."""
    action = evidence.action
    require(actor, "learning.change_action", action)
    if action.status == Action.Status.SIGNED_OFF:
        raise ValidationError(EVIDENCE_SIGNED_OFF)
    stored = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage
    with transaction.atomic():
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, obj=evidence,
                     partnership=action.partnership,
                     object_repr=f"Evidence on {action}: {evidence}",
                     changes={"description": evidence.description, "file": evidence.filename,
                              "url": evidence.url, "added_on": evidence.added_on,
                              "added_by": evidence.added_by})
        ActionUpdate.objects.create(
            action=action, author=actor, text=f"Evidence removed: {evidence.description}",
            status_before=action.status, status_after=action.status)
        evidence.delete()
        if stored:
            transaction.on_commit(lambda: storage.delete(stored))
    return action


def action_sign_off(*, actor, action: Action, expected_version: int) -> Action:
    """The business unit signs off a completed action that has its evidence."""
    require(actor, "learning.sign_off_action", action,
            "Only the business unit can sign off an action.")
    if action.status != Action.Status.COMPLETED:
        raise ValidationError("Only a completed action can be signed off; this one is "
                              f"{action.get_status_display().lower()}.")
    before = action.status
    with transaction.atomic():
        action = action_update(actor=actor, action=action,
                               data={"status": Action.Status.SIGNED_OFF},
                               expected_version=expected_version)
        ActionUpdate.objects.create(action=action, author=actor,
                                    kind=ActionUpdate.Kind.SIGNED_OFF, text="Signed off.",
                                    status_before=before, status_after=action.status)
    return action


def action_send_back(*, actor, action: Action, reason: str, expected_version: int) -> Action:
    """The business unit sends a completed (or signed-off) action back to its owner, saying
    why; it returns to in progress and the reason stays in its history."""
    require(actor, "learning.sign_off_action", action,
            "Only the business unit can send an action back.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the action is being sent back"})
    if action.status not in DONE_STATUSES:
        raise ValidationError("Only a completed or signed-off action can be sent back.")
    _no_personal_data(reason=reason)
    before = action.status
    with transaction.atomic():
        action = action_update(actor=actor, action=action,
                               data={"status": Action.Status.IN_PROGRESS},
                               expected_version=expected_version)
        ActionUpdate.objects.create(action=action, author=actor,
                                    kind=ActionUpdate.Kind.SENT_BACK, text=reason,
                                    status_before=before, status_after=action.status)
    return action


# ---- challenge events ----

def challenge_event_create(*, actor, partnership: Partnership, challenged_source: Source,
                           title: str, held_on=None, questions_sent_on=None,
                           chair: Person | None = None) -> ChallengeEvent:
    """Plan a challenge event on a review's (or audit's) action plan. The event owns its own
    learning source, so the further actions it agrees join the combined plan."""
    require(actor, "learning.manage_challenge_events", partnership)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Enter a title for the challenge event"})
    _source_in(challenged_source, partnership)
    if held_on and questions_sent_on and questions_sent_on > held_on:
        raise ValidationError({"questions_sent_on": "Circulate the questions before the event."})
    _no_personal_data(title=title)
    with transaction.atomic():
        source = Source.objects.create(kind=Source.Kind.CHALLENGE_EVENT, title=title)
        source.partnerships.add(partnership)
        source.themes.set(challenged_source.themes.all())
        return model_create(
            model_class=ChallengeEvent, actor=actor, partnership=partnership,
            data={"partnership": partnership, "source": source, "title": title,
                  "challenged_source": challenged_source, "held_on": held_on,
                  "questions_sent_on": questions_sent_on, "chair": chair},
        )


def challenge_question_add(*, actor, event: ChallengeEvent, text: str) -> ChallengeQuestion:
    """A question circulated to the agencies before the event."""
    require(actor, "learning.manage_challenge_events", event.partnership)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the question"})
    _no_personal_data(text=text)
    with transaction.atomic():
        question = ChallengeQuestion.objects.create(
            event=event, text=text, order=event.questions.count() + 1)
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=question,
                     partnership=event.partnership, object_repr=f"Question for {event}",
                     changes={"text": text})
    return question


QUESTIONS_CLOSED = ("The panel’s outcome is recorded, so the questions are part of the "
                    "record and can no longer be changed or removed.")


def _question_guard(actor, question: ChallengeQuestion) -> None:
    require(actor, "learning.manage_challenge_events", question.event.partnership)
    if question.event.outcome:
        raise ValidationError(QUESTIONS_CLOSED)


def challenge_question_update(*, actor, question: ChallengeQuestion, text: str,
                              expected_version: int) -> ChallengeQuestion:
    """Reword a question before the event's outcome is recorded; refused (ConcurrentEditError)
    if someone saved it after `expected_version` was read."""
    _question_guard(actor, question)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the question"})
    _no_personal_data(text=text)
    return model_update(instance=question, fields=["text"], data={"text": text}, actor=actor,
                        expected_version=expected_version,
                        partnership=question.event.partnership,
                        object_repr=f"Question for {question.event}")


def challenge_question_remove(*, actor, question: ChallengeQuestion) -> None:
    """Remove a question before the event's outcome is recorded."""
    _question_guard(actor, question)
    with transaction.atomic():
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, obj=question,
                     partnership=question.event.partnership,
                     object_repr=f"Question for {question.event}",
                     changes={"text": question.text, "order": question.order})
        question.delete()


def challenge_response_save(*, actor, event: ChallengeEvent, organisation: Organisation,
                            evidence: str, response: str,
                            expected_version: int | None = None) -> ChallengeResponse:
    """An agency's evidence and answer for the panel (its lead, or the business unit).
    Changing a saved response needs the version the writer saw, so a blank form or a
    stale one never overwrites what someone else wrote."""
    require(actor, "learning.respond_to_challenge", (event, organisation),
            "Only the agency's lead or the business unit can respond.")
    if not organisation.partnerships.filter(pk=event.partnership_id).exists():
        raise ValidationError({"organisation": "Choose an agency in this partnership."})
    evidence, response = (evidence or "").strip(), (response or "").strip()
    if not evidence and not response:
        raise ValidationError({"response": "Enter the agency's evidence or response"})
    _no_personal_data(evidence=evidence, response=response)
    existing = ChallengeResponse.objects.filter(event=event, organisation=organisation).first()
    if existing is not None and expected_version is None:
        raise ValidationError({"organisation": (
            f"{organisation} has already responded. Use “Change” beside that response on the "
            "event’s page, so nothing already written is lost.")})
    with transaction.atomic():
        if existing is None:
            return model_create(model_class=ChallengeResponse, actor=actor,
                                partnership=event.partnership,
                                data={"event": event, "organisation": organisation,
                                      "evidence": evidence, "response": response})
        return model_update(instance=existing, fields=["evidence", "response"],
                            data={"evidence": evidence, "response": response}, actor=actor,
                            expected_version=expected_version, partnership=event.partnership)


def challenge_event_record_outcome(*, actor, event: ChallengeEvent, held_on, outcome: str,
                                   expected_version: int) -> ChallengeEvent:
    """The panel's outcome, recorded after the event."""
    require(actor, "learning.manage_challenge_events", event.partnership)
    outcome = (outcome or "").strip()
    errors = {}
    if held_on is None:
        errors["held_on"] = "Enter the date the event was held"
    elif held_on > timezone.localdate():
        errors["held_on"] = "The event cannot have been held in the future"
    if not outcome:
        errors["outcome"] = "Enter the panel's outcome"
    if errors:
        raise ValidationError(errors)
    _no_personal_data(outcome=outcome)
    return model_update(instance=event, fields=["held_on", "outcome"],
                        data={"held_on": held_on, "outcome": outcome}, actor=actor,
                        expected_version=expected_version, partnership=event.partnership)


def source_action_create(*, actor, partnership: Partnership, source: Source, title: str,
                         due_date, owner_organisation=None, owner_person=None,
                         detail: str = "") -> Action:
    """An action set directly by a learning source that is not a meeting (a challenge
    event's further actions, a deep dive's), in the combined plan."""
    require(actor, "learning.manage_findings", source)
    action = action_create(actor=actor, partnership=partnership, source=source, title=title,
                           due_date=due_date, owner_organisation=owner_organisation,
                           owner_person=owner_person, detail=detail)
    action.themes.set(source.themes.all())
    return action


# ---- KLOE deep dives and active learning sets ----

INQUIRY_FIELDS = ["kind", "title", "question", "commissioned_by", "commissioned_on",
                  "critical_friend", "practitioners", "status", "reported_on",
                  "report_summary"]
INQUIRY_SOURCE_KINDS = {Inquiry.Kind.KLOE: Source.Kind.KLOE,
                        Inquiry.Kind.ACTIVE_LEARNING: Source.Kind.ACTIVE_LEARNING}


def _check_inquiry(partnership, data: dict, agencies) -> dict:
    data = {k: v for k, v in data.items() if k in INQUIRY_FIELDS}
    data["title"] = (data.get("title") or "").strip()
    errors = {}
    if not data["title"]:
        errors["title"] = "Enter a title"
    group = data.get("commissioned_by")
    if group is not None and not group.partnerships.filter(pk=partnership.pk).exists():
        errors["commissioned_by"] = "Choose a group of this partnership."
    if any(not o.partnerships.filter(pk=partnership.pk).exists() for o in agencies):
        errors["agencies"] = "Choose agencies that belong to this partnership."
    if data.get("status") == Inquiry.Status.REPORTED:
        if not data.get("reported_on"):
            errors["reported_on"] = "Enter the date it reported"
        if not (data.get("report_summary") or "").strip():
            errors["report_summary"] = "Summarise what it found before marking it reported"
    reported, commissioned = data.get("reported_on"), data.get("commissioned_on")
    if reported and commissioned and reported < commissioned and "reported_on" not in errors:
        errors["reported_on"] = "It cannot report before it was commissioned."
    if errors:
        raise ValidationError(errors)
    _no_personal_data(title=data["title"], question=data.get("question", ""),
                      report_summary=data.get("report_summary", ""))
    return data


def inquiry_create(*, actor, partnership: Partnership, data: dict, agencies=()) -> Inquiry:
    """Commission a KLOE deep dive or an active learning set; it owns its learning source,
    so its findings, recommendations and actions join the thread and the plan."""
    require(actor, "learning.manage_inquiries", partnership)
    agencies = list(agencies)
    data = _check_inquiry(partnership, data, agencies)
    with transaction.atomic():
        source = Source.objects.create(kind=INQUIRY_SOURCE_KINDS[data["kind"]],
                                       title=data["title"])
        source.partnerships.add(partnership)
        return model_create(model_class=Inquiry, actor=actor, partnership=partnership,
                            data={**data, "partnership": partnership, "source": source},
                            m2m={"agencies": agencies})


def inquiry_update(*, actor, inquiry: Inquiry, data: dict, agencies=(),
                   expected_version: int) -> Inquiry:
    require(actor, "learning.manage_inquiries", inquiry.partnership)
    agencies = list(agencies)
    data = _check_inquiry(inquiry.partnership,
                          {**{f: getattr(inquiry, f) for f in INQUIRY_FIELDS}, **data}, agencies)
    data.pop("kind", None)  # the kind fixes the source's kind: it does not change
    with transaction.atomic():
        inquiry = model_update(instance=inquiry, fields=INQUIRY_FIELDS, data=data, actor=actor,
                               m2m={"agencies": agencies}, expected_version=expected_version,
                               partnership=inquiry.partnership)
        if inquiry.source.title != inquiry.title:
            Source.objects.filter(pk=inquiry.source_id).update(title=inquiry.title)
    return inquiry


# ---- dissemination ----

DISSEMINATION_FIELDS = ["kind", "title", "source", "issued_on", "url", "attended", "sent_to"]


def _check_dissemination(partnership, data: dict) -> dict:
    data = {k: v for k, v in data.items() if k in DISSEMINATION_FIELDS}
    data["title"] = (data.get("title") or "").strip()
    data["url"] = (data.get("url") or "").strip()
    errors = {}
    if not data["title"]:
        errors["title"] = "Enter a title"
    if not data.get("issued_on"):
        errors["issued_on"] = "Enter the date it was published or held"
    source = data.get("source")
    if source is not None and not source.partnerships.filter(pk=partnership.pk).exists():
        errors["source"] = "Choose a learning source of this partnership."
    for name in ("attended", "sent_to"):
        if data.get(name) is not None and data[name] < 0:
            errors[name] = "Enter a number of 0 or more"
    if data.get("kind") == DisseminationProduct.Kind.LEARNING_EVENT and data.get("issued_on") \
            and data["issued_on"] <= timezone.localdate() and data.get("attended") is None:
        errors["attended"] = "Enter how many people attended the event"
    if data["url"]:
        try:
            URLValidator(schemes=["http", "https"])(data["url"])
        except ValidationError:
            errors["url"] = "Enter the link as a full web address, starting https://"
    if errors:
        raise ValidationError(errors)
    _no_personal_data(title=data["title"])
    return data


def dissemination_add(*, actor, partnership: Partnership, data: dict,
                      themes=()) -> DisseminationProduct:
    """Record a briefing, learning brief, newsletter item or learning event and its reach."""
    require(actor, "learning.manage_dissemination", partnership)
    data = _check_dissemination(partnership, data)
    with transaction.atomic():
        return model_create(model_class=DisseminationProduct, actor=actor,
                            partnership=partnership, data={**data, "partnership": partnership},
                            m2m={"themes": list(themes)})


def dissemination_update(*, actor, product: DisseminationProduct, data: dict, themes=(),
                         expected_version: int) -> DisseminationProduct:
    require(actor, "learning.manage_dissemination", product.partnership)
    data = _check_dissemination(
        product.partnership, {**{f: getattr(product, f) for f in DISSEMINATION_FIELDS}, **data})
    return model_update(instance=product, fields=DISSEMINATION_FIELDS, data=data,
                        m2m={"themes": list(themes)}, actor=actor,
                        expected_version=expected_version, partnership=product.partnership)


# ---- improvement plans ----

PLAN_FIELDS = ["title", "owner_organisation", "starts_on", "ends_on"]


def _check_plan(partnership, data: dict) -> dict:
    data = {k: data.get(k) for k in PLAN_FIELDS}
    data["title"] = (data["title"] or "").strip()
    errors = {}
    if not data["title"]:
        errors["title"] = "Enter the plan's title"
    starts_on, ends_on = data["starts_on"], data["ends_on"]
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = "The plan cannot end before it starts."
    owner = data["owner_organisation"]
    if owner is not None and not owner.partnerships.filter(pk=partnership.pk).exists():
        errors["owner_organisation"] = "Choose an organisation that belongs to this partnership."
    if errors:
        raise ValidationError(errors)
    _no_personal_data(title=data["title"])
    return data


def improvement_plan_create(*, actor, partnership: Partnership, title: str,
                            owner_organisation=None, starts_on=None,
                            ends_on=None) -> ImprovementPlan:
    """An improvement plan (objective → action → intended outcome and impact measure →
    milestones). It owns a learning source, so its actions are in the combined plan."""
    require(actor, "learning.manage_improvement_plans", partnership)
    data = _check_plan(partnership, {"title": title, "owner_organisation": owner_organisation,
                                     "starts_on": starts_on, "ends_on": ends_on})
    with transaction.atomic():
        source = Source.objects.create(kind=Source.Kind.IMPROVEMENT_PLAN, title=data["title"])
        source.partnerships.add(partnership)
        return model_create(model_class=ImprovementPlan, actor=actor, partnership=partnership,
                            data={**data, "partnership": partnership, "source": source})


def improvement_plan_update(*, actor, plan: ImprovementPlan, data: dict,
                            expected_version: int) -> ImprovementPlan:
    """Change a plan's title, lead organisation or dates. Raises ConcurrentEditError, saving
    nothing, if someone saved the plan after `expected_version` was read."""
    require(actor, "learning.manage_improvement_plans", plan.partnership)
    data = _check_plan(plan.partnership,
                       {**{f: getattr(plan, f) for f in PLAN_FIELDS}, **data})
    with transaction.atomic():
        plan = model_update(instance=plan, fields=PLAN_FIELDS, data=data, actor=actor,
                            expected_version=expected_version, partnership=plan.partnership)
        # The combined plan names the plan by its source's title.
        Source.objects.filter(pk=plan.source_id).exclude(title=plan.title).update(
            title=plan.title)
    return plan


def plan_objective_add(*, actor, plan: ImprovementPlan, text: str) -> PlanObjective:
    require(actor, "learning.manage_improvement_plans", plan.partnership)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the objective"})
    _no_personal_data(text=text)
    with transaction.atomic():
        objective = PlanObjective.objects.create(plan=plan, text=text,
                                                 order=plan.objectives.count() + 1)
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=objective,
                     partnership=plan.partnership, changes={"text": text})
    return objective


def plan_objective_update(*, actor, objective: PlanObjective, text: str,
                          expected_version: int) -> PlanObjective:
    """Reword an objective. Raises ConcurrentEditError, saving nothing, if someone saved it
    after `expected_version` was read."""
    plan = objective.plan
    require(actor, "learning.manage_improvement_plans", plan.partnership)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the objective"})
    _no_personal_data(text=text)
    return model_update(instance=objective, fields=["text"], data={"text": text}, actor=actor,
                        expected_version=expected_version, partnership=plan.partnership)


def plan_action_add(*, actor, objective: PlanObjective, title: str, due_date,
                    intended_outcome: str, impact_measure: str = "", owner_organisation=None,
                    owner_person=None, detail: str = "") -> Action:
    """An action towards an objective, with the outcome it intends and how it is measured."""
    plan = objective.plan
    require(actor, "learning.manage_improvement_plans", plan.partnership)
    if not (intended_outcome or "").strip():
        raise ValidationError({"intended_outcome": "Enter the outcome the action intends"})
    return action_create(actor=actor, partnership=plan.partnership, source=plan.source,
                         title=title, due_date=due_date, owner_organisation=owner_organisation,
                         owner_person=owner_person, detail=detail, objective=objective,
                         intended_outcome=intended_outcome, impact_measure=impact_measure)


def action_milestone_add(*, actor, action: Action, text: str, due_on=None) -> ActionMilestone:
    require(actor, "learning.change_action", action)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the milestone"})
    _no_personal_data(text=text)
    with transaction.atomic():
        milestone = ActionMilestone.objects.create(action=action, text=text, due_on=due_on)
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=milestone,
                     partnership=action.partnership, changes={"text": text, "due_on": due_on})
    return milestone


def action_milestone_update(*, actor, milestone: ActionMilestone, status: str,
                            evidence: str, expected_version: int) -> ActionMilestone:
    """Record a milestone's status and its evidence; done needs evidence. Refused
    (ConcurrentEditError) if someone saved it after `expected_version` was read."""
    require(actor, "learning.change_action", milestone.action)
    evidence = (evidence or "").strip()
    if status not in ActionMilestone.Status.values:
        raise ValidationError({"status": "Choose a status from the list."})
    if status == ActionMilestone.Status.DONE and not evidence:
        raise ValidationError({"evidence": "Say what shows the milestone is done"})
    _no_personal_data(evidence=evidence)
    return model_update(instance=milestone, fields=["status", "evidence"],
                        data={"status": status, "evidence": evidence}, actor=actor,
                        expected_version=expected_version,
                        partnership=milestone.action.partnership)
