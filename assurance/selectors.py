"""Reads of quality assurance shared by pages, exports, the API, the home panel and the
yearly report. Each runs a fixed number of queries whatever the number of returns."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone

from core import policy
from core.models import Area, AuditEvent

from .models import AGE_BANDS, Answer, AuditCase, Cycle, Kind, Question, QuestionSet, Return, School

DONE = (Return.Status.SUBMITTED, Return.Status.MODERATED)


def cycles_for(partnership):
    """The cycles serving a partnership, with their return counts."""
    return (Cycle.objects.filter(partnerships=partnership)
            .select_related("question_set", "lead_partnership", "theme")
            .annotate(expected=Count("returns", distinct=True),
                      done=Count("returns", filter=Q(returns__status__in=DONE), distinct=True)))


def cycle_in(partnership, pk) -> Cycle | None:
    return (Cycle.objects.filter(partnerships=partnership, pk=pk)
            .select_related("question_set", "lead_partnership", "theme", "source", "previous")
            .prefetch_related("partnerships").first())


def returns_of(cycle):
    return (Return.objects.filter(cycle=cycle)
            .select_related("organisation", "case", "submitted_by", "cycle")
            .annotate(challenge_count=Count("challenges"))
            .order_by("organisation__name", "case__reference"))


def own_returns(user, partnership, *, open_only: bool = False):
    """The returns of the organisations `user` leads, in cycles serving `partnership`."""
    org_ids = policy.scope_of(user).org_ids_led(partnership.pk)
    rows = (Return.objects.filter(organisation_id__in=org_ids, cycle__partnerships=partnership)
            .select_related("organisation", "cycle", "case").order_by("cycle__due_on", "pk"))
    if open_only:
        rows = rows.filter(status=Return.Status.DRAFT, cycle__status=Cycle.Status.OPEN)
    return rows


def return_in(partnership, pk) -> Return | None:
    return (Return.objects.filter(cycle__partnerships=partnership, pk=pk)
            .select_related("organisation", "case", "cycle__question_set",
                            "cycle__lead_partnership", "submitted_by").first())


@dataclass
class AnsweredQuestion:
    question: Question
    answer: Answer | None


@dataclass
class SectionPage:
    title: str
    rows: list[AnsweredQuestion] = field(default_factory=list)


def return_sections(ret: Return) -> list[SectionPage]:
    """The tool's sections and questions with this return's answers (three queries)."""
    answers = {a.question_id: a for a in ret.answers.all()}
    pages = []
    for section in ret.cycle.question_set.sections.prefetch_related("questions"):
        page = SectionPage(title=section.title)
        for question in section.questions.all():
            answer = answers.get(question.pk)
            if answer is not None:
                answer.question = question
            page.rows.append(AnsweredQuestion(question, answer))
        pages.append(page)
    return pages


def tools_of(partnership):
    return (QuestionSet.objects.filter(partnership=partnership)
            .annotate(cycle_count=Count("cycles", distinct=True)).order_by("title", "-number"))


def tool_sections(qs: QuestionSet):
    return list(qs.sections.prefetch_related("questions"))


# ---- the partnership summary: ratings per standard, compared with the previous cycle ------

@dataclass
class StandardRow:
    code: str
    text: str
    section: str
    labels: list[str]
    counts: list[int]  # per rating, lowest first
    answered: int
    average: float | None
    previous_average: float | None

    @property
    def pairs(self) -> list[tuple[str, int]]:
        return list(zip(self.labels, self.counts, strict=False))

    @property
    def change(self) -> float | None:
        if self.average is None or self.previous_average is None:
            return None
        return round(self.average - self.previous_average, 2)


@dataclass
class ChoiceRow:
    code: str
    text: str
    counts: list[tuple[str, int]]  # yes, partly, no


@dataclass
class FollowUp:
    organisation: str
    return_id: int
    reasons: list[str]


@dataclass
class Summary:
    cycle: Cycle
    rows: list[StandardRow]
    returns_done: int
    returns_expected: int
    previous_title: str = ""
    choice_rows: list[ChoiceRow] = field(default_factory=list)
    follow_up: list[FollowUp] = field(default_factory=list)

    @property
    def response_rate(self) -> float | None:
        if not self.returns_expected:
            return None
        return round(100 * self.returns_done / self.returns_expected, 1)


def _rating_counts(cycle_id) -> dict[str, dict[int, int]]:
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    for row in (Answer.objects.filter(ret__cycle_id=cycle_id, ret__status__in=DONE,
                                      rating__isnull=False)
                .values("question__code", "rating").annotate(n=Count("pk")).order_by()):
        counts[row["question__code"]][row["rating"] or 0] = row["n"]  # rating__isnull=False
    return counts


def _average(counts: dict[int, int]) -> float | None:
    total = sum(counts.values())
    if not total:
        return None
    return round(sum(r * n for r, n in counts.items()) / total, 2)


def summary(cycle: Cycle) -> Summary:
    """Ratings per standard across the organisations that have submitted (five queries)."""
    questions = (Question.objects.filter(section__question_set_id=cycle.question_set_id,
                                         answer_type=Question.AnswerType.RATING)
                 .select_related("section"))
    now = _rating_counts(cycle.pk)
    before = _rating_counts(cycle.previous_id) if cycle.previous_id else {}
    rows = []
    for q in questions:
        counts = now.get(q.code, {})
        rows.append(StandardRow(
            code=q.code, text=q.text, section=q.section.title, labels=list(q.scale),
            counts=[counts.get(i, 0) for i in range(1, len(q.scale) + 1)],
            answered=sum(counts.values()), average=_average(counts),
            previous_average=_average(before.get(q.code, {}))))
    choices: dict[str, dict[str, int]] = defaultdict(dict)
    for row in (Answer.objects.filter(ret__cycle=cycle, ret__status__in=DONE)
                .exclude(choice="").values("question__code", "choice")
                .annotate(n=Count("pk")).order_by()):
        choices[row["question__code"]][row["choice"]] = row["n"]
    choice_rows = [
        ChoiceRow(code=q.code, text=q.text,
                  counts=[(label, choices.get(q.code, {}).get(value, 0))
                          for value, label in Question.Choice.choices])
        for q in Question.objects.filter(section__question_set_id=cycle.question_set_id,
                                         answer_type=Question.AnswerType.YES_NO_PARTLY)]
    totals = Return.objects.filter(cycle=cycle).aggregate(
        expected=Count("pk"), done=Count("pk", filter=Q(status__in=DONE)))
    return Summary(cycle=cycle, rows=rows, choice_rows=choice_rows,
                   follow_up=needs_follow_up(cycle), returns_done=totals["done"],
                   returns_expected=totals["expected"],
                   previous_title=cycle.previous.title if cycle.previous else "")


def needs_follow_up(cycle: Cycle, today=None) -> list[FollowUp]:
    """Organisations to follow up: a return overdue, or answered "no" or with the lowest
    rating on a question (two queries)."""
    today = today or timezone.localdate()
    reasons: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    for ret in Return.objects.filter(cycle=cycle, status=Return.Status.DRAFT).select_related(
            "organisation"):
        if cycle.due_on < today:
            names[ret.pk] = ret.respondent_name
            reasons[ret.pk].append(f"not submitted by {cycle.due_on:%d %B %Y}")
    for answer in (Answer.objects.filter(ret__cycle=cycle, ret__status__in=DONE)
                   .filter(Q(choice=Question.Choice.NO) | Q(rating=1))
                   .select_related("question", "ret__organisation")
                   .order_by("ret__organisation__name", "question__code")):
        names[answer.ret_id] = answer.ret.respondent_name
        reasons[answer.ret_id].append(f"{answer.question.code}: {answer.display().lower()}")
    return sorted((FollowUp(names[pk], pk, reasons[pk]) for pk in reasons),
                  key=lambda f: f.organisation)


def late_count(cycle: Cycle, today=None) -> int:
    today = today or timezone.localdate()
    if cycle.due_on >= today:
        return 0
    return Return.objects.filter(cycle=cycle, status=Return.Status.DRAFT).count()


def kinds() -> list[tuple[str, str]]:
    return list(Kind.choices)


# ---- the yearly report's assurance section -------------------------------------------------

@dataclass
class CycleRow:
    title: str
    kind: str
    done: int
    expected: int
    challenges: int

    survey: bool = False  # answered by anyone with the link: nobody is expected to respond

    @property
    def rate(self) -> float | None:
        if self.survey or not self.expected:
            return None
        return round(100 * self.done / self.expected, 1)

    @property
    def returns_in(self) -> str:
        if self.survey:
            return f"{self.done} response{'' if self.done == 1 else 's'}"
        return f"{self.done} of {self.expected}"


@dataclass
class AssuranceSection:
    """What the partnership's quality assurance did in a year, from the records: cycles whose
    returns fell due in the year (their response rates and challenges), the case audits with
    their themes and gradings, and what the audits' findings and actions changed."""

    cycles: list[CycleRow]
    themes: list[str]
    cases: int
    grades: list[tuple[str, int]]
    findings: int
    actions: int
    actions_completed: int
    # Section 175/157 cycles: (title, response per council area and overall)
    schools: list[tuple[str, SchoolResponse]] = field(default_factory=list)

    @property
    def case_audits(self) -> list[CycleRow]:
        return [c for c in self.cycles if c.kind == Kind.CASE_AUDIT.label]

    @property
    def returns(self) -> list[CycleRow]:
        return [c for c in self.cycles if c.kind != Kind.CASE_AUDIT.label]

    @property
    def any(self) -> bool:
        return bool(self.cycles)


