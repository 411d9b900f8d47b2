"""Every figure in the yearly report is computed here, once, into one `Assembly`; the HTML
page, the PDF and the DOCX all render that same object (reports.render), so they cannot
disagree."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Prefetch, Q, Sum
from django.utils import timezone

from core.deadlines import deadlines_from
from core.models import Area, DeadlineRule, Organisation, Partnership
from core.selectors import Population, population_estimate, population_lookup, rules_in_force
from governance import selectors as governance_selectors
from governance.models import AgendaItem, Group, Meeting
from learning.models import Action, Source
from performance import analysis
from performance import selectors as performance_selectors
from performance.models import Benchmark
from performance.templatetags.performance_tags import change_text, num
from reviews.models import LearningEvent, PracticeReview, RapidReview

from .models import (
    YEARLY_REPORT,
    ActivityItem,
    NarrativeBlock,
    Priority,
    PriorityMeasure,
    Publication,
    PublicationEvent,
    ReportEvent,
    YearlyReport,
    guidance_for,
    people_total,
    year_label,
)
from .sections.finance import YearFinance, finance_history, finance_section

# Learning sources that are case reviews, local or national.
REVIEW_SOURCES = {Source.Kind.RAPID_REVIEW, Source.Kind.PRACTICE_REVIEW,
                  Source.Kind.SERIOUS_CASE_REVIEW, Source.Kind.LEARNING_REVIEW,
                  Source.Kind.NATIONAL_REVIEW}
DONE = {Action.Status.COMPLETED, Action.Status.SIGNED_OFF}


def parse_year(text: str) -> int:
    """'2023-24' -> 2023; ValueError with a message otherwise."""
    text = (text or "").strip()
    try:
        first, second = text.split("-")
        start = int(first)
        if len(first) == 4 and (start + 1) % 100 == int(second):
            return start
    except ValueError:
        pass
    raise ValueError(f"“{text}” is not a reporting year: write it like 2023-24.")


def reports_for(partnership):
    return (YearlyReport.objects.filter(partnership=partnership)
            .select_related("partnership").order_by("-year_start"))


def report_in_partnership(partnership, pk) -> YearlyReport:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(YearlyReport.objects.select_related("partnership"),
                             partnership=partnership, pk=pk)


def published_reports(partnership, today: datetime.date | None = None):
    """Reports with a frozen publication that is out by `today`, each annotated with the
    date of its newest one (`last_published_on`) and how many versions are out."""
    today = today or timezone.localdate()
    out = Q(publications__published_on__lte=today)
    return (reports_for(partnership).filter(out)
            .annotate(last_published_on=Max("publications__published_on", filter=out),
                      publication_count=Count("publications", filter=out, distinct=True))
            .order_by("-year_start"))


def publications(report: YearlyReport):
    """Every publication version of the report, newest first."""
    return (Publication.objects.filter(report=report)
            .select_related("published_by").order_by("-number"))


def publications_on_site(partnership, pk, today: datetime.date | None = None) -> list:
    """The publications of a report of `partnership` that are out by `today`, newest first:
    what the public site shows is the first. Empty if the report is not published."""
    today = today or timezone.localdate()
    return list(Publication.objects.filter(report__partnership=partnership, report_id=pk,
                                           published_on__lte=today)
                .select_related("report__partnership").order_by("-number"))


def publication_of_report(report: YearlyReport, number) -> Publication:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Publication.objects.select_related("report__partnership"),
                             report=report, number=number)


def report_rules(partnership) -> list[DeadlineRule]:
    """The rules the report's deadlines use (as reviews.rules_for). One query."""
    return list(rules_in_force(partnership, [YEARLY_REPORT]).order_by("key"))


def activity_items(report: YearlyReport):
    """The activity records of the report's year (not the agenda items flagged in meetings)."""
    return ActivityItem.objects.filter(partnership=report.partnership).filter(
        _in_year("happened_on", report.starts_on, report.ends_on)).order_by("happened_on", "id")


def activity_item_in_report(report: YearlyReport, pk) -> ActivityItem:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(activity_items(report), pk=pk)


