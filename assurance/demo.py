"""Demo quality assurance for Teesside, from the seeds: the starting tools for each
partnership; the Section 11 cycle of 2022-23 (run by South Tees, serving both partnerships,
with the February 2023 in-person challenge event) and the next cycle carried forward from
it; the case audits the seeds name (Hartlepool 2018-19: neglect, SEND, sexual abuse in the
family environment; HSSCP 2020-21: domestic abuse, child in need step-up / step-down). The
answers are fictional (fixed seed). South Tees also has a practitioner survey and a young
people's survey with fictional anonymous responses, the mock JTAI of 2023 and two partnership
maturity checks, the second compared with the first (decision 0035). Idempotent: what exists is left as it is."""

from __future__ import annotations

import datetime
import random

from core.models import Organisation, Partnership
from core.services import system_actor
from learning.models import Theme
from learning.services.actions import finding_create, source_action_create

from . import services
from .models import AuditCase, Cycle, Question, QuestionSet, Return, School
from .tools import STARTING_TOOLS

S11_AGENCIES = [  # the agencies represented on the STSCP Executive (seed 001), Tees-wide first
    "Cleveland Police", "North East and North Cumbria Integrated Care Board",
    "Tees, Esk and Wear Valleys NHS Foundation Trust", "National Probation Service",
    "Middlesbrough Council", "Redcar and Cleveland Borough Council",
    "South Tees Youth Justice Service", "North East Ambulance Service NHS Foundation Trust",
]
# (partnership, title, theme, why, audit day, [(case reference, grade)], agencies)
CASE_AUDITS = [
    ("hsscp", "Multi-agency audit: neglect (2018-19)", "Neglect",
     "Neglect was the main category for children on a plan in Hartlepool (69% in 2018-19).",
     datetime.date(2018, 10, 17), [("MACA-1819-01", "good"), ("MACA-1819-02", "requires_improvement")]),
    ("hsscp", "Multi-agency audit: children with SEND (2018-19)", None,
     "SEND improvement plan: an improved multi-agency audit process was one of its actions.",
     datetime.date(2019, 1, 23), [("MACA-1819-03", "good")]),
    ("hsscp", "Multi-agency audit: domestic abuse (2020-21)", "Domestic abuse",
     "Domestic abuse featured in rapid reviews; the output fed a key priority for 2021-22.",
     datetime.date(2020, 11, 12), [("MACA-2021-01", "requires_improvement"),
                                   ("MACA-2021-02", "good")]),
    ("hsscp", "Multi-agency audit: child in need, step-up and step-down (2020-21)", None,
     "Reviews pointed to step-down processes and decision-making in child in need work.",
     datetime.date(2021, 3, 4), [("MACA-2021-03", "good")]),
]
CASE_AGENCIES = ["Hartlepool Borough Council", "Cleveland Police",
                 "Tees, Esk and Wear Valleys NHS Foundation Trust",
                 "North Tees and Hartlepool NHS Foundation Trust"]
EVIDENCE_TEXT = ["Board minutes and the annual safeguarding report.",
                 "Training records and an audit of supervision.",
                 "Policy reviewed this year; staff briefing notes.",
                 "Case file audit findings and feedback from children and families."]


def _tools(actor, partnership) -> dict[str, QuestionSet]:
    found = {}
    for tool in STARTING_TOOLS:
        qs = (QuestionSet.objects.filter(partnership=partnership, key=tool["data"]["key"])
              .order_by("-number").first())
        if qs is None:
            qs = services.question_set_create(actor=actor, partnership=partnership,
                                              data=tool["data"], sections=tool["sections"])
        found.setdefault(qs.kind, qs)
        found[qs.key] = qs
    return found


def _answer(actor, ret, rng, *, submit=True, low=2):
    values = {}
    for q in Question.objects.filter(section__question_set=ret.cycle.question_set_id):
        if q.answer_type == "rating":
            values[q.code] = rng.randint(low, len(q.scale))
        elif q.answer_type == "yes_no_partly":
            values[q.code] = rng.choice(["yes", "yes", "partly", "no"])
        elif q.answer_type == "number":
            values[q.code] = rng.randint(3, 40)
        elif q.answer_type == "text":
            values[q.code] = rng.choice(EVIDENCE_TEXT)
    return services.answers_save(actor=actor, ret=ret, values=values, submit=submit,
                                 expected_version=ret.version)


def _organisations(names):
    return list(Organisation.objects.filter(name__in=names))


