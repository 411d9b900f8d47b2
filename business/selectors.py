"""Reads of the partnership's business records, shared by pages, exports, the API and the
yearly report. Every list applies its joins, so a page runs a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Sum

from learning.models import Theme

from . import clock
from .models import (
    CommunicationItem,
    NationalItem,
    ScrutineerAppointment,
    ScrutinyActivity,
    ScrutinyStatement,
    VoiceItem,
)


def year_start_of(day: datetime.date) -> int:
    """The reporting (financial) year a day falls in, by the year its 1 April is in."""
    return day.year if day.month >= 4 else day.year - 1


def year_bounds(year_start: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year_start, 4, 1), datetime.date(year_start + 1, 3, 31)


def year_label(year_start: int) -> str:
    return f"{year_start}-{str(year_start + 1)[2:]}"


def years_of(dates) -> list[int]:
    """The reporting years the given dates fall in, newest first."""
    return sorted({year_start_of(d) for d in dates if d}, reverse=True)


# ---- national agenda tracker ----

def national_list(partnership, today: datetime.date | None = None):
    """The partnership's national items, each with its response date (`due_on`: under the
    partnership's rule for national responses, or the letter's own date; decision 0036), its
    open-and-late flag (`overdue`) and how many learning actions it led to. Three queries
    before the list's own: the rule in force and the days items were issued."""
    from django.utils import timezone

    today = today or timezone.localdate()
    items = NationalItem.objects.filter(partnership=partnership)
    due = clock.due_expression(
        clock.rule_for(partnership),
        items.filter(due_basis=NationalItem.DueBasis.RULE).order_by()
        .values_list("issued_on", flat=True).distinct())
    late = (Q(due_on__isnull=False) & Q(due_on__lt=today)
            & ~Q(status__in=NationalItem.CLOSED))
    return (items.select_related("agenda_item", "agenda_item__meeting",
                                 "agenda_item__meeting__group")
            .annotate(due_on=due)
            .annotate(overdue=ExpressionWrapper(late, output_field=BooleanField()),
                      action_count=Count("source__actions", distinct=True))
            .order_by("-issued_on", "-id"))


def national_overdue_count(partnership, today: datetime.date | None = None) -> int:
    return national_list(partnership, today).filter(overdue=True).count()


# ---- independent scrutiny ----

def appointment_list(partnership):
    return (ScrutineerAppointment.objects.filter(partnership=partnership)
            .select_related("person", "person__organisation").order_by("-starts_on", "-id"))


def scrutiny_list(partnership):
    return (ScrutinyActivity.objects.filter(partnership=partnership)
            .select_related("scrutineer")
            .annotate(finding_count=Count("source__findings", distinct=True),
                      recommendation_count=Count("source__findings__recommendations",
                                                 distinct=True),
                      action_count=Count("source__actions", distinct=True))
            .order_by("-held_on", "-id"))


def statement_list(partnership):
    return (ScrutinyStatement.objects.filter(partnership=partnership)
            .select_related("written_by", "approved_by").order_by("-year_start"))


def statement_for(partnership, year_start: int) -> ScrutinyStatement | None:
    return statement_list(partnership).filter(year_start=year_start).first()


# ---- communication ----

def communication_list(partnership):
    return (CommunicationItem.objects.filter(partnership=partnership)
            .select_related("theme").order_by("-issued_on", "-id"))


@dataclass
class KindTotal:
    kind: str
    label: str
    items: int
    # (measure label, total reach) for each measure recorded for this kind
    reach: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class YearTotals:
    year_start: int
    kinds: list[KindTotal]

    @property
    def label(self) -> str:
        return year_label(self.year_start)

    @property
    def items(self) -> int:
        return sum(k.items for k in self.kinds)


def communication_totals(partnership, start: datetime.date,
                         end: datetime.date) -> list[KindTotal]:
    """How many items of each kind from `start` to `end`, and their reach summed by what it
    counts (one query)."""
    rows = (CommunicationItem.objects
            .filter(partnership=partnership, issued_on__gte=start, issued_on__lte=end)
            .order_by().values("kind", "measure")
            .annotate(items=Count("id"), reach=Sum("reach")))
    kinds: dict[str, KindTotal] = {}
    labels = dict(CommunicationItem.Kind.choices)
    measures = dict(CommunicationItem.Measure.choices)
    for row in rows:
        total = kinds.setdefault(row["kind"], KindTotal(row["kind"], labels[row["kind"]], 0))
        total.items += row["items"]
        if row["measure"] and row["reach"] is not None:
            total.reach.append((measures[row["measure"]], row["reach"]))
    order = list(labels)
    return sorted(kinds.values(), key=lambda k: order.index(k.kind))