def priority_in_report(report: YearlyReport, pk) -> Priority:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Priority.objects.select_related("report__partnership"),
                             report=report, pk=pk)


def agenda_items_for_report(report: YearlyReport, *, also=None):
    """Agenda items an activity may come from: meetings of the partnership's groups held in
    the reporting year. `also` keeps an item already linked, so an edit does not lose it."""
    wanted = Q(meeting__group__in=Group.objects.filter(partnerships=report.partnership),
               meeting__status=Meeting.Status.HELD,
               meeting__starts_at__date__gte=report.starts_on,
               meeting__starts_at__date__lte=report.ends_on)
    if also is not None:
        wanted |= Q(pk=also)
    return (AgendaItem.objects.filter(wanted).select_related("meeting")
            .order_by("meeting__starts_at", "order", "id"))


# ---- the assembled report ----------------------------------------------------------------

@dataclass
class Headline:
    key: str
    label: str
    value: int | Decimal | None  # None: not recorded
    money: bool = False
    rule: str = ""  # how it is counted, printed beside the figure

    @property
    def display(self) -> str:
        if self.value is None:
            return "not recorded"
        if self.money:
            return f"£{self.value:,.0f}"
        return f"{self.value:,}"


@dataclass
class FigureRow:
    """One line of the local data table, formatted as published tables print figures."""

    area: str  # with its kind when it is not a council area ("Tees (whole partnership)")
    indicator: str
    unit: str
    value: str  # 4,612; 37.9%
    change: str  # per cent for counts and rates, percentage points for percentages
    synthetic: bool
    previous: str = "not recorded"  # the year before, formatted like `value`
    comparison: str = ""  # e.g. "England 35.2%; ranked 12 of 152 areas" ("" without data)
    source: str = ""  # who publishes the figure, e.g. Cleveland Police


@dataclass
class AreaRow:
    """An area in the report's local context, with the child population its figures use
    (core.selectors.population_estimate: the year's, else the nearest earlier)."""

    name: str
    council: bool
    population: Population | None
    wanted: int

    @property
    def text(self) -> str:
        if self.population is None:
            return (f"{self.name}: no child population recorded for mid-{self.wanted} or an "
                    "earlier year")
        return (f"{self.name}: {self.population.children:,} children aged 0 to 17 "
                f"({self.population.label})")


@dataclass
class ActivityRow:
    on: datetime.date
    kind: str
    title: str
    description: str
    impact: str
    reach: int | None = None
    attendees: int | None = None
    facilitators: int | None = None

    @property
    def numbers(self) -> str:
        """The people an activity involved, as the report prints them ("" if none)."""
        parts = []
        if self.attendees is not None or self.facilitators is not None:
            total = people_total(self.attendees, self.facilitators)
            parts.append(
                f"Attendees: {_recorded(self.attendees)}; facilitators: "
                f"{_recorded(self.facilitators)}; {total:,} "
                f"{'person' if total == 1 else 'people'} in all.")
        if self.reach is not None:
            parts.append(f"People reached: {self.reach:,}.")
        return " ".join(parts)


def _recorded(value) -> str:
    return "not recorded" if value is None else f"{value:,}"


@dataclass
class Month:
    label: str
    items: list[ActivityRow]


@dataclass
class GroupRow:
    name: str
    kind: str
    depth: int
    chair: str
    meets: str
    meetings_held: int


@dataclass
class Reviews:
    rapid_reviews: int = 0
    led_to_local_review: int = 0
    national_suggested: int = 0
    started: int = 0
    started_completed: int = 0
    signed_off: int = 0
    published: int = 0
    briefings: int = 0
    learning_events: int = 0
    learning_event_attendees: int = 0
    published_list: list = field(default_factory=list)
    review_actions: int = 0
    review_actions_done: int = 0

    @property
    def month_only_note(self) -> str:
        """The note under the list of published reviews when a date in it is known to the
        month only (history entered after the event); empty otherwise."""
        if any(p.month_only for p in self.published_list):
            return ("Dates marked “(month only)” belong to reviews entered after the event, "
                    "where only the month and year are known.")
        return ""