def report_section(partnership, start, end) -> AssuranceSection:
    """Cycles serving the partnership whose returns were due from `start` to `end` (seven
    queries, whatever the number of returns)."""
    from learning.models import Action, Finding

    cycles = list(cycles_for(partnership).filter(due_on__range=(start, end))
                  .annotate(challenges=Count("returns__challenges", distinct=True,
                                             filter=Q(returns__challenges__status="concluded")))
                  .order_by("due_on", "title"))
    rows = [CycleRow(title=c.title, kind=c.get_kind_display(), done=c.done,
                     expected=c.expected, challenges=c.challenges, survey=c.kind == Kind.SURVEY)
            for c in cycles]
    audits = [c for c in cycles if c.kind == Kind.CASE_AUDIT]
    grades = dict(AuditCase.Grade.choices)
    counts = {row["grade"]: row["n"] for row in AuditCase.objects.filter(
        cycle__in=audits).exclude(grade="").values("grade").annotate(n=Count("pk")).order_by()}
    sources = [c.source_id for c in audits if c.source_id]
    actions = Action.objects.filter(source_id__in=sources, partnership=partnership).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(completed_on__isnull=False)))
    s175 = [c for c in cycles if c.kind == Kind.SECTION_175]
    by_area = _area_rows(Return.objects.filter(cycle__in=s175, case__isnull=True),
                         "cycle_id") if s175 else {}
    school_rows = [(c.title, _response(by_area, c.pk)) for c in s175]
    return AssuranceSection(
        schools=school_rows,
        cycles=rows, themes=sorted({c.theme.name for c in audits if c.theme_id}),
        cases=sum(counts.values()),
        grades=[(label, counts[value]) for value, label in grades.items() if value in counts],
        findings=Finding.objects.filter(source_id__in=sources, partnership=partnership).count(),
        actions=actions["total"], actions_completed=actions["done"])


