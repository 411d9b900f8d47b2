"""Writes on actions, findings and recommendations, evidence and sign-off."""

from __future__ import annotations

import datetime
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from core.forms import validate_upload
from core.models import AuditEvent, Organisation, Partnership, Person
from core.pii import find_personal_data
from core.policy import require
from core.services import audit_record, model_create, model_update, typed_fields

from ..models import (
    Action,
    ActionUpdate,
    Evidence,
    Finding,
    Recommendation,
    Source,
)

ACTION_EDIT_FIELDS = ["status", "due_date", "owner_organisation", "owner_person", "detail",
                      "completed_on", "impact_statement", "signed_off_by", "signed_off_on"]
DONE_STATUSES = {Action.Status.COMPLETED, Action.Status.SIGNED_OFF}
class RecommendationFields(TypedDict, total=False):
    """A recommendation's own fields, as keyword arguments (decision 0018); `text` is
    required by the check, the SMART letters default to not judged."""

    text: str
    lead_organisation: Organisation | None
    measure: str
    target_date: datetime.date | None
    specific: bool
    measurable: bool
    achievable: bool
    relevant: bool
    time_bound: bool


RECOMMENDATION_FIELDS = list(RecommendationFields.__annotations__)


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


def action_update(*, actor, action: Action, data: dict,
                  expected_version: int | None) -> Action:
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


def recommendation_create(*, actor, finding: Finding,
                          **fields: Unpack[RecommendationFields]) -> Recommendation:
    """Add a recommendation to a finding. It is saved even when it is not SMART, flagged with
    what is missing (learning.smart), so the gap is visible rather than lost."""
    require(actor, "learning.manage_findings", finding.source)
    data = _recommendation_data(typed_fields(fields, RecommendationFields), finding.partnership,
                                finding.source.is_restricted)
    with transaction.atomic():
        return model_create(model_class=Recommendation, actor=actor,
                            partnership=finding.partnership,
                            data={**data, "finding": finding, "partnership": finding.partnership,
                                  "created_by": actor})


def recommendation_update(*, actor, recommendation: Recommendation, expected_version: int,
                          **fields: Unpack[RecommendationFields]) -> Recommendation:
    """Replace the recommendation's fields (all of them: an edit form sends every one)."""
    require(actor, "learning.manage_findings", recommendation.finding.source)
    data = _recommendation_data(typed_fields(fields, RecommendationFields),
                                recommendation.partnership,
                                recommendation.finding.source.is_restricted)
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
    errors: dict[str, str | list[str]] = {}
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
        evidence.delete()  # its stored document goes after the commit (learning.models)
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