@dataclass
class Actions:
    total: int = 0
    completed_in_year: int = 0
    signed_off: int = 0
    signed_off_with_evidence: int = 0
    open_overdue: int = 0
    by_status: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Assembly:
    report: YearlyReport
    partnership: Partnership
    label: str
    starts_on: datetime.date
    ends_on: datetime.date
    today: datetime.date
    blocks: dict[str, NarrativeBlock]
    priorities: list
    next_priorities: list
    statutory_partners: list[Organisation]
    relevant_agencies: list[Organisation]
    groups: list[GroupRow]
    areas: list[AreaRow]
    figures: list[FigureRow]
    # Published rates that disagree with their count and population: warnings for the
    # business unit on the report page, never printed in the report itself.
    rate_checks: list[str]
    months: list[Month]
    activity_by_kind: dict[str, list[ActivityRow]]
    reviews: Reviews
    actions: Actions
    finance: YearFinance
    publication_events: list[PublicationEvent]
    deadlines: list
    headlines: list[Headline] = field(default_factory=list)
    checklist: list = field(default_factory=list)
    charts: list = field(default_factory=list)
    assurance: object = None  # reports.sections.assurance
    business: object = None  # business.selectors.ReportSection (reports/sections/business.py)
    training: object = None  # reports.sections.training
    procedures: object = None  # reports.sections.procedures.ProceduresSection
    finance_history: list = field(default_factory=list)  # YearFinance, oldest first

    @property
    def title(self) -> str:
        return f"{self.partnership.name}: yearly report {self.label}"

    @property
    def previous_label(self) -> str:
        """The year before the report's, e.g. 2019-20 for 2020-21."""
        return f"{self.report.year_start - 1}-{str(self.report.year_start)[2:]}"

    @property
    def guidance(self) -> str:
        """The statutory guidance the checklist applies, by name."""
        return guidance_for(self.report).label

    def block(self, kind: str) -> NarrativeBlock | None:
        return self.blocks.get(kind)

    def headline(self, key: str) -> Headline:
        return next(h for h in self.headlines if h.key == key)

    def activity(self, kind: str) -> list[ActivityRow]:
        return self.activity_by_kind.get(kind, [])

    @property
    def activity_count(self) -> int:
        return sum(len(m.items) for m in self.months)

    @property
    def missing(self) -> list:
        return [c for c in self.checklist if not c.met]


@dataclass
class MeasureFigure:
    area: str
    value: str
    period: str
    rag: str | None  # "red", "amber", "green", or None with no target

    @property
    def rag_label(self) -> str:
        return self.rag.title() if self.rag else "no target set"

    @property
    def text(self) -> str:
        return f"{self.area}: {self.value} ({self.period}), {self.rag_label}"


@dataclass
class MeasureRow:
    pk: int
    code: str
    name: str
    unit: str
    note: str
    figures: list[MeasureFigure]
    ends_on: datetime.date

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def summary(self) -> str:
        if not self.figures:
            return f"no figure recorded up to {_day(self.ends_on)}"
        return "; ".join(f.text for f in self.figures)


def priority_measures(report: YearlyReport, priorities) -> None:
    """Give each priority `measure_rows`: its key measures with, for each of the
    partnership's areas, the latest value recorded up to the end of the report's year and
    its RAG against the partnership's target (performance.selectors.value_history)."""
    from performance.models import IndicatorValue

    end = report.ends_on
    measures = [m for p in priorities for m in p.measures.all()]
    areas = {a.pk: a for a in performance_selectors.areas_for(report.partnership)}
    # The month after the year ends, as performance.selectors.period_order counts it.
    limit = end.year * 12 + end.month
    latest: dict = {}
    if measures and areas:
        rows = (IndicatorValue.objects.filter(
            indicator_id__in={m.indicator_id for m in measures}, area_id__in=list(areas),
            period_start__lte=end).order_by()
            .values_list("indicator_id", "area_id", "period", "period_start", "period_type")
            .distinct())
        for indicator_id, area_id, period, start, kind in rows:
            key = performance_selectors.period_order(period, start, kind)
            if key[0] > limit:
                continue  # ends after the reporting year
            best = latest.get((indicator_id, area_id))
            if best is None or key > best:
                latest[(indicator_id, area_id)] = key
    for p in priorities:
        p.measure_rows = []
        for m in p.measures.all():
            figures = []
            for area in sorted(areas.values(), key=lambda a: a.name):
                newest = latest.get((m.indicator_id, area.pk))
                if newest is None:
                    continue
                figure = performance_selectors.value_history(indicator=m.indicator, area=area,
                                                             period=newest[2])
                if figure is None or figure.value is None:
                    continue
                figures.append(MeasureFigure(area.name, num(figure.value), newest[2], figure.rag))
            p.measure_rows.append(MeasureRow(m.pk, m.indicator.code, m.indicator.name,
                                             m.indicator.get_unit_display(), m.note, figures,
                                             end))