# ---- surveys and self-assessments (decision 0035) ------------------------------------------

def surveys_for(partnership):
    """The survey and self-assessment cycles serving a partnership, with response counts."""
    return (cycles_for(partnership).filter(kind__in=[Kind.SURVEY, Kind.SELF_ASSESSMENT])
            .order_by("kind", "-opens_on", "title"))


def survey_in(partnership, pk) -> Cycle | None:
    cycle = cycle_in(partnership, pk)
    return cycle if cycle is not None and cycle.kind == Kind.SURVEY else None


@dataclass
class SurveyRow:
    question: Question
    section: str
    answered: int = 0
    counts: list[tuple[str, int]] = field(default_factory=list)  # a rating's or a choice's
    average: float | None = None  # a rating's or a number's
    previous_average: float | None = None

    @property
    def kind(self) -> str:
        return self.question.answer_type


@dataclass
class SurveyResults:
    cycle: Cycle
    responses: int
    rows: list[SurveyRow]
    age_bands: list[tuple[str, int]]
    organisations: list[tuple[str, int]]
    previous_title: str = ""


def _survey_counts(cycle_id) -> dict[str, dict]:
    """Per question code: answers, counts per rating and per choice, sum of numbers (one
    query)."""
    found: dict[str, dict] = defaultdict(lambda: {"n": 0, "ratings": {}, "choices": {},
                                                  "total": 0})
    for row in (Answer.objects.filter(ret__cycle_id=cycle_id, ret__status__in=DONE)
                .values("question__code", "rating", "choice")
                .annotate(n=Count("pk"), total=Sum("number")).order_by()):
        entry = found[row["question__code"]]
        entry["n"] += row["n"]
        if row["rating"] is not None:
            entry["ratings"][row["rating"]] = row["n"]
        if row["choice"]:
            entry["choices"][row["choice"]] = row["n"]
        entry["total"] += row["total"] or 0
    return found


