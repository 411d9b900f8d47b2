"""Learning records for tests, made through the services (so rules and audit rows apply)."""

import datetime

from django.utils import timezone

from core.models import Role
from core.tests.files import pdf_upload
from learning import services
from learning.models import Source, Theme


def theme(name="Neglect"):
    return Theme.objects.get_or_create(name=name)[0]


def make_source(partnership, *, kind=Source.Kind.AUDIT, title="Multi-agency audit: neglect"):
    source = Source.objects.create(kind=kind, title=title)
    source.partnerships.add(partnership)
    return source


def smart_data(world, **changes):
    return {"text": "Agencies use the graded care profile when neglect recurs",
            "lead_organisation": world.orgs["council"], "measure": "Audit of 20 cases",
            "target_date": timezone.localdate() + datetime.timedelta(days=90),
            "specific": True, "measurable": True, "achievable": True, "relevant": True,
            "time_bound": True, **changes}


def audit_thread(world):
    """An alpha audit with a neglect finding, a SMART recommendation and an action for the
    school (the agency lead's organisation) that has one evidence document."""
    if "audit_source" not in world.objects:
        bu = world.users[Role.BUSINESS_UNIT]
        source = make_source(world.partnership)
        finding = services.finding_create(actor=bu, partnership=world.partnership,
                                          source=source, text="Neglect recurred after step-down",
                                          themes=[theme("Neglect")])
        rec = services.recommendation_create(actor=bu, finding=finding, **smart_data(world))
        action = services.action_create_for_recommendation(
            actor=bu, recommendation=rec, title="Train school staff on the toolkit",
            due_date=timezone.localdate() + datetime.timedelta(days=30),
            owner_organisation=world.orgs["school"])
        evidence = services.evidence_add(
            actor=bu, action=action, description="Attendance list for the training",
            file=pdf_upload("attendance.pdf"))
        world.objects.update(audit_source=source, finding=finding, recommendation=rec,
                             review_action=action, evidence=evidence)
    return world.objects["audit_source"]


def restricted_finding(world):
    """A finding on the rapid review of the panel incident (need-to-know)."""
    from reviews.tests.factories import panel_incident

    if "restricted_finding" not in world.objects:
        incident = panel_incident(world)
        world.objects["restricted_finding"] = services.finding_create(
            actor=world.users[Role.BUSINESS_UNIT], partnership=world.partnership,
            source=incident.rapid_review.source, text="Information held by school not shared",
            themes=[theme("Multi-agency working and information sharing")])
    return world.objects["restricted_finding"]


def challenge_event(world):
    """A challenge event on the audit's action plan, chaired by the scrutineer."""
    if "challenge_event" not in world.objects:
        audit_thread(world)
        world.objects["challenge_event"] = services.challenge_event_create(
            actor=world.users[Role.BUSINESS_UNIT], partnership=world.partnership,
            challenged_source=world.objects["audit_source"], title="Neglect audit challenge",
            questions_sent_on=timezone.localdate(), chair=world.people[Role.SCRUTINEER])
    return world.objects["challenge_event"]


def inquiry(world):
    """A KLOE deep dive commissioned by the alpha Executive."""
    if "inquiry" not in world.objects:
        world.objects["inquiry"] = services.inquiry_create(
            actor=world.users[Role.BUSINESS_UNIT], partnership=world.partnership,
            data={"kind": "kloe", "title": "Children placed at a distance",
                  "commissioned_by": world.groups["executive"], "status": "commissioned"},
            agencies=[world.orgs["council"]])
    return world.objects["inquiry"]


def briefing(world):
    if "briefing" not in world.objects:
        world.objects["briefing"] = services.dissemination_add(
            actor=world.users[Role.BUSINESS_UNIT], partnership=world.partnership,
            data={"kind": "seven_minute_briefing", "title": "Neglect seven-minute briefing",
                  "issued_on": timezone.localdate(), "sent_to": 120},
            themes=[theme("Neglect")])
    return world.objects["briefing"]


def improvement_plan(world):
    """A plan with one objective and an action for the school with one milestone."""
    if "improvement_plan" not in world.objects:
        bu = world.users[Role.BUSINESS_UNIT]
        plan = services.improvement_plan_create(actor=bu, partnership=world.partnership,
                                                title="SEND improvement plan")
        objective = services.plan_objective_add(actor=bu, plan=plan,
                                                text="80% of EHC plans within 20 weeks")
        action = services.plan_action_add(
            actor=bu, objective=objective, title="Report timeliness six-weekly",
            due_date=timezone.localdate() + datetime.timedelta(days=40),
            intended_outcome="Delays are seen and acted on", impact_measure="% within 20 weeks",
            owner_organisation=world.orgs["school"])
        milestone = services.action_milestone_add(actor=bu, action=action,
                                                  text="Baseline report")
        world.objects.update(improvement_plan=plan, objective=objective, plan_action=action,
                             milestone=milestone)
    return world.objects["improvement_plan"]


def plan_object(name):
    def get(world):
        improvement_plan(world)
        return world.objects[name]
    return get


def challenge_question(world):
    """A question circulated for the challenge event (its outcome not yet recorded)."""
    if "challenge_question" not in world.objects:
        world.objects["challenge_question"] = services.challenge_question_add(
            actor=world.users[Role.BUSINESS_UNIT], event=challenge_event(world),
            text="How do you know staff use the toolkit?")
    return world.objects["challenge_question"]


def signed_off_evidence(world):
    """The audit action's evidence, once the business unit has signed the action off."""
    if "signed_off_evidence" not in world.objects:
        audit_thread(world)
        bu, action = world.users[Role.BUSINESS_UNIT], world.objects["review_action"]
        services.action_update(actor=bu, action=action, data={"status": "completed"},
                               expected_version=action.version)
        services.action_sign_off(actor=bu, action=action, expected_version=action.version)
        world.objects["signed_off_evidence"] = world.objects["evidence"]
    return world.objects["signed_off_evidence"]


RESTRICTED_REC_TEXT = "Share school concerns at every strategy discussion"


def restricted_action(world):
    """An action on the panel incident's rapid review (need-to-know), answering a
    recommendation, for the school (the agency lead's organisation), owned by the
    practitioner: they work it without seeing the review."""
    if "restricted_action" not in world.objects:
        bu = world.users[Role.BUSINESS_UNIT]
        rec = services.recommendation_create(actor=bu, finding=restricted_finding(world),
                                             **{"text": RESTRICTED_REC_TEXT})
        world.objects["restricted_action"] = services.action_create_for_recommendation(
            actor=bu, recommendation=rec, title="Invite schools to strategy meetings",
            due_date=timezone.localdate() + datetime.timedelta(days=3),
            owner_organisation=world.orgs["school"],
            owner_person=world.people[Role.PRACTITIONER])
    return world.objects["restricted_action"]