def report_priorities(report: YearlyReport) -> list:
    """The report's priorities in order, with lead partner, measures (and their figures)."""
    priorities = list(report.priorities.select_related("lead_partner").prefetch_related(
        Prefetch("measures", queryset=PriorityMeasure.objects.select_related("indicator")
                 .order_by("id"))).order_by("for_next_year", "order", "id"))
    priority_measures(report, priorities)
    return priorities


def _in_year(field_name: str, start, end) -> Q:
    return Q(**{f"{field_name}__gte": start, f"{field_name}__lte": end})


def _groups(partnership, start, end) -> list[GroupRow]:
    """The structure in force in the year (governance.selectors.groups_in_year): groups that
    existed in it, who chaired them then, and their meetings held in it."""
    groups = governance_selectors.groups_in_year(partnership, start, end)
    children: dict = {}
    ids = {g.pk for g in groups}
    for g in groups:
        parent = g.reports_to_id if g.reports_to_id in ids else None
        children.setdefault(parent, []).append(g)
    rows: list[GroupRow] = []

    def walk(parent, depth):
        for g in children.get(parent, []):
            rows.append(GroupRow(g.name, g.get_kind_display(), depth,
                                 governance_selectors.chair_text(g, start, end),
                                 g.cadence_display, g.held))
            if depth < 6:
                walk(g.pk, depth + 1)

    walk(None, 0)
    return rows


def _areas(partnership, year_start):
    """The areas (councils first, then the other geographies) and the context rows: every
    council area, and any other geography with a population recorded."""
    areas = sorted(performance_selectors.areas_for(partnership),
                   key=lambda a: (a.kind != Area.Kind.COUNCIL, a.name))
    populations = population_lookup(a.pk for a in areas)
    rows = []
    for area in areas:
        found = population_estimate(populations, area.pk, year_start)
        if area.kind == Area.Kind.COUNCIL or found is not None:
            rows.append(AreaRow(area.name, area.kind == Area.Kind.COUNCIL, found, year_start))
    return rows, areas


def _comparison(f, unit: str, own_areas: int) -> str:
    """A figure's benchmark (England first), and its rank where it was ranked among more
    areas than the partnership's own (a national rank); "" where there is neither."""
    parts = []
    kinds = Benchmark.Kind
    for kind in (kinds.ENGLAND, kinds.REGION, kinds.NEIGHBOURS):
        if kind in f.benchmarks:
            parts.append(f"{kinds(kind).label} {analysis.human_number(f.benchmarks[kind], unit)}")
            break
    if f.rank and f.rank_of and f.rank_of > own_areas:
        parts.append(f"ranked {f.rank} of {f.rank_of} areas")
    return "; ".join(parts)