def survey_results(cycle: Cycle) -> SurveyResults:
    """A survey's responses per question: counts, averages, beside the previous survey's
    averages; who answered by age band and organisation. Six queries, whatever the number of
    responses."""
    questions = list(Question.objects.filter(section__question_set_id=cycle.question_set_id)
                     .exclude(answer_type=Question.AnswerType.EVIDENCE)
                     .select_related("section").order_by("section__order", "order"))
    now = _survey_counts(cycle.pk)
    before = _survey_counts(cycle.previous_id) if cycle.previous_id else {}
    rows = []
    for q in questions:
        entry = now.get(q.code, {"n": 0, "ratings": {}, "choices": {}, "total": 0})
        row = SurveyRow(question=q, section=q.section.title, answered=entry["n"])
        if q.answer_type == Question.AnswerType.RATING:
            row.counts = [(label, entry["ratings"].get(i, 0))
                          for i, label in enumerate(q.scale, start=1)]
            row.average = _average(entry["ratings"])
            row.previous_average = _average(before.get(q.code, {}).get("ratings", {}))
        elif q.answer_type == Question.AnswerType.YES_NO_PARTLY:
            row.counts = [(label, entry["choices"].get(value, 0))
                          for value, label in Question.Choice.choices]
        elif q.answer_type == Question.AnswerType.NUMBER and entry["n"]:
            row.average = round(float(entry["total"]) / entry["n"], 2)
        rows.append(row)
    responses = Return.objects.filter(cycle=cycle, status__in=DONE)
    bands = dict(AGE_BANDS)
    by_band = {r["age_band"]: r["n"] for r in responses.values("age_band")
               .annotate(n=Count("pk")).order_by()}
    by_org = [(r["organisation__name"] or "Not said", r["n"]) for r in responses
              .values("organisation__name").annotate(n=Count("pk")).order_by("organisation__name")]
    return SurveyResults(
        cycle=cycle, responses=sum(by_band.values()), rows=rows,
        age_bands=[(label, by_band[value]) for value, label in bands.items() if value in by_band],
        organisations=by_org if cycle.organisations.exists() else [],
        previous_title=cycle.previous.title if cycle.previous else "")


def partnership_returns(cycles):
    """The partnership's own returns (its self-assessments) in `cycles`: one query."""
    return Return.objects.filter(cycle__in=[c.pk for c in cycles],
                                 respondent=Return.Respondent.PARTNERSHIP)
# ---- the school register and the Section 175/157 audit's response (decision 0034) --------

NOT_ON_REGISTER = "Not on the school register"
SCHOOL_REMINDER = "assurance.SchoolReminder"  # the audit trail's record of each reminder


def school_register(partnership):
    """The partnership's schools and colleges with their organisation and area (one query)."""
    return (School.objects.filter(partnership=partnership)
            .select_related("organisation", "area").order_by("organisation__name"))