def communication_years(partnership) -> list[YearTotals]:
    """Totals for every reporting year with communication recorded, newest first (one
    query)."""
    rows = (CommunicationItem.objects.filter(partnership=partnership)
            .order_by().values("kind", "measure", "issued_on")
            .annotate(items=Count("id"), reach=Sum("reach")))
    labels = dict(CommunicationItem.Kind.choices)
    measures = dict(CommunicationItem.Measure.choices)
    years: dict[int, dict[str, KindTotal]] = {}
    reach: dict[tuple[int, str, str], int] = {}
    for row in rows:
        year = year_start_of(row["issued_on"])
        kinds = years.setdefault(year, {})
        total = kinds.setdefault(row["kind"], KindTotal(row["kind"], labels[row["kind"]], 0))
        total.items += row["items"]
        if row["measure"] and row["reach"] is not None:
            key = (year, row["kind"], row["measure"])
            reach[key] = reach.get(key, 0) + row["reach"]
    for (year, kind, measure), value in reach.items():
        years[year][kind].reach.append((measures[measure], value))
    order = list(labels)
    return [YearTotals(year, sorted(kinds.values(), key=lambda k: order.index(k.kind)))
            for year, kinds in sorted(years.items(), reverse=True)]


# ---- voice of the child ----

def voice_list(partnership):
    return (VoiceItem.objects.filter(partnership=partnership)
            .select_related("theme").order_by("-heard_on", "-id"))


def publishable_voice(partnership, start: datetime.date | None = None,
                      end: datetime.date | None = None):
    """The only voice items that may leave the partnership (the public site, a published
    report): those with consent recorded."""
    qs = voice_list(partnership).filter(consent=True, consent_recorded_on__isnull=False)
    if start is not None:
        qs = qs.filter(heard_on__gte=start)
    if end is not None:
        qs = qs.filter(heard_on__lte=end)
    return qs


@dataclass
class ThemeChanges:
    """The "you said, we did" items of one theme (or of none: `theme` is None)."""

    theme: Theme | None
    items: list


def you_said_we_did(partnership) -> list[ThemeChanges]:
    """What children, young people and families said that changed something, with consent
    to share it (publishable_voice), grouped by theme in the theme's name order; items with
    no theme come last. Newest first within a theme. Two queries, whatever the number."""
    groups: dict[Theme | None, list] = {}
    for item in publishable_voice(partnership).exclude(what_changed=""):
        if item.what_changed.strip():
            groups.setdefault(item.theme, []).append(item)
    ordered = sorted(groups, key=lambda t: (t is None, t.name.casefold() if t else ""))
    return [ThemeChanges(theme=t, items=groups[t]) for t in ordered]


# ---- the yearly report's section ----

@dataclass
class ReportSection:
    """What the yearly report says of the partnership's business in one reporting year."""

    national_items: list
    national_overdue: int
    appointments: list
    scrutiny: list
    statement: ScrutinyStatement | None  # approved by the scrutineer, or None
    communication: list[KindTotal]
    voice: list  # consented items only
    voice_withheld: int  # items heard in the year without consent: counted, never shown

    @property
    def has_statement(self) -> bool:
        return self.statement is not None

    @property
    def voice_with_change(self) -> list:
        return [v for v in self.voice if v.what_changed.strip()]


def report_section(partnership, start: datetime.date, end: datetime.date) -> ReportSection:
    national = list(national_list(partnership, today=end).filter(
        Q(issued_on__gte=start, issued_on__lte=end)
        | Q(closed_on__gte=start, closed_on__lte=end)))
    appointments = [a for a in appointment_list(partnership)
                    if a.starts_on <= end and (a.ends_on is None or a.ends_on >= start)]
    scrutiny = list(scrutiny_list(partnership).filter(held_on__gte=start, held_on__lte=end)
                    .prefetch_related("source__findings"))
    statement = statement_for(partnership, year_start_of(start))
    if statement is not None and not statement.is_approved:
        statement = None
    voice = list(publishable_voice(partnership, start, end))
    withheld = (VoiceItem.objects.filter(partnership=partnership, heard_on__gte=start,
                                         heard_on__lte=end).count() - len(voice))
    return ReportSection(
        national_items=national, national_overdue=sum(1 for n in national if n.overdue),
        appointments=appointments, scrutiny=scrutiny, statement=statement,
        communication=communication_totals(partnership, start, end), voice=voice,
        voice_withheld=withheld)