def _figures(partnership, areas, label) -> tuple[list[FigureRow], list[str]]:
    """The year's figures with the year before and the change, from performance.selectors
    (which applies performance.analysis: per cent for counts and rates, percentage points for
    percentages), and the rate checks for the business unit."""
    rows, checks = [], []
    for area in areas:
        card = performance_selectors.scorecard(partnership=partnership, area=area, period=label)
        if card.period != label:
            continue
        name = area.name if area.kind == Area.Kind.COUNCIL else (
            f"{area.name} ({area.get_kind_display().lower()})")
        counts: dict[int | None, Decimal | None] = {f.indicator.pk: f.value for f in card.figures}
        for f in card.figures:
            unit = f.indicator.unit
            count = counts.get(f.indicator.count_indicator_id)
            if unit == analysis.RATE_10K and count is not None and card.population:
                computed = analysis.rate_disagrees(f.value, count, card.population.children)
                if computed is not None:
                    checks.append(
                        f"{area.name}, {f.indicator.name}, {label}: the published rate "
                        f"{num(f.value)} does not match its count ({num(count)}) and the "
                        f"{card.population.children:,} children of the "
                        f"{card.population.label}: computed, it is {num(computed)}.")
            rows.append(FigureRow(
                area=name, indicator=f.indicator.name, unit=f.indicator.get_unit_display(),
                value=analysis.human_number(f.value, unit),
                previous=("not recorded" if f.previous is None
                          else analysis.human_number(f.previous, unit)),
                change=change_text(f.change_period)
                if f.change_period else "no figure for the year before",
                synthetic=f.synthetic, comparison=_comparison(f, unit, len(areas)),
                source=f.indicator.source_organisation))
    return rows, checks


def _activity(partnership, start, end) -> list[ActivityRow]:
    rows = []
    linked = set()
    for item in ActivityItem.objects.filter(partnership=partnership).filter(
            _in_year("happened_on", start, end)):
        rows.append(ActivityRow(item.happened_on, item.kind, item.title, item.description,
                                item.safeguarding_impact, item.reach, item.attendees,
                                item.facilitators))
        if item.agenda_item_id:
            linked.add(item.agenda_item_id)
    # Agenda items flagged for the report at meetings held in the year, not already told.
    flagged = (AgendaItem.objects.filter(
        include_in_annual_report=True, meeting__status=Meeting.Status.HELD,
        meeting__group__partnerships=partnership,
        meeting__starts_at__date__gte=start, meeting__starts_at__date__lte=end)
        .exclude(pk__in=linked).select_related("meeting__group").distinct())
    for agenda_item in flagged:
        rows.append(ActivityRow(
            timezone.localtime(agenda_item.meeting.starts_at).date(), ActivityItem.Kind.MEETING,
            f"{agenda_item.title} ({agenda_item.meeting.group.name})", agenda_item.findings, ""))
    rows.sort(key=lambda r: (r.on, r.title))
    return rows


def _months(rows, year_start) -> list[Month]:
    months = []
    for k in range(12):
        y, m = (year_start, 4 + k) if k < 9 else (year_start + 1, k - 8)
        day = datetime.date(y, m, 1)
        months.append(Month(f"{day:%B %Y}",
                            [r for r in rows if (r.on.year, r.on.month) == (y, m)]))
    return months


def _reviews(partnership, start, end) -> Reviews:
    r = Reviews()
    rapid = RapidReview.objects.filter(incident__partnership=partnership).filter(
        _in_year("partners_aware_on", start, end))
    counts = rapid.aggregate(n=Count("id"), local=Count("id", filter=Q(local_review=True)),
                             national=Count("id", filter=Q(national_review_suggested=True)))
    r.rapid_reviews, r.led_to_local_review = counts["n"], counts["local"]
    r.national_suggested = counts["national"]
    reviews = PracticeReview.objects.filter(partnership=partnership)
    started = reviews.filter(kind__in=PracticeReview.STATUTORY_KINDS).filter(
        _in_year("decided_on", start, end))
    r.started = started.count()
    r.started_completed = started.filter(signed_off_on__isnull=False,
                                         signed_off_on__lte=end).count()
    r.signed_off = reviews.filter(_in_year("signed_off_on", start, end)).count()
    published = list(reviews.filter(_in_year("published_on", start, end)).order_by("published_on"))
    r.published = len(published)
    r.published_list = published
    r.briefings = sum(1 for p in published if p.briefing_url or p.briefing_file)
    events = LearningEvent.objects.filter(review__partnership=partnership).filter(
        _in_year("held_on", start, end)).aggregate(n=Count("id"), people=Sum("attendees"))
    r.learning_events, r.learning_event_attendees = events["n"], events["people"] or 0
    review_actions = Action.objects.filter(partnership=partnership,
                                           source__kind__in=REVIEW_SOURCES).filter(
        review_actions_in_year(start, end))
    counts = review_actions.aggregate(
        n=Count("id"), done=Count("id", filter=Q(status__in=DONE)
                                  & _in_year("completed_on", start, end)))
    r.review_actions, r.review_actions_done = counts["n"], counts["done"]
    return r