@dataclass
class AreaResponse:
    area: str
    asked: int
    responded: int

    @property
    def rate(self) -> float | None:
        return round(100 * self.responded / self.asked, 1) if self.asked else None


@dataclass
class SchoolResponse:
    """A Section 175/157 cycle's response: per council area (from the register) and overall.
    A school responded when its return is submitted or moderated."""

    areas: list[AreaResponse]

    @property
    def overall(self) -> AreaResponse:
        return AreaResponse("All areas", sum(a.asked for a in self.areas),
                            sum(a.responded for a in self.areas))


def _area_rows(queryset, key: str) -> dict:
    found: dict = defaultdict(lambda: [0, 0])
    for row in (queryset.values(key, "organisation__school_record__area__name")
                .annotate(asked=Count("pk"), done=Count("pk", filter=Q(status__in=DONE)))
                .order_by()):
        name = row["organisation__school_record__area__name"] or NOT_ON_REGISTER
        found[(row[key], name)][0] += row["asked"]
        found[(row[key], name)][1] += row["done"]
    return found


def _response(counts: dict, cycle_id) -> SchoolResponse:
    rows = [AreaResponse(area, asked, done) for (cid, area), (asked, done) in counts.items()
            if cid == cycle_id]
    rows.sort(key=lambda r: (r.area == NOT_ON_REGISTER, r.area))
    return SchoolResponse(rows)


def school_response(cycle: Cycle) -> SchoolResponse:
    """Response rate per council area and overall (one query)."""
    counts = _area_rows(Return.objects.filter(cycle=cycle, case__isnull=True), "cycle_id")
    return _response(counts, cycle.pk)


def school_returns(cycle: Cycle):
    """Each school's return in the cycle with its register entry (one query)."""
    return (Return.objects.filter(cycle=cycle, case__isnull=True)
            .select_related("organisation__school_record__area", "cycle")
            .order_by("organisation__name"))


@dataclass
class SchoolFollowUp:
    school: str
    urn: str
    area: str
    dsl_email: str
    return_id: int
    reasons: list[str]


def schools_to_follow_up(cycle: Cycle, today=None) -> list[SchoolFollowUp]:
    """The schools needing follow-up (not responded by the due date, or a "no" or the lowest
    rating given) with their register entry (three queries)."""
    follow = needs_follow_up(cycle, today)
    schools = {r.pk: getattr(r.organisation, "school_record", None) for r in
               Return.objects.filter(pk__in=[f.return_id for f in follow])
               .select_related("organisation__school_record__area")}
    rows = []
    for f in follow:
        school = schools.get(f.return_id)
        rows.append(SchoolFollowUp(
            school=f.organisation, urn=school.urn if school else "",
            area=school.area.name if school else NOT_ON_REGISTER,
            dsl_email=school.dsl_email if school else "", return_id=f.return_id,
            reasons=f.reasons))
    return rows


def register_areas(partnership):
    """The council areas a partnership's schools may be in."""
    return Area.objects.filter(partnership=partnership, kind=Area.Kind.COUNCIL)


def school_recipients(ret: Return, leads: dict) -> list[str]:
    """Who is reminded of a school's return: the designated safeguarding lead's address on
    the register and the school's leads in the hub, each once."""
    emails: list[str] = []
    school = getattr(ret.organisation, "school_record", None)
    if school is not None and school.dsl_email:
        emails.append(school.dsl_email.lower())
    for partnership in ret.cycle.partnerships.all():
        for person in leads.get((partnership.pk, ret.organisation_id), []):
            if person.email.lower() not in emails:
                emails.append(person.email.lower())
    return emails


def reminded_today(return_ids, today: datetime.date) -> set[int]:
    """The returns whose school was reminded from the cycle page on `today` (one query)."""
    return {int(pk) for pk in AuditEvent.objects.filter(
        model=SCHOOL_REMINDER, object_id__in=[str(pk) for pk in return_ids],
        at__date=today).values_list("object_id", flat=True)}