def _section_11(actor, rng, stscp, hsscp, tool):
    if Cycle.objects.filter(title="Section 11 self-assessment 2022-23").exists():
        return
    first = services.cycle_open(
        actor=actor, partnership=stscp, partnerships=[hsscp],
        organisations=_organisations(S11_AGENCIES),
        data={"kind": "section_11", "title": "Section 11 self-assessment 2022-23",
              "question_set": tool, "opens_on": datetime.date(2022, 10, 3),
              "due_on": datetime.date(2022, 12, 16)})
    for ret in Return.objects.filter(cycle=first).select_related("cycle", "organisation"):
        ret = _answer(actor, ret, rng)
        ret = services.return_moderate(actor=actor, ret=ret, note="Evidence seen at "
                                       "moderation.", expected_version=ret.version)
        if ret.organisation.kind in Organisation.STATUTORY_KINDS:
            challenge = services.challenge_raise(actor=actor, ret=ret, data={
                "questions": "How do you know training has changed practice? How is the "
                             "escalation procedure used by front-line staff?",
                "panel_on": datetime.date(2023, 2, 15)})
            services.challenge_conclude(actor=actor, challenge=challenge, expected_version=1,
                                        data={"panel_on": datetime.date(2023, 2, 15),
                                              "outcome": "Assurance given on training; the "
                                              "understanding of escalation across agencies "
                                              "to be reviewed in 2024."})
    services.cycle_close(actor=actor, cycle=first, expected_version=first.version)
    today = datetime.date.today()
    second = services.cycle_open(
        actor=actor, partnership=stscp, partnerships=[hsscp],
        organisations=_organisations(S11_AGENCIES),
        data={"kind": "section_11", "title": "Section 11 self-assessment 2024-25",
              "question_set": tool, "previous": first,
              "opens_on": today - datetime.timedelta(days=60),
              "due_on": today + datetime.timedelta(days=20)})
    for i, ret in enumerate(Return.objects.filter(cycle=second).select_related("cycle")):
        if i % 3 != 2:  # two in three are in; the rest are still drafts
            _answer(actor, ret, rng, low=3)


def _case_audits(actor, rng, partnerships, tools):
    for slug, title, theme, why, day, cases in CASE_AUDITS:
        if Cycle.objects.filter(title=title).exists():
            continue
        partnership = partnerships[slug]
        cycle = services.cycle_open(
            actor=actor, partnership=partnership, partnerships=[],
            organisations=_organisations(CASE_AGENCIES),
            data={"kind": "case_audit", "title": title, "question_set": tools["case_audit"],
                  "opens_on": day - datetime.timedelta(days=28), "due_on": day,
                  "theme": Theme.objects.filter(name=theme).first(), "why_chosen": why})
        for reference, grade in cases:
            case = services.case_add(actor=actor, cycle=cycle,
                                     data={"reference": reference, "audit_day": day})
            for ret in Return.objects.filter(case=case).select_related("cycle"):
                _answer(actor, ret, rng)
            services.case_grade(actor=actor, case=case, expected_version=case.version, data={
                "grade": grade, "audit_day": day,
                "strengths": "Good direct work to capture the child's voice; prompt escalation.",
                "learning": "Information sharing at step-down; recording the child's "
                            "lived experience."})
        # What the audit found goes into the learning thread once, on the audit's source.
        themes = [cycle.theme] if cycle.theme_id else []
        finding_create(actor=actor, partnership=partnership, source=cycle.source, themes=themes,
                       text="Information sharing at step-down was inconsistent; the child's "
                            "lived experience was not always recorded.")
        if cycle.theme_id:
            source_action_create(
                actor=actor, partnership=partnership, source=cycle.source,
                title=f"Share the {cycle.theme.name.lower()} audit's learning in a "
                      "seven-minute briefing",
                due_date=datetime.date.today() + datetime.timedelta(days=45),
                owner_organisation=Organisation.objects.filter(name=CASE_AGENCIES[0]).first())
        services.cycle_close(actor=actor, cycle=cycle, expected_version=cycle.version)


PRACTICE_TEXT = ["More joint training with schools.", "Quicker feedback after a referral.",
                 "Time for reflective supervision.", ""]
YOUNG_TEXT = ["More adults in school to talk to.", "Better lighting near the park.", "", ""]


def _responses(actor, rng, cycle, count, text):
    """Fictional anonymous responses to a survey, through the same service as the link."""
    from .models import AGE_BANDS, Audience

    orgs = list(cycle.organisations.all())
    for _ in range(count):
        values = {}
        for q in services.survey_questions(cycle):
            if q.answer_type == "rating":
                values[q.code] = rng.randint(2, len(q.scale))
            elif q.answer_type == "yes_no_partly":
                values[q.code] = rng.choice(["yes", "yes", "partly", "no"])
            elif q.answer_type == "number":
                values[q.code] = rng.randint(0, 6)
            elif q.answer_type == "text":
                values[q.code] = rng.choice(text)
        band = (rng.choice(AGE_BANDS[1:4])[0] if cycle.audience == Audience.YOUNG_PEOPLE
                else "")
        services.survey_response_submit(
            actor=actor, cycle=cycle, token=cycle.response_token, values=values,
            organisation=rng.choice([*orgs, None]) if orgs else None, age_band=band)


