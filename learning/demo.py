"""Fictional findings, recommendations, actions and evidence for the Tees demo.

They hang on the practice reviews reviews.demo creates (pseudonyms from the seeds; every case
detail invented) and use the learning the seeds report: neglect and step-down (ALEX, Child M,
Kingfisher), concealed pregnancy and families who find it hard to engage (Eve), moving across
boundaries (Angel), exploitation (the thematic review), escalation and the inclusion of housing
and substance misuse services (the Kingfisher challenge event). Actions are at every stage:
signed off with evidence, completed awaiting sign-off, in progress with evidence, overdue.
The Kingfisher and Liam challenge events follow seed 001's CSPR action-plan challenge model.
Written through the services as the system actor; a second run adds nothing.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from core.demo import tees
from core.demo.loader import sync
from core.models import Organisation, Partnership, Person, Role, RoleAssignment, User
from core.services import system_actor
from governance.demo import demo_meetings
from governance.models import Decision, Meeting

from . import services
from .models import Action, ActionUpdate, Evidence, Finding, Recommendation, Source, Theme

# stage -> what the demo does after creating the action
SIGNED_OFF, COMPLETED, EVIDENCE, OVERDUE, IN_PROGRESS = (
    "signed_off", "completed", "evidence", "overdue", "in_progress")

TEWV = "Tees, Esk and Wear Valleys NHS Foundation Trust"
POLICE = "Cleveland Police"
ICB = "North East and North Cumbria Integrated Care Board"

# partnership slug -> pseudonym -> [(finding, themes, recommendation, lead, [actions])]
# action: (title, owner organisation, stage, due: days from today, or a date for an action
# finished in an earlier year, so the yearly reports of those years have work to count)
PLAN = {
    "hsscp": {
        "EMMA": [(
            "Concerns about the infant were held by several agencies but not brought together "
            "before the injury.",
            ["Safeguarding vulnerable babies", "Multi-agency working and information sharing"],
            "Health visitors and children's social care share concerns about infants under one "
            "at a joint discussion within five working days.", ICB,
            [("Add a joint discussion step to the pre-birth and infant pathway", ICB,
              SIGNED_OFF, datetime.date(2021, 1, 29)),
             ("Audit twenty infant cases for joint discussions", TEWV, COMPLETED, -10)],
        )],
        "Child T": [(
            "Assessments described adverse childhood experiences but did not say what they "
            "meant for the child's daily life.",
            ["Understanding the child's world", "Voice of the child"],
            "Commission training on adverse childhood experiences for the multi-agency "
            "workforce.", "Hartlepool Borough Council",
            [("Deliver ACEs training in the 2021-22 programme", "Hartlepool Borough Council",
              SIGNED_OFF, -200)],
        )],
        "Child M": [(
            "Neglect was seen as a series of incidents rather than cumulative harm.",
            ["Neglect"],
            "Relaunch the Neglect Statement of Intent with practitioner resources.",
            "Stockton-on-Tees Borough Council",
            [("Run neglect active learning days for practitioners", TEWV, EVIDENCE, 20),
             ("Publish the neglect practitioner resources", "Stockton-on-Tees Borough Council",
              OVERDUE, -14)],
        )],
        "ALEX": [(
            "Step-down from child protection happened before change in the family was "
            "sustained.",
            ["Neglect", "Engaging the whole family"],
            "Review step-down guidance.", None,
            [("Revise the step-down guidance with Tees Procedures", "Hartlepool Borough Council",
              IN_PROGRESS, 45)],
        )],
        "Eve": [(
            "A concealed pregnancy and a family who found it hard to engage were not "
            "challenged.",
            ["Safeguarding vulnerable babies", "Engaging the whole family", "Hidden men"],
            "Develop a Tees-wide concealed pregnancy procedure and guidance on working with "
            "families who find it hard to engage.", "Hartlepool Borough Council",
            [("Publish the concealed pregnancy procedure", "Hartlepool Borough Council",
              SIGNED_OFF, datetime.date(2021, 2, 26)),
             ("Brief midwives and GPs on the concealed pregnancy procedure", TEWV, OVERDUE,
              -30)],
        )],
    },
    "stscp": {
        "Kingfisher": [(
            "Agencies did not use the Tees escalation process when they disagreed about "
            "drug-using parents' capacity to care.",
            ["Neglect", "Substance misuse", "Escalation"],
            "Embed the Tees escalation process across agencies and include housing and "
            "substance misuse services in the next Section 11 audit.", "Middlesbrough Council",
            [("Add housing and substance misuse services to the Section 11 audit",
              "Middlesbrough Council", COMPLETED, -5),
             ("Dip-sample escalations in neglect cases", POLICE, OVERDUE, -21)],
        )],
        "Angel": [(
            "Information did not follow a family who moved across local authority boundaries; "
            "interpreters were not used.",
            ["Multi-agency working and information sharing", "Understanding the child's world"],
            "Promote the use of interpreters and include health visitors in pre-birth "
            "planning for families who move area.", ICB,
            [("Circulate interpreter guidance to all agencies", ICB, SIGNED_OFF,
              datetime.date(2023, 10, 31))],
        )],
        "Liam": [(
            "Falling school attendance and missed health appointments were not linked.",
            ["Neglect", "Multi-agency working and information sharing"],
            "Schools take part in rapid reviews and CSPR learning.", None,
            [("Invite designated safeguarding leads to the practitioner event",
              "Middlesbrough Education", IN_PROGRESS, 15)],
        )],
        "Thematic review: child criminal exploitation": [(
            "Serious youth violence and missing episodes were treated separately from "
            "exploitation.",
            ["Risks outside the home", "Exploitation"],
            "Circulate a five-point learning brief on child criminal exploitation.",
            "Middlesbrough Council",
            [("Circulate the five-point learning brief", "Middlesbrough Council", SIGNED_OFF,
              -150),
             ("Review the exploitation screening tool", POLICE, EVIDENCE, 30)],
        )],
        "Line of sight review: neglect": [(
            "Children and their siblings lived with neglect, domestic abuse and poor home "
            "conditions for a long time before action was taken.",
            ["Neglect", "Domestic abuse"],
            "Strengthen the response to long-standing neglect.", None,
            [("Refresh the graded care profile training", "Redcar and Cleveland Borough Council",
              OVERDUE, -7)],
        )],
    },
}


def _demo_actor(partnership):
    """The system actor, for a partnership with a business unit to answer for the plan: the
    demo writes as the system (named so in the audit trail), never as a demo person."""
    if not User.objects.filter(person__roles__role=Role.BUSINESS_UNIT,
                               person__roles__partnership=partnership).exists():
        return None
    return system_actor()


def _agency_lead(partnership, organisation):
    assignment = RoleAssignment.objects.filter(
        role=Role.AGENCY_LEAD, partnership=partnership, organisation=organisation
    ).select_related("person").first()
    return assignment.person if assignment else None


def _evidence(actor, action, text, *, completes):
    services.evidence_add(actor=actor, action=action, description=text, completes=completes,
                          url=f"https://intranet.example/evidence/{action.pk}",
                          expected_version=action.version)


def _action(actor, rec, title, org_name, stage, due, today):
    if Action.objects.filter(recommendation=rec, title=title).exists():
        return
    organisation = Organisation.objects.filter(name=org_name).first()
    if organisation is None or not organisation.partnerships.filter(
            pk=rec.partnership_id).exists():
        return
    owner: Person | None = _agency_lead(rec.partnership, organisation)
    action = services.action_create_for_recommendation(
        actor=actor, recommendation=rec, title=title,
        due_date=due if isinstance(due, datetime.date) else today + datetime.timedelta(days=due),
        owner_organisation=organisation, owner_person=owner)
    if stage == IN_PROGRESS:
        services.action_update_add(actor=actor, action=action, status="in_progress",
                                   text="Work has started; first draft shared with partners.",
                                   expected_version=action.version)
    elif stage == EVIDENCE:
        _evidence(actor, action, "Plan and first session materials", completes=False)
        action = Action.objects.get(pk=action.pk)
        services.action_update_add(actor=actor, action=action, status="in_progress",
                                   text="Half of the sessions delivered.",
                                   expected_version=action.version)
    elif stage in (COMPLETED, SIGNED_OFF):
        _evidence(actor, action, "Report to the Engine Room showing the action delivered",
                  completes=True)
        action = Action.objects.get(pk=action.pk)
        services.action_update(
            actor=actor, action=action, expected_version=action.version,
            data={"impact_statement": "Practitioners report using the new guidance; the next "
                                      "multi-agency audit will test it in case records."})
        if stage == SIGNED_OFF:
            action = Action.objects.get(pk=action.pk)
            services.action_sign_off(actor=actor, action=action,
                                     expected_version=action.version)
        if isinstance(due, datetime.date):
            # The services stamp today; a historic action was finished around its due date.
            completed_on = due - datetime.timedelta(days=7)
            signed_off_on = (due + datetime.timedelta(days=14)) if stage == SIGNED_OFF else None
            Action.objects.filter(pk=action.pk).update(
                completed_on=completed_on, signed_off_on=signed_off_on)
            # Its history then carries the days it was made, not the demo's load time.
            Evidence.objects.filter(action=action).update(
                added_on=completed_on, created_at=_noon(completed_on))
            updates = ActionUpdate.objects.filter(action=action)
            updates.exclude(kind=ActionUpdate.Kind.SIGNED_OFF).update(
                created_at=_noon(completed_on), updated_at=_noon(completed_on))
            if signed_off_on:
                updates.filter(kind=ActionUpdate.Kind.SIGNED_OFF).update(
                    created_at=_noon(signed_off_on), updated_at=_noon(signed_off_on))


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


# (partnership, challenged review, title, months ago or None if planned, chair, outcome,
#  questions, further action)
CHALLENGES = [
    ("stscp", "Kingfisher", "CSPR Kingfisher action plan challenge", 5,
     "Further work is needed on agencies' understanding of the escalation process; housing "
     "and substance misuse services are to be included in the next Section 11 audit.",
     ["What evidence shows practitioners now use the Tees escalation process?",
      "How has the learning changed work with drug-using parents?"],
     ("Include housing and substance misuse services in the Section 11 audit",
      "Middlesbrough Council")),
    ("stscp", "Liam", "CSPR Liam challenge event", None, "",
     ["How is school attendance now shared with health and early help?"], None),
]


def _scrutineer(partnership):
    assignment = RoleAssignment.objects.filter(
        role=Role.SCRUTINEER, partnership=partnership).select_related("person").first()
    return assignment.person if assignment else None


def load_challenges(today) -> None:
    from reviews.models import PracticeReview

    from .models import ChallengeEvent

    for slug, pseudonym, title, months_ago, outcome, questions, further in CHALLENGES:
        partnership = Partnership.objects.filter(slug=slug).first()
        actor = partnership and _demo_actor(partnership)
        review = partnership and PracticeReview.objects.filter(
            partnership=partnership, pseudonym=pseudonym).first()
        if actor is None or review is None or ChallengeEvent.objects.filter(
                partnership=partnership, title=title).exists():
            continue
        held = today - datetime.timedelta(days=30 * months_ago) if months_ago else None
        event = services.challenge_event_create(
            actor=actor, partnership=partnership, challenged_source=review.source, title=title,
            held_on=held, chair=_scrutineer(partnership),
            questions_sent_on=(held or today + datetime.timedelta(days=20))
            - datetime.timedelta(days=14))
        for text in questions:
            services.challenge_question_add(actor=actor, event=event, text=text)
        organisation = Organisation.objects.filter(partnerships=partnership,
                                                   kind=Organisation.Kind.POLICE).first()
        if organisation is not None and held:
            services.challenge_response_save(
                actor=actor, event=event, organisation=organisation,
                evidence="Dip sample of escalations in neglect cases, with findings.",
                response="Escalation is used more often; timeliness still varies.")
        if outcome and held:
            services.challenge_event_record_outcome(actor=actor, event=event, held_on=held,
                                                    outcome=outcome,
                                                    expected_version=event.version)
        if further:
            owner = Organisation.objects.filter(name=further[1]).first()
            services.source_action_create(actor=actor, partnership=partnership,
                                          source=event.source, title=further[0],
                                          owner_organisation=owner,
                                          due_date=today + datetime.timedelta(days=60))


# KLOE deep dives and an active learning set from seed 000 (HSSCP, 2019-21), each with one
# finding, recommendation and action. (kind, title, question, commissioned, reported, summary,
# practitioners, finding, themes, recommendation, action, owner, stage, due in days)
INQUIRIES = [
    ("kloe", "KLOE: children placed at a distance",
     "Are children placed out of area safe, visited and heard?",
     datetime.date(2019, 9, 10), datetime.date(2020, 3, 20),
     "Placement policies were hard to follow; independent visitors were scarce. A task and "
     "finish group took the recommendations forward.", 14,
     "Plans for out-of-area placements did not always say how the child would be visited "
     "and heard.", ["Understanding the child's world", "Voice of the child"],
     "Develop a seven-minute briefing and checklist for planning out-of-area placements.",
     "Develop the out-of-area placement checklist", "Hartlepool Borough Council", SIGNED_OFF,
     -400),
    ("kloe", "KLOE: children missing from home or care",
     "How well do agencies respond when children go missing?",
     datetime.date(2020, 1, 14), datetime.date(2020, 9, 25),
     "Recommendations went to the contextual safeguarding planning group; a conference was "
     "held in November 2020.", 22,
     "Return home interviews were not shared with the agencies that knew the child.",
     ["Risks outside the home", "Multi-agency working and information sharing"],
     "Share return home interview outcomes with the child's school and health team.",
     "Report return home interview sharing by area", POLICE, EVIDENCE, 25),
    ("active_learning", "Neglect active learning set",
     "Do practitioners use the Neglect Statement of Intent?",
     datetime.date(2021, 4, 12), None, "", 30,
     "Practitioners knew the Statement of Intent but rarely used the graded care profile.",
     ["Neglect"], "Commission neglect training for the 2021-22 programme.",
     "Add graded care profile sessions to the training programme", TEWV, OVERDUE, -12),
]


def load_inquiries(today) -> None:
    from governance.models import Group

    from .models import Inquiry

    partnership = Partnership.objects.filter(slug="hsscp").first()
    actor = partnership and _demo_actor(partnership)
    if actor is None:
        return
    engine_room = Group.objects.filter(name="HSSCP Engine Room").first()
    for (kind, title, question, commissioned, reported, summary, practitioners, finding_text,
         themes, rec_text, action_title, owner, stage, due_days) in INQUIRIES:
        if Inquiry.objects.filter(partnership=partnership, title=title).exists():
            continue
        inquiry = services.inquiry_create(actor=actor, partnership=partnership, data={
            "kind": kind, "title": title, "question": question, "commissioned_by": engine_room,
            "commissioned_on": commissioned, "critical_friend": _scrutineer(partnership),
            "practitioners": practitioners, "reported_on": reported, "report_summary": summary,
            "status": "reported" if reported else "under_way"})
        finding = services.finding_create(actor=actor, partnership=partnership,
                                          source=inquiry.source, text=finding_text,
                                          themes=Theme.objects.filter(name__in=themes))
        lead = Organisation.objects.filter(name=owner).first()
        rec = services.recommendation_create(actor=actor, finding=finding, **{
            "text": rec_text, "lead_organisation": lead, "measure": "Audit of case records",
            "target_date": today + datetime.timedelta(days=120), "specific": True,
            "measurable": True, "achievable": True, "relevant": True, "time_bound": True})
        _action(actor, rec, action_title, owner, stage, due_days, today)


# (partnership, kind, title, review pseudonym or None, days ago, attended, sent to, themes)
DISSEMINATION = [
    ("hsscp", "learning_event", "Learning from reviews 2019-21: four multi-agency briefings",
     None, 600, 320, None, ["Neglect", "Learning from reviews and good practice"]),
    ("hsscp", "seven_minute_briefing", "Child M seven-minute briefing", "Child M", 1500, None,
     400, ["Neglect"]),
    ("hsscp", "seven_minute_briefing", "Eve seven-minute briefing", "Eve", 1600, None, 380,
     ["Safeguarding vulnerable babies", "Engaging the whole family"]),
    ("stscp", "learning_event", "Non-accidental injury in under-ones and hidden partners: "
     "Tees-wide learning event", None, 230, 100, None,
     ["Safeguarding vulnerable babies", "Hidden men"]),
    ("stscp", "learning_brief", "Five-point learning brief: child criminal exploitation",
     "Thematic review: child criminal exploitation", 400, None, 650,
     ["Risks outside the home", "Exploitation"]),
    ("stscp", "newsletter", "E-bulletin: the Tees escalation process", "Kingfisher", 120, None,
     900, ["Escalation"]),
]


def load_dissemination(today) -> None:
    from reviews.models import PracticeReview

    from .models import DisseminationProduct

    for slug, kind, title, pseudonym, days_ago, attended, sent_to, themes in DISSEMINATION:
        partnership = Partnership.objects.filter(slug=slug).first()
        actor = partnership and _demo_actor(partnership)
        if actor is None or DisseminationProduct.objects.filter(partnership=partnership,
                                                                title=title).exists():
            continue
        review = pseudonym and PracticeReview.objects.filter(
            partnership=partnership, pseudonym=pseudonym).select_related("source").first()
        services.dissemination_add(
            actor=actor, partnership=partnership,
            data={"kind": kind, "title": title, "source": review.source if review else None,
                  "issued_on": today - datetime.timedelta(days=days_ago), "attended": attended,
                  "sent_to": sent_to},
            themes=Theme.objects.filter(name__in=themes))


# The Hartlepool SEND improvement plan in seed 004's objective / action / intended outcome and
# impact measure / milestone format. (objective, [(action, outcome, measure, owner, due in
# days, [(milestone, days from today, status, evidence)])])
SEND_PLAN = [
    ("80% of EHC plans completed within the 20-week timescale", [
        ("Report timeliness and compliance to the strategic group every six weeks",
         "Delays are identified early and acted on in the child's best interests",
         "Per cent of EHC plans completed within 20 weeks", "Hartlepool Borough Council", 90, [
             ("Baseline report to the strategic group", -150, "done",
              "Baseline report and minutes of the strategic group"),
             ("Performance report shared with all partners", -30, "done",
              "Report circulated; system action plan drafted"),
             ("Balanced scorecard updated for the spring term", 40, "on_track", ""),
         ]),
        ("Review the SEND training offer and publish the workforce development plan",
         "Practitioners have the skills to identify and assess needs",
         "Per cent of identified practitioners who completed the programme", TEWV, 60, [
             ("Training offer reviewed and dates set", -120, "done",
              "Training offer and attendance lists"),
             ("40% of identified practitioners engaged", -20, "done",
              "Attendance list and evaluation forms"),
         ]),
    ]),
    ("Measure the impact of services on outcomes for children and young people with SEND", [
        ("Implement the outcome star in EHC plans",
         "Local leaders know whether services improve children's lives",
         "Outcome star scores at annual review", "Hartlepool Borough Council", -14, [
             ("SEN officers, SENCOs, parents and young people consulted", -60, "done",
              "Consultation notes from the SEND operational group"),
             ("EHC paperwork amended to include the outcome star", -10, "at_risk",
              "Waiting for the regional outcomes framework"),
         ]),
    ]),
]


def load_improvement_plan(today) -> None:
    from .models import ImprovementPlan

    partnership = Partnership.objects.filter(slug="hsscp").first()
    actor = partnership and _demo_actor(partnership)
    title = "SEND improvement plan (Hartlepool)"
    if actor is None or ImprovementPlan.objects.filter(partnership=partnership,
                                                       title=title).exists():
        return
    plan = services.improvement_plan_create(
        actor=actor, partnership=partnership, title=title,
        owner_organisation=Organisation.objects.filter(name="Hartlepool Borough Council").first(),
        starts_on=today - datetime.timedelta(days=200), ends_on=today + datetime.timedelta(days=165))
    for objective_text, actions in SEND_PLAN:
        objective = services.plan_objective_add(actor=actor, plan=plan, text=objective_text)
        for title_, outcome, measure, owner, due, milestones in actions:
            organisation = Organisation.objects.filter(name=owner).first()
            action = services.plan_action_add(
                actor=actor, objective=objective, title=title_, intended_outcome=outcome,
                impact_measure=measure, owner_organisation=organisation,
                owner_person=_agency_lead(partnership, organisation) if organisation else None,
                due_date=today + datetime.timedelta(days=due))
            for text, days, status, evidence in milestones:
                milestone = services.action_milestone_add(
                    actor=actor, action=action, text=text,
                    due_on=today + datetime.timedelta(days=days))
                services.action_milestone_update(actor=actor, milestone=milestone,
                                                 status=status, evidence=evidence,
                                                 expected_version=milestone.version)


# ---- the Tees demo's meeting sources, decisions and actions ------------------------------


def decision_text(item) -> str:
    return f"{item.title}: the group accepted the findings and agreed the actions in the log."


class TeesMeetingActions:
    """Actions set at the demo meetings governance's loader wrote (core.demo.tees), read back
    by natural key; each action hangs on its meeting's source and the decision that set it."""

    def __init__(self, now=None):
        self.now = now or timezone.now()
        self.today = timezone.localtime(self.now).date()
        self.meetings = demo_meetings(self.now)
        self.partnerships = {p.slug: p for p in Partnership.objects.filter(
            slug__in=[p["slug"] for p in tees.PARTNERSHIPS])}
        self.people = {p.name: p for p in Person.objects.filter(
            name__in=[name for name, _job, _org in tees.PEOPLE]).select_related("organisation")}

    def load_sources(self):
        """A demo meeting's source carries the meeting's title and exactly its group's
        partnerships."""
        source_rows, link_rows = [], []
        for meetings in self.meetings.values():
            for meeting in meetings:
                source_rows.append({"id": meeting.source_id, "kind": Source.Kind.MEETING,
                                    "title": meeting.title})
                for slug in meeting._demo_spec["partnerships"]:
                    link_rows.append({"source_id": meeting.source_id,
                                      "partnership_id": self.partnerships[slug].pk})
        sync(Source, ("id",), source_rows)
        through = Source.partnerships.through
        sources = {r["source_id"] for r in link_rows}
        keep = {(r["source_id"], r["partnership_id"]) for r in link_rows}
        stale = [pk for pk, s_id, p_id in through.objects.filter(source_id__in=sources)
                 .values_list("pk", "source_id", "partnership_id") if (s_id, p_id) not in keep]
        if stale:
            through.objects.filter(pk__in=stale).delete()
        sync(through, ("source_id", "partnership_id"), link_rows)

    def _due_and_status(self, meeting_day: datetime.date, rng: random.Random):
        due = meeting_day + datetime.timedelta(weeks=8)
        days = datetime.timedelta
        if due < self.today - days(21):
            if rng.random() < 0.15:
                return due, Action.Status.IN_PROGRESS, None
            return due, Action.Status.COMPLETED, due - days(4)
        if due < self.today:
            return due, Action.Status.IN_PROGRESS, None
        status = Action.Status.IN_PROGRESS if rng.random() < 0.6 else Action.Status.NOT_STARTED
        return due, status, None

    def load_actions(self):
        author = User.objects.filter(username="bu.hsscp").first()
        planned = []  # (partnership, meeting, agenda item, title, detail, owner, due, ...)
        for spec in tees.GROUPS:
            owners = [n for n, role, _ in spec["members"] if role != "chair"]
            partnership = self.partnerships[spec["partnerships"][0]]
            for meeting in self.meetings.get(spec["name"], []):
                if meeting.status != Meeting.Status.HELD:
                    continue
                day = meeting._demo_day
                items = [i for i in meeting._demo_items if i.kind != "standing"]
                count = 2 if spec["kind"] in ("executive", "engine_room") else 1
                for k in range(count if items else 0):
                    turn = day.toordinal() // 7 + k
                    title, detail = tees.ACTION_TITLES[turn % len(tees.ACTION_TITLES)]
                    rng = random.Random(f"{spec['name']}|{day}|{k}")
                    planned.append((partnership, meeting, items[k % len(items)], title, detail,
                                    self.people[owners[turn % len(owners)]],
                                    *self._due_and_status(day, rng)))
        planned += self.demo_user_actions()
        decisions = sync(Decision, ("meeting", "agenda_item"), [
            {"meeting": meeting, "agenda_item": item, "text": decision_text(item),
             "recorded_by": author}
            for _p, meeting, item, *_rest in planned
        ])
        actions = sync(Action, ("source_id", "title"), [
            {"source_id": meeting.source_id, "title": title, "partnership": partnership,
             "decision": decisions[(meeting.pk, item.pk)], "detail": detail,
             "owner_organisation": owner.organisation, "owner_person": owner,
             "due_date": due, "status": status, "completed_on": completed_on}
            for partnership, meeting, item, title, detail, owner, due, status, completed_on
            in planned
        ])
        updates = []
        for action in actions.values():
            if action.status == Action.Status.COMPLETED:
                updates.append({"action": action, "status_after": action.status,
                                "author": author, "status_before": Action.Status.IN_PROGRESS,
                                "text": "Done: evidence of completion uploaded and checked "
                                        "by the business unit."})
            elif action.status == Action.Status.IN_PROGRESS:
                updates.append({"action": action, "status_after": action.status,
                                "author": author, "status_before": Action.Status.NOT_STARTED,
                                "text": "Work started; the owner will report progress at the "
                                        "next meeting."})
        written = sync(ActionUpdate, ("action", "status_after"), updates)
        # An update carries the day it was made: a completion on its completion date, a
        # start a week after the meeting that set the action (never later than today).
        made_on = {}
        for _p, meeting, _item, title, *_rest, completed_on in planned:
            started = min(meeting._demo_day + datetime.timedelta(days=7), self.today)
            made_on[(meeting.source_id, title)] = (completed_on, started)
        by_id = {action.pk: action for action in actions.values()}
        for update in written.values():
            action = by_id[update.action_id]
            completed_on, started = made_on[(action.source_id, action.title)]
            day = completed_on if update.status_after == Action.Status.COMPLETED else started
            when = timezone.make_aware(datetime.datetime.combine(day or started, datetime.time(12)))
            if update.created_at != when:
                ActionUpdate.objects.filter(pk=update.pk).update(created_at=when, updated_at=when)

    def demo_user_actions(self) -> list[tuple]:
        """Due-soon, overdue and completed actions for the demo logins' home pages."""
        partnership = self.partnerships[tees.HSSCP]
        held = [m for m in self.meetings.get(tees.ENGINE_H, []) if m.status == Meeting.Status.HELD
                and m._demo_day <= self.today - datetime.timedelta(days=35)]
        if not held:
            return []
        meeting = held[-1]
        item = next(i for i in meeting._demo_items if i.kind != "standing")
        detail = "Agreed at the Engine Room; the owner reports back at the next meeting."
        day = datetime.timedelta
        t = self.today
        # "Due soon" dates stay within core.calendar.DUE_SOON (five working days): any six
        # days after today hold at most five.
        plan = [
            ("Owen Threlfall", "Report health visitor attendance at strategy discussions",
             t + day(6), Action.Status.IN_PROGRESS, None),
            ("Owen Threlfall", "Confirm dates for the safeguarding supervision audit",
             t - day(9), Action.Status.IN_PROGRESS, None),
            ("Owen Threlfall", "Send the named nurse briefing to maternity staff",
             t - day(20), Action.Status.COMPLETED, t - day(24)),
            ("Imogen Padley", "Agree the police attendance protocol for strategy meetings",
             t + day(5), Action.Status.NOT_STARTED, None),
            ("Imogen Padley", "Circulate the Engine Room chair rota for next year",
             t - day(15), Action.Status.IN_PROGRESS, None),
            ("Priya Dunstable", "Check mental health services' use of the escalation policy",
             t + day(4), Action.Status.IN_PROGRESS, None),
            ("Priya Dunstable", "Train crisis team staff on the children returning home "
             "procedure", t - day(12), Action.Status.NOT_STARTED, None),
        ]
        return [(partnership, meeting, item, title, detail, self.people[name], due, status,
                 completed_on) for name, title, due, status, completed_on in plan]

    def run(self):
        self.load_sources()
        self.load_actions()


