"""Writes on improvement plans, their objectives, and action milestones."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import AuditEvent, Partnership
from core.policy import require
from core.services import audit_record, model_create, model_update, next_place

from ..models import (
    Action,
    ActionMilestone,
    ImprovementPlan,
    PlanObjective,
    Source,
)
from ..sources import source_create
from .actions import _no_personal_data, action_create

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
        source = source_create(actor=actor, partnership=partnership,
                               kind=Source.Kind.IMPROVEMENT_PLAN, title=data["title"])
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
                                                 order=next_place(plan, "objectives"))
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