def review_actions_in_year(start, end) -> Q:
    """Actions in the year's plan: due by its end and not finished before it began (so
    still open at its start), or finished in it. Actions due in later years are not."""
    not_finished_before = Q(completed_on__isnull=True) | Q(completed_on__gte=start)
    return (Q(due_date__lte=end) & not_finished_before) | _in_year("completed_on", start, end)


def _actions(partnership, start, end, today) -> Actions:
    """The combined action plan as recorded today: actions due in the year or finished in it."""
    qs = Action.objects.filter(partnership=partnership).filter(
        _in_year("due_date", start, end) | _in_year("completed_on", start, end))
    a = Actions()
    statuses = Counter(dict(qs.values_list("status").annotate(n=Count("id")).order_by()))
    a.total = sum(statuses.values())
    a.by_status = [(label, statuses.get(value, 0)) for value, label in Action.Status.choices]
    a.completed_in_year = qs.filter(status__in=DONE).filter(
        _in_year("completed_on", start, end)).count()
    a.signed_off = statuses.get(Action.Status.SIGNED_OFF, 0)
    a.signed_off_with_evidence = qs.filter(status=Action.Status.SIGNED_OFF,
                                           evidence__isnull=False).distinct().count()
    # Overdue as the year ended, or today if the year is not over.
    a.open_overdue = qs.filter(Action.overdue_on(min(today, end + datetime.timedelta(days=1)))
                               ).count()
    return a


def report_deadlines(report, events, rules, today):
    """The report's publication deadlines on the statutory clock (core.deadlines)."""
    def first(kind):
        dates = [e.on for e in events if e.recipient_kind == kind
                 and e.how == PublicationEvent.How.SENT]
        return min(dates) if dates else None

    dates = {
        ReportEvent.YEAR_END: report.ends_on,
        ReportEvent.PUBLISHED: report.published_on,
        ReportEvent.SENT_TO_PANEL: first(PublicationEvent.Recipient.NATIONAL_PANEL),
        ReportEvent.SENT_TO_FOUNDATIONS: first(PublicationEvent.Recipient.FOUNDATIONS),
    }
    return deadlines_from(rules, YEARLY_REPORT, dates, today=today)


def assemble(report: YearlyReport, *, today: datetime.date | None = None,
             charts: bool = True) -> Assembly:
    """Everything the report shows, computed from the records."""
    from . import charts as report_charts
    from . import checklist
    from .sections import business as business_part
    from .sections import training as training_section
    from .sections.assurance import section as assurance_section
    from .sections.procedures import report_section as procedures_section

    today = today or timezone.localdate()
    partnership = report.partnership
    start, end = report.starts_on, report.ends_on
    blocks = {b.kind: b for b in report.blocks.all()}
    priorities = report_priorities(report)
    orgs = list(Organisation.objects.filter(partnerships=partnership).order_by("name"))
    area_rows, areas = _areas(partnership, report.year_start)
    figures, rate_checks = _figures(partnership, areas, report.label)
    activity = _activity(partnership, start, end)
    by_kind: dict[str, list[ActivityRow]] = {}
    for row in activity:
        by_kind.setdefault(row.kind, []).append(row)
    events = list(report.publication_events.all())
    assembly = Assembly(
        report=report, partnership=partnership, label=report.label, starts_on=start,
        ends_on=end, today=today, blocks=blocks,
        priorities=[p for p in priorities if not p.for_next_year],
        next_priorities=[p for p in priorities if p.for_next_year],
        statutory_partners=[o for o in orgs if o.is_statutory_partner
                            and o.existed_during(start, end)],
        relevant_agencies=[o for o in orgs if not o.is_statutory_partner],
        groups=_groups(partnership, start, end), areas=area_rows,
        figures=figures, rate_checks=rate_checks,
        months=_months(activity, report.year_start), activity_by_kind=by_kind,
        reviews=_reviews(partnership, start, end), actions=_actions(partnership, start, end,
                                                                   today),
        finance=finance_section(partnership, start, end), publication_events=events,
        deadlines=report_deadlines(report, events, report_rules(partnership), today),
        business=business_part.section(report),
    )
    assembly.training = training_section.report_section(partnership, start, end)
    assembly.assurance = assurance_section(partnership, start, end)
    assembly.procedures = procedures_section(partnership, start, end, report.label)
    assembly.finance_history = finance_history(partnership, start)
    assembly.headlines = headlines(assembly)
    assembly.checklist = checklist.evaluate(assembly)
    if charts:
        assembly.charts = report_charts.charts_for(assembly)
    return assembly