def load() -> None:
    from reviews import demo as reviews_demo
    from reviews.models import PracticeReview

    TeesMeetingActions().run()
    # Learning hangs on the reviews, whose loader runs after this app's; it is idempotent.
    reviews_demo.load()
    today = timezone.localdate()
    for slug, reviews in PLAN.items():
        partnership = Partnership.objects.filter(slug=slug).first()
        actor = partnership and _demo_actor(partnership)
        if actor is None:
            continue
        for pseudonym, findings in reviews.items():
            review = PracticeReview.objects.filter(partnership=partnership,
                                                   pseudonym=pseudonym).first()
            if review is None:
                continue
            for text, theme_names, rec_text, lead, actions in findings:
                finding = Finding.objects.filter(source=review.source, text=text).first()
                if finding is None:
                    finding = services.finding_create(
                        actor=actor, partnership=partnership, source=review.source, text=text,
                        themes=Theme.objects.filter(name__in=theme_names))
                rec = Recommendation.objects.filter(finding=finding, text=rec_text).first()
                if rec is None:
                    lead_org = Organisation.objects.filter(name=lead).first() if lead else None
                    smart = lead_org is not None
                    rec = services.recommendation_create(actor=actor, finding=finding, **{
                        "text": rec_text, "lead_organisation": lead_org,
                        "measure": "Multi-agency audit of case records" if smart else "",
                        "target_date": today + datetime.timedelta(days=180) if smart else None,
                        "specific": smart, "measurable": smart, "achievable": True,
                        "relevant": True, "time_bound": smart})
                for title, org_name, stage, due_days in actions:
                    _action(actor, rec, title, org_name, stage, due_days, today)
    load_challenges(today)
    load_inquiries(today)
    load_dissemination(today)
    load_improvement_plan(today)
