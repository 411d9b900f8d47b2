"""No service writes without asking the policy layer (issue 8, item 5).

Every public function of each app's services module is either in CASES (how to call it with
minimal, valid arguments built on the `world` fixture) or in EXEMPT (with the reason). Each
case is called by actors who may do nothing (none, anonymous, a signed-in user without a
role): each must be refused with PermissionDenied and nothing written. The same call by the
system actor must succeed, so a refusal is the actor's, not the arguments'. A new public
service missing from both tables fails here until it is given a case.
"""

from __future__ import annotations

import datetime
import inspect
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.utils import timezone

import api.services
import assurance.services
import business.services
import core.jobs
import core.populations
import core.retention
import core.services
import core.subject_access
import core.two_factor
import finance.services
import governance.services
import learning.services
import learning.services.actions
import learning.services.challenge
import learning.services.dissemination
import learning.services.inquiries
import learning.services.plans
import learning.sources
import performance.services
import reports.services
import reviews.services
import training.services
from core.models import Role
from core.services import system_actor
from core.tests.factories import UserFactory
from core.tests.files import pdf_upload

pytestmark = pytest.mark.django_db

MODULES = [core.services, core.jobs, core.populations, core.two_factor, core.retention, core.subject_access, governance.services, reviews.services,
           learning.services, learning.services.actions, learning.services.challenge,
           learning.services.dissemination, learning.services.inquiries,
           learning.services.plans, learning.sources, performance.services, reports.services,
           api.services, assurance.services, business.services, finance.services,
           training.services]

# Public functions that need no check of their own, and why.
EXEMPT = {
    "core.services.typed_fields": "checks the names of a typed service's fields; writes nothing",
    # Low-level writes every service calls after asking the policy layer itself; they
    # record the actor they are given.
    "core.services.audit_record": "writes the audit row of a write already allowed",
    "core.services.model_create": "low-level helper of services that have checked",
    "core.services.model_update": "low-level helper of services that have checked",
    "core.services.model_delete": "low-level helper of services that have checked",
    "core.services.system_actor": "returns the system actor; writes no record of the hub",
    "core.services.require_version": "checks an argument; writes nothing",
    "core.services.next_place": "reads the last place among a record's items; writes nothing",
    "core.services.close_places": "low-level helper of removal services that have checked",
    "core.services.check_population": "checks a population's numbers and reads; writes nothing",
    "core.populations.population_columns": "renames a file's columns; writes nothing",
    # A background import's task claims, reports on and finishes a job already allowed
    # (core.jobs.import_job_start asked); the import's own service asks again.
    "core.jobs.claim": "the task's claim of a job already allowed",
    "core.jobs.report_progress": "the task's count of rows checked, of a job already allowed",
    "core.jobs.finish": "the task's outcome of a job already allowed",
    # Pure functions and readers: they write nothing.
    "governance.services.cadence_dates": "works out dates; writes nothing",
    "learning.services.actions.needs_evidence": "reads whether an action has evidence",
    "performance.services.population_for": "looks a number up in a dict",
    "performance.services.check_rows": "checks rows and reads; writes nothing",
    "performance.services.exception_title": "formats a title",
    "performance.services.sender_organisations": "reads which organisations an actor sends for",
    "api.services.hash_token": "hashes a string",
    "training.services.completion_problems": "checks rows and reads; writes nothing",
    "api.services.tokens_for": "reads a partnership's tokens",
    "api.services.api_token_authenticate": "is the authentication itself: the token is the "
                                           "credential, and its use is audited",
    "core.subject_access.as_json": "formats an export already made; writes nothing",
    "core.retention.rules": "reads the retention rules the apps declare",
    "core.retention.cutoff": "works out a date",
    "core.retention.due": "counts what is past retention; writes nothing",
    "core.two_factor.normalise_code": "formats a string",
    "core.two_factor.hash_code": "hashes a string",
    "core.two_factor.format_code": "formats a string",
    "core.two_factor.usable_enrolment_code": "reads a code",
    # The signed-in user acting on their own account, authorised by the one-time code or
    # the current security code they give; no role is involved.
    "core.two_factor.enrolment_code_check": "checks the user's own code; writes nothing",
    "core.two_factor.enrolment_complete": "the user's own enrolment, with a checked code",
    "core.two_factor.backup_codes_regenerate": "the user's own codes, with a current code",
    "core.two_factor.backup_code_verify": "the user's own sign-in, with a backup code",
    "assurance.services.question_set_in_use": "reads whether a tool version has answers",
    "assurance.services.clean_value": "checks one answer; writes nothing",
    "assurance.services.field_name": "formats a form field's name",
    "assurance.services.survey_refusal": "reads whether a survey's link takes answers",
    "assurance.services.survey_questions": "reads a survey's questions",
    # Decision 0035: a survey's respondents are anonymous, often not signed in; the secret
    # link is the credential, checked (with the survey being open) before anything is written.
    "assurance.services.survey_response_submit": "an anonymous response through the survey's "
                                                 "secret link, checked inside",
}

TODAY = timezone.localdate


def _days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


def public_services() -> list[str]:
    """Functions defined (not imported) in each services module, not starting with _."""
    names = []
    for module in MODULES:
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and func.__module__ == module.__name__:
                names.append(f"{module.__name__}.{name}")
    return sorted(names)


# ---- objects the cases need, made through the services as the system actor ----

def _bu(w):
    return w.users[Role.BUSINESS_UNIT]


def _agenda_item(w):
    return governance.services.agenda_item_create(
        actor=system_actor(), partnership=w.partnership, meeting=w.objects["meeting"],
        title="Neglect audit findings")