def _surveys(actor, rng, stscp, tools):
    today = datetime.date.today()
    for key, title, audience, count, text, orgs in [
            ("practitioner-survey", "Practitioner survey 2024-25", "practitioners", 24,
             PRACTICE_TEXT, S11_AGENCIES[:5]),
            ("young-people-survey", "Young people's survey: feeling safe 2024-25",
             "young_people", 40, YOUNG_TEXT, [])]:
        if Cycle.objects.filter(title=title).exists():
            continue
        cycle = services.cycle_open(
            actor=actor, partnership=stscp, partnerships=[], organisations=_organisations(orgs),
            data={"kind": "survey", "title": title, "question_set": tools[key],
                  "audience": audience, "opens_on": today - datetime.timedelta(days=20),
                  "due_on": today + datetime.timedelta(days=25)})
        _responses(actor, rng, cycle, count, text)


def _self_assessments(actor, rng, stscp, tools):
    """The mock JTAI run by the Quality & Performance sub-group (seed 001), and two partnership
    maturity checks: the second compared with the first."""
    if Cycle.objects.filter(title="Partnership maturity check 2023").exists():
        return
    jtai = services.cycle_open(
        actor=actor, partnership=stscp, partnerships=[], organisations=[],
        data={"kind": "self_assessment", "title": "Mock JTAI: serious youth violence (2023)",
              "question_set": tools["jtai-mock"], "opens_on": datetime.date(2023, 9, 4),
              "due_on": datetime.date(2023, 10, 27)})
    first = services.cycle_open(
        actor=actor, partnership=stscp, partnerships=[], organisations=[],
        data={"kind": "self_assessment", "title": "Partnership maturity check 2023",
              "question_set": tools["partnership-maturity"],
              "opens_on": datetime.date(2023, 2, 6), "due_on": datetime.date(2023, 3, 31)})
    for cycle in (jtai, first):
        for ret in Return.objects.filter(cycle=cycle).select_related("cycle"):
            _answer(actor, ret, rng, low=2)
        services.cycle_close(actor=actor, cycle=cycle, expected_version=cycle.version)
    today = datetime.date.today()
    second = services.cycle_open(
        actor=actor, partnership=stscp, partnerships=[], organisations=[],
        data={"kind": "self_assessment", "title": "Partnership maturity check 2024-25",
              "question_set": tools["partnership-maturity"], "previous": first,
              "opens_on": today - datetime.timedelta(days=30),
              "due_on": today + datetime.timedelta(days=30)})
    for ret in Return.objects.filter(cycle=second).select_related("cycle"):
        _answer(actor, ret, rng, low=3)


# Invented schools and colleges per council area: (name, phase). The "(demo)" in each name
# and the URNs from 990001 (no real school has one) keep them apart from real ones.
SCHOOLS = {
    "Middlesbrough": [
        ("Larkspur Primary (demo)", "primary"), ("Kestrel Lane Primary (demo)", "primary"),
        ("Bramblewood Primary (demo)", "primary"), ("Foxglove Primary (demo)", "primary"),
        ("Willowmere Primary (demo)", "primary"), ("Thistledown Primary (demo)", "primary"),
        ("Amberfield Academy (demo)", "secondary"), ("Heatherbank Academy (demo)", "secondary"),
        ("Rowanberry School (demo)", "special"), ("Cobblestone Nursery School (demo)", "nursery"),
        ("Harebell House School (demo)", "independent"),
        ("Ironstone Further Education College (demo)", "further_education"),
    ],
    "Redcar and Cleveland": [
        ("Marigold Primary (demo)", "primary"), ("Saltmarsh Primary (demo)", "primary"),
        ("Juniper Primary (demo)", "primary"), ("Meadowsweet Primary (demo)", "primary"),
        ("Silverbirch Primary (demo)", "primary"), ("Sandpiper Primary (demo)", "primary"),
        ("Oakhollow Academy (demo)", "secondary"), ("Driftwood Academy (demo)", "secondary"),
        ("Bluebell Bank School (demo)", "special"),
        ("Lantern Learning Centre (demo)", "alternative_provision"),
        ("Moorgate Independent School (demo)", "independent"),
        ("Coastline Sixth Form College (demo)", "sixth_form"),
    ],
    "Hartlepool": [
        ("Gullhaven Primary (demo)", "primary"), ("Pebblebrook Primary (demo)", "primary"),
        ("Anchorfield Primary (demo)", "primary"), ("Lighthouse Academy (demo)", "secondary"),
        ("Harbourview School (demo)", "special"),
        ("Headland Further Education College (demo)", "further_education"),
    ],
    "Stockton-on-Tees": [
        ("Quayside Primary (demo)", "primary"), ("Riverbend Primary (demo)", "primary"),
        ("Tollgate Primary (demo)", "primary"), ("Viaduct Academy (demo)", "secondary"),
        ("Lockside Academy (demo)", "secondary"),
        ("Wharfside Independent School (demo)", "independent"),
    ],
}
AREA_PARTNERSHIP = {"Middlesbrough": "stscp", "Redcar and Cleveland": "stscp",
                    "Hartlepool": "hsscp", "Stockton-on-Tees": "hsscp"}