def _day(d: datetime.date) -> str:
    return f"{d.day} {d:%B %Y}"


def headlines(a: Assembly) -> list[Headline]:
    """The year's headline figures, each with the rule that bounds it by the year."""
    r, act, f = a.reviews, a.actions, a.finance
    span = f"from {_day(a.starts_on)} to {_day(a.ends_on)}"
    end = _day(a.ends_on)
    if a.today > a.ends_on:
        overdue = f"Actions due {span} that are still open as recorded on {_day(a.today)}"
    else:  # the year is not over: only what is already past its due date
        overdue = (f"Actions due from {_day(a.starts_on)} up to "
                   f"{_day(a.today - datetime.timedelta(days=1))} that are still open as "
                   f"recorded on {_day(a.today)}")
    rows = [
        Headline("rapid_reviews", "Rapid reviews", r.rapid_reviews,
                 rule=f"Rapid reviews of incidents the partners became aware of {span}"),
        Headline("local_reviews_decided", "Rapid reviews that led to a local practice review",
                 r.led_to_local_review,
                 rule="Of those rapid reviews, the ones that decided on a local review"),
        Headline("practice_reviews_started", "Local practice reviews started", r.started,
                 rule=f"Local child safeguarding practice reviews decided on {span}"),
        Headline("practice_reviews_completed",
                 "Of those, signed off by 31 March", r.started_completed,
                 rule=f"Reviews started in the year and signed off by {end}"),
        Headline("practice_reviews_published", "Practice reviews published", r.published,
                 rule=f"Practice reviews published {span}"),
        Headline("briefings", "Seven-minute briefings published", r.briefings,
                 rule="Reviews published in the year that have a seven-minute briefing"),
        Headline("review_actions", "Actions from case reviews in the year's plan",
                 r.review_actions,
                 rule=f"Actions from case reviews due by {end} and still open on "
                      f"{_day(a.starts_on)}, or finished {span}"),
        Headline("review_actions_done", "Of those, completed in the year",
                 r.review_actions_done, rule=f"Finished {span}"),
        Headline("actions_completed", "Actions completed in the year", act.completed_in_year,
                 rule=f"Actions in the combined plan finished {span}"),
        Headline("actions_overdue", "Actions overdue and still open", act.open_overdue,
                 rule=overdue),
        Headline("meetings_held", "Partnership meetings held",
                 sum(g.meetings_held for g in a.groups),
                 rule=f"Meetings of the partnership's groups held {span}"),
    ]
    if f.record is not None:
        rows += [
            Headline("income", "Total income", f.income, money=True,
                     rule=f"Partner contributions and other income recorded for {a.label}"),
            Headline("expenditure", "Total expenditure", f.expenditure, money=True,
                     rule=f"Spending recorded for {a.label}"),
            Headline("reserves", "Reserves carried forward", f.carried_forward, money=True,
                     rule="Reserves brought forward, plus income, less spending"),
        ]
    return rows


def next_year_label(year_start: int) -> str:
    return year_label(year_start + 1)