def _escalated_item(w):
    """A sub-group item, and a planned meeting of the Executive it reports to."""
    from governance.models import Meeting

    start = timezone.now() + datetime.timedelta(days=14)
    Meeting.objects.create(group=w.groups["executive"], title="Executive",
                           starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    return _agenda_item(w)


def _incident(w):
    from reviews.tests.factories import make_incident

    return make_incident(w.partnership)


def _practice_review(w):
    from reviews.tests.factories import make_practice_review

    return make_practice_review(w.partnership)


def _default_rule(model):
    return model.objects.filter(partnership=None).order_by("pk").first()


def _finding(w):
    return learning.services.finding_create(
        actor=system_actor(), partnership=w.partnership, source=w.objects["meeting"].source,
        text="Escalation was not used when plans drifted.")


def _recommendation(w):
    return learning.services.recommendation_create(
        actor=system_actor(), finding=_finding(w), **{"text": "Relaunch escalation."})


def _completed_action(w):
    from learning.models import Action

    action = w.objects["action"]
    Action.objects.filter(pk=action.pk).update(status=Action.Status.COMPLETED,
                                               completed_on=TODAY())
    return Action.objects.get(pk=action.pk)


def _evidence(w):
    return learning.services.evidence_add(
        actor=system_actor(), action=w.objects["action"], description="Toolkit published",
        url="https://example.org/toolkit")


def _event(w):
    return learning.services.challenge_event_create(
        actor=system_actor(), partnership=w.partnership,
        challenged_source=w.objects["meeting"].source, title="Action plan challenge")


def _question(w):
    return learning.services.challenge_question_add(actor=system_actor(), event=_event(w),
                                                    text="What evidence shows it changed?")


def _inquiry(w):
    return learning.services.inquiry_create(actor=system_actor(), partnership=w.partnership,
                                            data={"kind": "kloe", "title": "KLOE: neglect"})


def _product(w):
    return learning.services.dissemination_add(
        actor=system_actor(), partnership=w.partnership,
        data={"kind": "newsletter", "title": "Neglect briefing", "issued_on": TODAY(),
              "sent_to": 10})


def _plan(w):
    return learning.services.improvement_plan_create(actor=system_actor(),
                                                     partnership=w.partnership,
                                                     title="Neglect improvement plan")


def _objective(w):
    return learning.services.plan_objective_add(actor=system_actor(), plan=_plan(w),
                                                text="Neglect is recognised early")


def _action_milestone(w):
    return learning.services.action_milestone_add(actor=system_actor(),
                                                  action=w.objects["action"], text="Draft")


def _indicator(w, **data):
    return performance.services.indicator_create(actor=system_actor(), data={
        "code": "TEST_PCT", "name": "Test percentage", "section": "safe",
        "topic": "front_door", "unit": "percentage", "polarity": "lower", **data})


def _rows(w):
    _indicator(w)
    return [{"indicator_code": "TEST_PCT", "area_code": w.objects["area"].ons_code,
             "period": "2023-24", "value": "23.2"}]


def _held_return(w):
    return performance.services.data_return_hold(
        actor=system_actor(), partnership=w.partnership, rows=_rows(w), warnings=[],
        method="upload")


def _exception_key(w):
    from governance.models import Group, Meeting
    from performance.models import Target

    rows = _rows(w)
    Target.objects.create(partnership=w.partnership, indicator_id=_indicator_pk(),
                          value=20, tolerance=3)
    performance.services.data_return_submit(actor=system_actor(), rows=rows, method="form",
                                            partnership=w.partnership, confirm_warnings=True)
    group = Group.objects.create(name="Engine Room", kind=Group.Kind.ENGINE_ROOM)
    group.partnerships.add(w.partnership)
    start = timezone.now() + datetime.timedelta(days=10)
    Meeting.objects.create(group=group, title="Engine Room", starts_at=start,
                           ends_at=start + datetime.timedelta(hours=2))
    return f"TEST_PCT|{w.objects['area'].ons_code}|2023-24"


def _indicator_pk():
    from performance.models import Indicator

    return Indicator.objects.get(code="TEST_PCT").pk


def _report(w):
    from reports.tests.helpers import make_report

    return make_report(w.partnership)


def _activity(w):
    from reports.tests.helpers import add_activity

    return add_activity(w.partnership)


def _priority(w, n=1):
    """A priority of the report (the first of `n`)."""
    from reports.tests.helpers import add_priority

    first = add_priority(_report(w))
    for i in range(1, n):
        add_priority(_report(w), title=f"Priority {i + 1}")
    return first


def _measure_indicator():
    from reports.tests.helpers import make_indicator

    return make_indicator("POLICY1")


def _measure(w):
    return reports.services.measure_add(actor=system_actor(), report=_report(w),
                                        priority=_priority(w), indicator=_measure_indicator())


def _signed_report(w):
    report = _report(w)
    report.signed_off_on, report.signed_off_by = datetime.date(2024, 8, 1), "The partners"
    report.save()
    return report


def _block(w):
    return reports.services.block_save(actor=system_actor(), report=_report(w),
                                       kind="foreword", data={"body": "A foreword."},
                                       expected_version=0)


def _population(w):
    from core.models import AreaPopulation

    return AreaPopulation.objects.get(area=w.objects["area"], year=2023)



# ---- training (issue 13) ----
def _t_session(w, days=14):
    from training.tests.factories import make_course, make_session

    return make_session(make_course(w.partnership), days=days)


def _t_booking(w, *, attended=False, evaluated=False):
    from training.models import Evaluation
    from training.tests.factories import make_booking

    booking = make_booking(_t_session(w, days=-1 if attended else 14),
                           w.people[Role.PRACTITIONER], w.partnership,
                           attendance="attended" if attended else "")
    if evaluated:
        Evaluation.objects.create(booking=booking, rating=4, confidence_before=2,
                                  confidence_after=4, practice_change="Ask who lives there")
    return booking


def _t_event(w):
    from training.tests.factories import make_event

    return make_event(w.partnership)


TRAINING_CASES = {
    "training.services.course_create": lambda w: ({
        "partnership": w.partnership,
        "data": {"title": "Neglect", "level": "core_2", "delivery": "virtual"}}, None),
    "training.services.course_update": lambda w: (
        lambda s: ({"partnership": w.partnership, "course": s.course,
                    "data": {"title": "Neglect (refreshed)"},
                    "expected_version": s.course.version}, s.course))(_t_session(w)),
    "training.services.session_create": lambda w: (
        lambda s: ({"partnership": w.partnership, "course": s.course, "data": {
            "starts_at": s.starts_at, "ends_at": s.ends_at, "venue": "Room 1",
            "capacity": 12}}, None))(_t_session(w)),
    "training.services.session_update": lambda w: (
        lambda s: ({"partnership": w.partnership, "session": s, "data": {"capacity": 30},
                    "expected_version": s.version}, s))(_t_session(w)),
    "training.services.book": lambda w: ({
        "partnership": w.partnership, "session": _t_session(w),
        "person": w.people[Role.AGENCY_LEAD]}, None),
    "training.services.team_book": lambda w: ({
        "partnership": w.partnership, "session": _t_session(w),
        "people": [w.people[Role.AGENCY_LEAD]]}, None),
    "training.services.booking_cancel": lambda w: (
        lambda b: ({"booking": b}, b))(_t_booking(w)),
    "training.services.attendance_record": lambda w: (
        lambda b: ({"partnership": w.partnership, "session": b.session,
                    "marks": {b.pk: "no_show"}}, b))(_t_booking(w, attended=True)),
    "training.services.evaluation_submit": lambda w: ({
        "booking": _t_booking(w, attended=True),
        "data": {"rating": 3, "confidence_before": 2, "confidence_after": 3,
                 "practice_change": "Use the neglect toolkit"}}, None),
    "training.services.follow_up_submit": lambda w: ({
        "booking": _t_booking(w, attended=True, evaluated=True),
        "data": {"applied": "yes", "confidence_now": 4}}, None),
    "training.services.no_show_charge_create": lambda w: ({
        "partnership": w.partnership,
        "data": {"starts_on": datetime.date(2024, 4, 1), "amount": Decimal(50)}}, None),
    "training.services.event_create": lambda w: ({
        "partnership": w.partnership,
        "data": {"title": "Exploitation conference", "kind": "conference",
                 "starts_at": timezone.now()}}, None),
    "training.services.event_update": lambda w: (
        lambda e: ({"partnership": w.partnership, "event": e, "data": {"venue": "Town hall"},
                    "expected_version": e.version}, e))(_t_event(w)),
    "training.services.event_register": lambda w: ({
        "partnership": w.partnership, "event": _t_event(w), "name": "A Delegate",
        "organisation": w.orgs["police"]}, None),
    "training.services.event_attendance_record": lambda w: (
        lambda e: ({"partnership": w.partnership, "event": e, "attended_ids": []}, None))(
        _t_event(w)),
    "training.services.event_contributor_add": lambda w: ({
        "partnership": w.partnership, "event": _t_event(w),
        "data": {"name": "A Speaker", "role": "speaker"}}, None),
    "training.services.completions_import": lambda w: (
        lambda s: ({"partnership": w.partnership, "rows": [
            {"course": s.course.title, "organisation": "Alpha Police", "month": "2024-03",
             "completions": "12"}]}, None))(_t_session(w)),
}

# name -> world -> (keyword arguments but actor, the record it would change or None)
def _business(make):
    """A record of the business app, made by its test factory."""
    import business.tests.factories as made

    return getattr(made, make)


def _procedure(w):
    from governance.tests.procedure_helpers import make_procedure

    return make_procedure(w.partnership)


def _budget(w, closed=False):
    from finance import services as finance
    from finance.tests.factories import make_year

    record = make_year(w.partnership)
    if closed:
        record = finance.year_close(actor=system_actor(), record=record,
                                    expected_version=record.version)
    return record


CASES = {
    # core: information governance (platform administrators only)
    "core.retention.retention_purge": lambda w: ({}, None),
    "core.subject_access.subject_access_export": lambda w: ({
        "person": w.people["group_member"]}, None),
    # core: a background import's stored file and job
    "core.jobs.import_job_start": lambda w: ({
        "partnership": w.partnership, "permission": "performance.submit_return",
        "kind": "performance.data_return", "total_rows": 3,
        "upload": SimpleUploadedFile("return.csv", b"indicator_code,area_code,period,value\n")},
        None),
    # core: areas and their populations
    "core.services.area_create": lambda w: ({
        "partnership": w.partnership,
        "data": {"name": "Alpha police area", "ons_code": "E23009991", "kind": "police_force"}},
        None),
    "core.services.area_update": lambda w: ({
        "area": w.objects["area"], "data": {"name": "Alphaton town"}}, w.objects["area"]),
    "core.services.population_create": lambda w: ({
        "area": w.objects["area"], "data": {"year": 2021, "children": 39000}}, None),
    "core.services.population_update": lambda w: ({
        "population": _population(w), "data": {"children": 40100}}, _population(w)),
    "core.populations.population_import": lambda w: ({
        "partnership": w.partnership,
        "rows": [{"area_code": "E06009991", "year": "2022", "children": "39500"}]}, None),
    # governance
    "governance.services.meeting_create": lambda w: ({
        "partnership": w.partnership, "group": w.groups["subgroup"], "title": "Extra",
        "starts_at": timezone.now() + datetime.timedelta(days=3),
        "ends_at": timezone.now() + datetime.timedelta(days=3, hours=1)}, None),
    "governance.services.meeting_update": lambda w: ({
        "partnership": w.partnership, "meeting": w.objects["meeting"],
        "data": {"location": "Town hall"},
        "expected_version": w.objects["meeting"].version}, w.objects["meeting"]),
    "governance.services.meetings_generate": lambda w: ({
        "partnership": w.partnership, "group": w.groups["subgroup"], "first": _days(60),
        "last": _days(120), "start_time": datetime.time(10), "duration_minutes": 60}, None),
    "governance.services.agenda_item_create": lambda w: ({
        "partnership": w.partnership, "meeting": w.objects["meeting"], "title": "Item"}, None),
    "governance.services.paper_upload": lambda w: ({
        "partnership": w.partnership, "agenda_item": _agenda_item(w), "title": "Paper",
        "file": pdf_upload("paper.pdf")}, None),
    "governance.services.attendance_record": lambda w: ({
        "partnership": w.partnership, "meeting": w.objects["meeting"],
        "entries": [{"person": w.people[Role.GROUP_MEMBER], "status": "present"}]}, None),
    "governance.services.decision_record": lambda w: ({
        "partnership": w.partnership, "meeting": w.objects["meeting"],
        "text": "Agreed."}, None),
    "governance.services.agenda_item_escalate": lambda w: ({
        "partnership": w.partnership, "agenda_item": _escalated_item(w)}, None),
    "governance.services.group_create": lambda w: ({
        "partnership": w.partnership,
        "name": "Neglect task group", "kind": "task_and_finish"}, None),
    "governance.services.group_update": lambda w: ({
        "partnership": w.partnership, "group": w.groups["subgroup"],
        "started_on": datetime.date(2019, 4, 1),
        "expected_version": w.groups["subgroup"].version}, w.groups["subgroup"]),
    "governance.services.group_chair_change": lambda w: ({
        "partnership": w.partnership, "group": w.groups["subgroup"],
        "person": w.people[Role.GROUP_MEMBER], "from_date": _days(-10)},
        w.groups["subgroup"]),
    "core.services.save_deadline_rule": lambda w: (
        lambda r: ({"partnership": w.partnership, "rule": r, "data": {"count": r.count + 1},
                    "expected_version": r.version}, r))(
        _default_rule(apps.get_model("core", "DeadlineRule"))),
    # reviews
    "reviews.services.notify_incident": lambda w: ({
        "partnership": w.partnership,
        "reference": "Child Q", "la_aware_on": _days(-3), "summary": "Fictional."},
        None),
    "reviews.services.update_incident": lambda w: (
        lambda i: ({"incident": i, "summary": "Changed.",
                    "expected_version": i.version}, i))(_incident(w)),
    "reviews.services.save_rapid_review": lambda w: (
        lambda i: ({"incident": i, "data": {"partners_aware_on": i.la_aware_on},
                    "agencies": [], "panel_members": []}, None))(_incident(w)),
    "reviews.services.practice_review_create": lambda w: ({
        "partnership": w.partnership,
        "data": {"pseudonym": "Child R", "kind": "individual", "decided_on": _days(-10)}},
        None),
    "reviews.services.practice_review_update": lambda w: (
        lambda r: ({"review": r, "data": {"reviewer_name": "A Reviewer"},
                    "expected_version": r.version}, r))(_practice_review(w)),
    "reviews.services.practice_review_set_briefing": lambda w: (
        lambda r: ({"review": r, "url": "https://example.org/briefing.pdf",
                    "expected_version": r.version}, r))(
        _practice_review(w)),
    "reviews.services.milestone_add": lambda w: ({
        "review": _practice_review(w), "name": "Draft", "due_on": _days(20)}, None),
    "reviews.services.milestone_complete": lambda w: (
        lambda m: ({"milestone": m, "done_on": TODAY(), "expected_version": m.version}, m))(reviews.services.milestone_add(
            actor=system_actor(), review=_practice_review(w), name="Draft", due_on=_days(20))),
    "reviews.services.learning_event_add": lambda w: ({
        "review": _practice_review(w), "held_on": _days(-1), "title": "Learning event"},
        None),
    # learning
    "learning.sources.source_create": lambda w: ({
        "partnership": w.partnership, "kind": "audit", "title": "Neglect audit"}, None),
    "learning.services.actions.action_create": lambda w: ({
        "partnership": w.partnership, "source": w.objects["meeting"].source,
        "title": "Share the toolkit", "due_date": _days(30),
        "owner_organisation": w.orgs["council"]}, None),
    "learning.services.actions.action_update": lambda w: ({
        "action": w.objects["action"], "data": {"detail": "More detail."},
        "expected_version": w.objects["action"].version}, w.objects["action"]),
    "learning.services.actions.action_update_add": lambda w: ({
        "action": w.objects["action"], "text": "Drafted."}, w.objects["action"]),
    "learning.services.actions.finding_create": lambda w: ({
        "partnership": w.partnership, "source": w.objects["meeting"].source,
        "text": "Plans drifted."}, None),
    "learning.services.actions.finding_update": lambda w: (
        lambda f: ({"finding": f, "text": "Plans drifted for months.", "themes": [],
                    "expected_version": f.version}, f))(_finding(w)),
    "learning.services.actions.recommendation_create": lambda w: ({
        "finding": _finding(w), "text": "Relaunch escalation."}, None),
    "learning.services.actions.recommendation_update": lambda w: (
        lambda r: ({"recommendation": r, "text": "Relaunch it now.",
                    "expected_version": r.version}, r))(_recommendation(w)),
    "learning.services.actions.action_create_for_recommendation": lambda w: ({
        "recommendation": _recommendation(w), "title": "Run sessions", "due_date": _days(30),
        "owner_organisation": w.orgs["council"]}, None),
    "learning.services.actions.evidence_add": lambda w: ({
        "action": w.objects["action"], "description": "Toolkit published",
        "url": "https://example.org/toolkit"}, w.objects["action"]),
    "learning.services.actions.evidence_remove": lambda w: ({"evidence": _evidence(w)}, None),
    "learning.services.actions.action_sign_off": lambda w: (
        lambda a: ({"action": a, "expected_version": a.version}, a))(_completed_action(w)),
    "learning.services.actions.action_send_back": lambda w: (
        lambda a: ({"action": a, "reason": "No evidence yet.",
                    "expected_version": a.version}, a))(_completed_action(w)),
    "learning.services.challenge.challenge_event_create": lambda w: ({
        "partnership": w.partnership, "challenged_source": w.objects["meeting"].source,
        "title": "Challenge"}, None),
    "learning.services.challenge.challenge_question_add": lambda w: ({
        "event": _event(w), "text": "How do you know?"}, None),
    "learning.services.challenge.challenge_question_update": lambda w: (
        lambda q: ({"question": q, "text": "How do you know it worked?",
                    "expected_version": q.version}, q))(_question(w)),
    "learning.services.challenge.challenge_question_remove": lambda w: ({"question": _question(w)},
                                                              None),
    "learning.services.challenge.challenge_response_save": lambda w: ({
        "event": _event(w), "organisation": w.orgs["police"], "evidence": "Dip sample",
        "response": "Used more often."}, None),
    "learning.services.challenge.challenge_event_record_outcome": lambda w: (
        lambda e: ({"event": e, "held_on": TODAY(), "outcome": "More work needed.",
                    "expected_version": e.version}, e))(_event(w)),
    "learning.services.actions.source_action_create": lambda w: (
        lambda e: ({"partnership": w.partnership, "source": e.source,
                    "title": "Include housing", "due_date": _days(60),
                    "owner_organisation": w.orgs["council"]}, None))(_event(w)),
    "learning.services.inquiries.inquiry_create": lambda w: ({
        "partnership": w.partnership, "data": {"kind": "kloe", "title": "KLOE: drift"}},
        None),
    "learning.services.inquiries.inquiry_update": lambda w: (
        lambda i: ({"inquiry": i, "data": {"title": "KLOE: drift in plans"},
                    "expected_version": i.version}, i))(_inquiry(w)),
    "learning.services.dissemination.dissemination_add": lambda w: ({
        "partnership": w.partnership,
        "data": {"kind": "newsletter", "title": "Item", "issued_on": TODAY(), "sent_to": 5}},
        None),
    "learning.services.dissemination.dissemination_update": lambda w: (
        lambda p: ({"product": p, "data": {"title": "Renamed item"},
                    "expected_version": p.version}, p))(_product(w)),
    "learning.services.plans.improvement_plan_create": lambda w: ({
        "partnership": w.partnership, "title": "Plan"}, None),
    "learning.services.plans.improvement_plan_update": lambda w: (
        lambda p: ({"plan": p, "data": {"title": "Renamed plan"},
                    "expected_version": p.version}, p))(_plan(w)),
    "learning.services.plans.plan_objective_add": lambda w: ({
        "plan": _plan(w), "text": "Objective"}, None),
    "learning.services.plans.plan_objective_update": lambda w: (
        lambda o: ({"objective": o, "text": "Reworded objective",
                    "expected_version": o.version}, o))(_objective(w)),
    "learning.services.plans.plan_action_add": lambda w: ({
        "objective": _objective(w), "title": "Train staff", "due_date": _days(30),
        "intended_outcome": "Staff recognise neglect", "owner_organisation": w.orgs["council"]},
        None),
    "learning.services.plans.action_milestone_add": lambda w: ({
        "action": w.objects["action"], "text": "First draft"}, None),
    "learning.services.plans.action_milestone_update": lambda w: (
        lambda m: ({"milestone": m, "status": "done", "evidence": "Draft shared",
                    "expected_version": m.version}, m))(
        _action_milestone(w)),
    # performance
    "performance.services.data_return_submit": lambda w: ({
        "rows": _rows(w), "method": "form", "partnership": w.partnership,
        "partnership_ids": {w.partnership.pk}, "confirm_warnings": True}, None),
    "performance.services.data_return_hold": lambda w: ({
        "partnership": w.partnership, "rows": _rows(w), "warnings": [],
        "method": "upload"}, None),
    "performance.services.data_return_confirm": lambda w: (
        lambda r: ({"data_return": r}, r))(_held_return(w)),
    "performance.services.data_return_discard": lambda w: (
        lambda r: ({"data_return": r}, r))(_held_return(w)),
    "performance.services.indicator_create": lambda w: ({"data": {
        "code": "NEW_COUNT", "name": "New count", "section": "safe", "topic": "front_door",
        "unit": "count"}}, None),
    "performance.services.indicator_update": lambda w: (
        lambda i: ({"indicator": i, "data": {"name": "Renamed"},
                    "expected_version": i.version}, i))(_indicator(w)),
    "performance.services.catalogue_import": lambda w: ({
        "rows": [{"code": "NEW_COUNT", "name": "New count", "unit": "count",
                  "section": "safe", "topic": "front_door"}],
        "partnership": w.partnership}, None),
    "performance.services.exception_to_agenda": lambda w: ({
        "partnership": w.partnership, "key": _exception_key(w)}, None),
    "performance.services.target_set": lambda w: (
        lambda i: ({"partnership": w.partnership, "indicator": i, "value": Decimal(20),
                    "tolerance": Decimal(3)}, None))(_indicator(w)),
    "performance.services.derived_refresh": lambda w: ({"partnership": w.partnership},
                                                        None),
    # reports
    "reports.services.report_create": lambda w: ({
        "partnership": w.partnership, "year_start": 2023}, None),
    "reports.services.block_save": lambda w: ({
        "report": _report(w), "kind": "foreword", "data": {"body": "A foreword."},
        "expected_version": 0}, None),
    "reports.services.block_approve": lambda w: (
        lambda b: ({"block": b, "version": b.version}, b))(_block(w)),
    "reports.services.activity_add": lambda w: ({
        "partnership": w.partnership,
        "data": {"happened_on": datetime.date(2023, 10, 5), "kind": "training",
                 "title": "Neglect training", "safeguarding_impact": "Toolkit used."}}, None),
    "reports.services.activity_update": lambda w: (
        lambda a: ({"report": _report(w), "item": a, "data": {"title": "Renamed"},
                    "expected_version": a.version}, a))(_activity(w)),
    "reports.services.activity_remove": lambda w: (
        lambda a: ({"item": a, "expected_version": a.version}, a))(_activity(w)),
    "reports.services.priority_add": lambda w: ({
        "report": _report(w), "data": {"title": "Neglect"}}, None),
    "reports.services.priority_update": lambda w: (
        lambda p: ({"report": p.report, "priority": p, "data": {"impact": "Fewer repeats."},
                    "expected_version": p.version}, p))(_priority(w)),
    "reports.services.priority_remove": lambda w: (
        lambda p: ({"report": p.report, "priority": p, "expected_version": p.version}, p))(
        _priority(w)),
    "reports.services.priority_move": lambda w: (
        lambda p: ({"report": p.report, "priority": p, "direction": "down"}, p))(
        _priority(w, 2)),
    "reports.services.measure_add": lambda w: (
        lambda p: ({"report": p.report, "priority": p, "indicator": _measure_indicator()}, None))(
        _priority(w)),
    "reports.services.measure_remove": lambda w: (
        lambda m: ({"report": m.priority.report, "measure": m}, m))(_measure(w)),
    "governance.services.procedure_create": lambda w: ({
        "partnership": w.partnership, "data": {
            "title": "Neglect", "kind": "procedure", "url": "https://procedures.example/n",
            "last_reviewed_on": datetime.date(2024, 3, 1)}}, None),
    "governance.services.procedure_update": lambda w: (
        lambda p: ({"partnership": w.partnership, "procedure": p,
                    "data": {"current_version": "2.1"}, "expected_version": p.version}, p))(
        _procedure(w)),
    "governance.services.procedure_version_add": lambda w: (
        lambda p: ({"partnership": w.partnership, "procedure": p,
                    "data": {"number": "2.0", "adopted_on": datetime.date(2024, 6, 1),
                             "what_changed": "Neglect toolkit added."},
                    "expected_version": p.version}, p))(_procedure(w)),
    "finance.services.year_create": lambda w: ({
        "partnership": w.partnership, "data": {"year_start": 2023,
                                               "brought_forward": Decimal(1000)}}, None),
    "finance.services.year_update": lambda w: (
        lambda y: ({"record": y, "data": {"notes": "Agreed by the Executive."},
                    "expected_version": y.version}, y))(_budget(w)),
    "finance.services.line_add": lambda w: ({
        "record": _budget(w), "data": {"kind": "other_income", "label": "Training fees",
                                       "amount": Decimal(500)}}, None),
    "finance.services.line_remove": lambda w: (
        lambda x: ({"line": x}, x))(_budget(w).lines.first()),
    "finance.services.budget_import": lambda w: ({
        "record": _budget(w), "rows": [{"kind": "expenditure", "category": "staffing",
                                        "line": "Manager", "amount": "100"}]}, None),
    "finance.services.year_close": lambda w: (
        lambda y: ({"record": y, "expected_version": y.version}, y))(_budget(w)),
    "finance.services.year_reopen": lambda w: (
        lambda y: ({"record": y, "expected_version": y.version}, y))(_budget(w, closed=True)),
    "reports.services.publication_update": lambda w: (
        lambda r: ({"report": r, "data": {"vision": "Children are safe."},
                    "expected_version": r.version}, r))(_report(w)),
    "reports.services.publication_event_add": lambda w: ({
        "report": _report(w), "data": {"how": "presented", "recipient_kind": "other",
                                       "recipient": "Scrutiny panel",
                                       "on": datetime.date(2024, 7, 3)}}, None),
    "reports.services.report_publish": lambda w: (
        lambda r: ({"report": r, "published_on": datetime.date(2024, 9, 1)}, r))(
        _signed_report(w)),
    # api and two-factor
    "api.services.api_token_create": lambda w: ({
        "user": _bu(w), "partnership": w.partnership, "system_name": "Case system"}, None),
    "api.services.api_token_revoke": lambda w: (
        lambda t: ({"token": t}, t))(api.services.api_token_create(
            actor=system_actor(), user=_bu(w), partnership=w.partnership,
            system_name="Case system")[0]),
    "core.two_factor.enrolment_code_issue": lambda w: ({
        "user": _bu(w), "partnership": w.partnership}, None),
    "reports.services.export_record": lambda w: ({"report": _report(w), "fmt": "pdf"}, None),
    "business.services.national_item_create": lambda w: ({
        "partnership": w.partnership, "data": {"kind": "letter", "issuer": "dfe",
                                               "title": "Letter", "issued_on": TODAY()}},
        None),
    "business.services.national_item_update": lambda w: (
        lambda i: ({"item": i, "data": {"outcome": "Taken to the Executive"},
                    "expected_version": i.version}, i))(_business("national_item")(w)),
    "business.services.appointment_create": lambda w: ({
        "partnership": w.partnership, "data": {"person": w.people[Role.SCRUTINEER],
                                               "title": "Scrutineer", "starts_on": TODAY()}},
        None),
    "business.services.appointment_update": lambda w: (
        lambda a: ({"appointment": a, "data": {"days_per_year": 20},
                    "expected_version": a.version}, a))(_business("appointment")(w)),
    "business.services.scrutiny_activity_create": lambda w: ({
        "partnership": w.partnership, "data": {"kind": "report", "title": "Report",
                                               "held_on": TODAY()}}, None),
    "business.services.scrutiny_activity_update": lambda w: (
        lambda a: ({"activity": a, "data": {"summary": "Observed"},
                    "expected_version": a.version}, a))(_business("scrutiny_activity")(w)),
    "business.services.statement_save": lambda w: ({
        "partnership": w.partnership, "year_start": 2023, "text": "Accurate.",
        "expected_version": 0}, None),
    "business.services.statement_approve": lambda w: (
        lambda s: ({"statement": s, "expected_version": s.version}, s))(
            _business("statement")(w)),
    "business.services.communication_create": lambda w: ({
        "partnership": w.partnership, "data": {"kind": "bulletin", "title": "Bulletin",
                                               "issued_on": TODAY(), "audience": "partners"}},
        None),
    "business.services.communication_update": lambda w: (
        lambda c: ({"item": c, "data": {"reach": 130}, "expected_version": c.version}, c))(
            _business("communication_item")(w)),
    "business.services.communication_import": lambda w: ({
        "partnership": w.partnership, "rows": [{"kind": "forum", "title": "DSL forum",
                                                "date": "2021-03-01", "audience": "schools"}]},
        None),
    "business.services.voice_create": lambda w: ({
        "partnership": w.partnership, "data": {"heard_on": TODAY(), "channel": "survey",
                                               "voice": "children", "age_band": "5-10",
                                               "said": "I like my school"}}, None),
    "business.services.voice_update": lambda w: (
        lambda v: ({"item": v, "data": {"what_changed": "More play"},
                    "expected_version": v.version}, v))(_business("voice_item")(w)),
    **TRAINING_CASES,
}

# ---- assurance -----------------------------------------------------------------------------

def _as_cycle(w):
    from assurance.tests.helpers import cycle

    return cycle(w)


def _as_return(w, submitted=False):
    from assurance.models import Return
    from assurance.tests.helpers import submit

    ret = Return.objects.get(cycle=_as_cycle(w), organisation=w.orgs["council"])
    return submit(ret) if submitted else ret


def _as_case_audit(w):
    from assurance.tests.helpers import CASE_AUDIT, cycle

    return cycle(w, title="Case audit", spec=CASE_AUDIT, orgs=[w.orgs["council"]])


def _as_question(w):
    from assurance.models import Question
    from assurance.tests.helpers import tool

    return Question.objects.filter(section__question_set=tool(w)).first()


def _as_survey(w):
    from assurance.tests.helpers import cycle
    from assurance.tools import PRACTITIONER_SURVEY

    return cycle(w, title="Survey", spec=PRACTITIONER_SURVEY, audience="practitioners",
                 orgs=[])
def _as_s175_cycle(w):
    from assurance.tests.helpers import SECTION_175, cycle

    return cycle(w, title="S175", spec=SECTION_175, orgs=[w.orgs["school"]])


def _as_challenge(w):
    return assurance.services.challenge_raise(actor=system_actor(), ret=_as_return(w, True),
                                              data={"questions": "How do you know?"})


CASES.update({
    "assurance.services.question_set_create": lambda w: ({
        "partnership": w.partnership, "data": {"key": "survey", "kind": "survey",
                                               "title": "Practitioner survey"},
        "sections": [{"title": "You", "questions": [
            {"code": "q1", "text": "How confident are you?", "answer_type": "text"}]}]}, None),
    "assurance.services.question_set_new_version": lambda w: (
        {"qs": _as_question(w).section.question_set}, None),
    "assurance.services.question_update": lambda w: (
        lambda q: ({"question": q, "data": {"text": "Changed."}}, q))(_as_question(w)),
    "assurance.services.question_add": lambda w: (
        lambda q: ({"section": q.section, "data": {"code": "new-q", "text": "New?",
                                                   "answer_type": "text"}}, None))(
        _as_question(w)),
    "assurance.services.cycle_open": lambda w: (
        lambda q: ({"partnership": w.partnership, "partnerships": [],
                    "organisations": [w.orgs["council"]],
                    "data": {"kind": "section_11", "title": "S11", "question_set": q,
                             "opens_on": _days(0), "due_on": _days(30)}}, None))(
        _as_question(w).section.question_set),
    "assurance.services.answers_save": lambda w: (
        lambda r: ({"ret": r, "values": {"s11-1": 3}, "expected_version": r.version}, r))(
        _as_return(w)),
    "assurance.services.return_moderate": lambda w: (
        lambda r: ({"ret": r, "note": "Seen.", "expected_version": r.version}, r))(
        _as_return(w, True)),
    "assurance.services.challenge_raise": lambda w: ({
        "ret": _as_return(w, True), "data": {"questions": "How do you know?"}}, None),
    "assurance.services.challenge_conclude": lambda w: (
        lambda c: ({"challenge": c, "data": {"outcome": "Assured."},
                    "expected_version": c.version}, c))(_as_challenge(w)),
    "assurance.services.cycle_close": lambda w: (
        lambda c: ({"cycle": c, "expected_version": c.version}, c))(_as_cycle(w)),
    "assurance.services.case_add": lambda w: ({
        "cycle": _as_case_audit(w), "data": {"reference": "MACA-T-1"}}, None),
    "assurance.services.question_move": lambda w: (
        lambda q: ({"question": q, "direction": "down"}, q))(_as_question(w)),
    "assurance.services.question_remove": lambda w: (
        lambda q: ({"question": q}, q))(_as_question(w)),
    "assurance.services.section_add": lambda w: (
        {"qs": _as_question(w).section.question_set, "title": "Extra"}, None),
    "assurance.services.section_rename": lambda w: (
        lambda s: ({"section": s, "title": "Renamed"}, s))(_as_question(w).section),
    "assurance.services.section_move": lambda w: (
        lambda s: ({"section": s, "direction": "down"}, s))(_as_question(w).section),
    "assurance.services.section_remove": lambda w: (
        lambda s: ({"section": s}, s))(_as_question(w).section),
    "assurance.services.survey_settings_update": lambda w: (
        lambda c: ({"cycle": c, "data": {"sign_in_required": True, "response_cap": 9},
                    "expected_version": c.version}, c))(_as_survey(w)),
    "assurance.services.school_register_import": lambda w: ({
        "partnership": w.partnership, "rows": [
            {"urn": "900001", "name": "Seaview Primary (test)", "phase": "primary",
             "area": "Alphaton", "dsl_email": "dsl@seaview.sch.uk"}]}, None),
    "assurance.services.school_reminders_send": lambda w: ({"cycle": _as_s175_cycle(w)}, None),
    "assurance.services.case_grade": lambda w: (
        lambda c: ({"case": c, "data": {"grade": "good"}, "expected_version": c.version}, c))(
        assurance.services.case_add(actor=system_actor(), cycle=_as_case_audit(w),
                                    data={"reference": "MACA-T-2"})),
})


CHECKED = [name for name in public_services() if name not in EXEMPT]
WRITTEN_APPS = ["core", "governance", "reviews", "learning", "performance", "reports", "api",
                "assurance", "business", "finance", "training"]


def _function(name):
    module, func = name.rsplit(".", 1)
    return getattr(next(m for m in MODULES if m.__name__ == module), func)


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count()
            for label in WRITTEN_APPS for model in apps.get_app_config(label).get_models()}