S175_DONE = "Section 175/157 schools audit 2023-24"
S175_NOW = "Section 175/157 schools audit 2025-26"
S175_NOT_RESPONDED = 2  # of South Tees's 24 schools: 22 responded, over 90% (seed 001)


def _slug(name: str) -> str:
    return "-".join(name.replace("(demo)", "").lower().split())


def _registers(actor, partnerships) -> None:
    urn = 990001
    rows: dict[str, list[dict]] = {slug: [] for slug in partnerships}
    for area, schools in SCHOOLS.items():
        for name, phase in schools:
            rows[AREA_PARTNERSHIP[area]].append({
                "urn": str(urn), "name": name, "phase": phase, "area": area,
                "dsl_email": f"dsl@{_slug(name)}.example"})
            urn += 1
    for slug, partnership in partnerships.items():
        services.school_register_import(actor=actor, partnership=partnership, rows=rows[slug])


def _school_answers(actor, ret, rng, submit=True):
    values = {}
    for q in Question.objects.filter(section__question_set=ret.cycle.question_set_id):
        if q.answer_type == "rating":
            values[q.code] = rng.choice([2, 3, 3, 4, 4, 4]) if len(q.scale) >= 4 else 2
        elif q.answer_type == "yes_no_partly":
            values[q.code] = rng.choice(["yes"] * 12 + ["partly", "no"])
        elif q.answer_type == "number":
            values[q.code] = rng.randint(12, 90)
        elif q.answer_type == "text":
            values[q.code] = rng.choice(["Attendance officer and daily first-day calls.",
                                         "Family support worker visits; breakfast club."])
    return services.answers_save(actor=actor, ret=ret, values=values, submit=submit,
                                 expected_version=ret.version)


def _section_175(actor, rng, stscp, tool):
    if Cycle.objects.filter(title=S175_DONE).exists():
        return
    first = services.cycle_open(
        actor=actor, partnership=stscp, partnerships=[], organisations=[],
        data={"kind": "section_175", "title": S175_DONE, "question_set": tool,
              "opens_on": datetime.date(2023, 10, 2), "due_on": datetime.date(2024, 1, 31)})
    rets = list(Return.objects.filter(cycle=first).select_related("cycle", "organisation")
                .order_by("organisation__name"))
    for i, ret in enumerate(rets):
        if i % (len(rets) // S175_NOT_RESPONDED) == 3:
            continue  # one school in twelve did not respond
        ret = _school_answers(actor, ret, rng)
        services.return_moderate(actor=actor, ret=ret, note="Checked against the single "
                                 "central record sample.", expected_version=ret.version)
    services.cycle_close(actor=actor, cycle=first, expected_version=first.version)
    today = datetime.date.today()
    second = services.cycle_open(
        actor=actor, partnership=stscp, partnerships=[], organisations=[],
        data={"kind": "section_175", "title": S175_NOW, "question_set": tool,
              "previous": first, "opens_on": today - datetime.timedelta(days=45),
              "due_on": today + datetime.timedelta(days=14)})
    for i, ret in enumerate(Return.objects.filter(cycle=second).select_related("cycle")
                            .order_by("organisation__name")):
        if i % 3 != 0:  # two in three are in so far; the rest can be reminded
            _school_answers(actor, ret, rng)


def load(stdout=None):
    actor = system_actor()
    rng = random.Random(12)
    partnerships = {p.slug: p for p in Partnership.objects.filter(slug__in=["hsscp", "stscp"])}
    if len(partnerships) < 2:
        return
    tools = {slug: _tools(actor, p) for slug, p in partnerships.items()}
    _section_11(actor, rng, partnerships["stscp"], partnerships["hsscp"],
                tools["stscp"]["section_11"])
    _case_audits(actor, rng, partnerships, tools["hsscp"])
    _surveys(actor, rng, partnerships["stscp"], tools["stscp"])
    _self_assessments(actor, rng, partnerships["stscp"], tools["stscp"])
    _registers(actor, partnerships)
    _section_175(actor, random.Random(175), partnerships["stscp"],
                 tools["stscp"]["section_175"])
    if stdout is not None:
        stdout.write(f"Assurance: {Cycle.objects.count()} cycles, "
                     f"{AuditCase.objects.count()} audited cases, "
                     f"{School.objects.count()} schools on the registers.\n")