def _state(record):
    if record is None:
        return None
    fresh = type(record)._default_manager.filter(pk=record.pk).first()
    return fresh and model_to_dict(fresh)


def test_every_public_service_has_a_case_or_a_reason_to_be_exempt():
    public = set(public_services())
    missing = sorted(public - set(CASES) - set(EXEMPT))
    assert not missing, ("These services have no case here: give each a check "
                         f"(core.policy.require) and a case in CASES: {missing}")
    stale = sorted((set(CASES) | set(EXEMPT)) - public)
    assert not stale, f"Cases for services that no longer exist: {stale}"
    assert not set(CASES) & set(EXEMPT)


ACTORS = {
    "no actor": lambda: None,
    "anonymous": AnonymousUser,
    "signed in, no role": lambda: UserFactory(username="norole"),
}


@pytest.mark.parametrize("who", list(ACTORS))
@pytest.mark.parametrize("name", CHECKED)
def test_an_actor_without_a_role_is_refused_and_nothing_is_written(world, name, who):
    assert name in CASES, f"{name} has no case in CASES: add one (and its policy check)."
    actor = ACTORS[who]()
    kwargs, record = CASES[name](world)
    counts, state = _row_counts(), _state(record)
    with pytest.raises(PermissionDenied):
        _function(name)(actor=actor, **kwargs)
    assert _row_counts() == counts
    assert _state(record) == state


@pytest.mark.parametrize("name", CHECKED)
def test_the_same_call_by_the_system_actor_is_allowed(world, name):
    """The cases' arguments are valid, so each refusal above is the policy layer's."""
    assert name in CASES, f"{name} has no case in CASES: add one (and its policy check)."
    kwargs, _ = CASES[name](world)
    _function(name)(actor=system_actor(), **kwargs)


def test_a_business_unit_of_another_partnership_is_refused(world):
    """Roles are per partnership: Beta's business unit may not write Alpha's records."""
    outsider = world.users["outsider"]
    for name in ("learning.services.actions.action_create", "reviews.services.notify_incident",
                 "reports.services.report_create", "governance.services.decision_record",
                 "performance.services.target_set"):
        kwargs, _ = CASES[name](world)
        counts = _row_counts()
        with pytest.raises(PermissionDenied):
            _function(name)(actor=outsider, **kwargs)
        assert _row_counts() == counts, name
    assert _bu(world).has_perm("reports.manage_report", world.partnership)
