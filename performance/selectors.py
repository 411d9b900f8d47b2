"""Reads shared by the pages and the API. Each runs a fixed number of queries, whatever the
number of areas, indicators or periods; the figures come from performance.analysis."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from core.models import Area, AreaPopulation
from core.selectors import Population, population_estimate

from . import analysis, derived
from .derived import period_order  # noqa: F401 - where callers have always found it
from .models import Benchmark, Indicator, IndicatorValue, Target

SPC_MIN_POINTS = derived.SPC_MIN_POINTS
WINDOW = derived.WINDOW

POINT_FIELDS = ("indicator_id", "area_id", "period", "period_start", "value", "synthetic", "note",
                "previous_value", "year_before_value", "spc")


class Point(NamedTuple):
    """A stored value, read without building a model instance (pages read thousands)."""

    indicator_id: int
    area_id: int
    period: str
    period_start: object
    value: Decimal
    synthetic: bool
    note: str
    # Derived when the value was saved (performance.derived).
    previous_value: Decimal | None
    year_before_value: Decimal | None
    spc: dict | None


def _points(queryset) -> list[Point]:
    return [Point(*row) for row in queryset.values_list(*POINT_FIELDS)]


def indicators_catalogue(partnership=None, *, partnership_ids=None):
    """The national catalogue and the partnership's (or partnerships') local indicators."""
    indicators = Indicator.objects.select_related("count_indicator", "partnership")
    if partnership_ids is not None:
        indicators = indicators.visible_in_any(partnership_ids)
    else:
        indicators = indicators.visible_in(partnership)
    return indicators.order_by("section", "topic", "code")


def indicator_in(partnership, code: str) -> Indicator | None:
    """The indicator with this code if the partnership may see it (national or its own)."""
    return Indicator.objects.visible_in(partnership).filter(code=code).first()


def areas_for(partnership):
    return Area.objects.filter(partnership=partnership).order_by("name")


def data_returns_for(partnership):
    from .models import DataReturn

    return DataReturn.objects.filter(partnership=partnership).select_related("submitted_by")


@dataclass
class Figure:
    """One indicator for one area and period, with everything the pages show about it."""

    indicator: Indicator
    area: Area
    period: str
    value: Decimal | None = None
    synthetic: bool = False
    note: str = ""
    previous: Decimal | None = None  # the value of the period before (the year before a year)
    previous_period: str = ""
    change_period: analysis.Change | None = None
    change_year: analysis.Change | None = None
    target: Target | None = None
    rag: str | None = None
    benchmarks: dict = field(default_factory=dict)  # kind -> value
    england_comparison: str | None = None
    rank: int | None = None
    rank_of: int | None = None
    spc: analysis.XmR | None = None
    spc_signal: list[str] = field(default_factory=list)
    on_agenda: bool = False

    @property
    def exception(self) -> bool:
        return self.rag == "red" or bool(self.spc_signal)

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.rag == "red" and self.target is not None:
            reasons.append(f"red against the target of {_plain(self.target.value)}")
        reasons.extend(f"SPC signal: {s}" for s in self.spc_signal)
        return reasons

    @property
    def reasons_beside_tag(self) -> list[str]:
        """The reasons after a RAG tag that already says "Red" (not "Red red against…")."""
        return [r.removeprefix("red ") for r in self.reasons]

    @property
    def key(self) -> str:
        return f"{self.indicator.code}|{self.area.ons_code}|{self.period}"


def _plain(value) -> str:
    if value is None:
        return ""
    return f"{Decimal(value).normalize():f}"


def periods_for(area) -> list[str]:
    """The periods an area has values for, newest first (one query); see period_order.
    Read from the (area, period_type, period_start) index alone: a period's label follows
    from its kind and start."""
    rows = (IndicatorValue.objects.filter(area=area).order_by()
            .values_list("period_type", "period_start").distinct())
    periods = [analysis.period_starting(start, kind) for kind, start in rows]
    return [p.label for p in sorted(periods, key=lambda p: period_order(p.label, p.start, p.kind),
                                    reverse=True)]


def _figure(indicator, area, period, current: Point | None, targets, benchmarks, *,
            previous: Decimal | None = None) -> Figure:
    """Build a Figure from a stored value and the figures derived when it was saved
    (`previous`: the period before's value, for an area with no value in the period)."""
    figure = Figure(indicator=indicator, area=area, period=period.label)
    year_before = None
    if current is not None:
        figure.value, figure.synthetic, figure.note = current.value, current.synthetic, current.note
        previous, year_before = current.previous_value, current.year_before_value
    unit, polarity = indicator.unit, indicator.polarity
    figure.previous_period = period.previous().label
    figure.previous = previous
    figure.change_period = analysis.change(figure.value, previous, unit=unit, polarity=polarity)
    figure.change_year = analysis.change(figure.value, year_before, unit=unit,
                                         polarity=polarity)
    target = targets.get(indicator.pk)
    if target is not None:
        figure.target = target
        figure.rag = analysis.rag(figure.value, target=target.value, tolerance=target.tolerance,
                                  polarity=polarity)
    figure.benchmarks = benchmarks.get(indicator.pk, {})
    figure.england_comparison = analysis.compare(
        figure.value, figure.benchmarks.get(Benchmark.Kind.ENGLAND), polarity=polarity)
    if current is not None and current.spc is not None:
        figure.spc = derived.xmr_of(current.spc)
        figure.spc_signal = list(current.spc["signal"])
    return figure


def _benchmarks(period_labels, indicator_ids=None) -> dict:
    qs = Benchmark.objects.filter(period__in=period_labels)
    if indicator_ids is not None:
        qs = qs.filter(indicator_id__in=indicator_ids)
    found: dict = defaultdict(dict)
    for b in qs:
        found[b.indicator_id][b.kind] = b.value
    return found


def _targets(partnership) -> dict:
    return {t.indicator_id: t for t in Target.objects.filter(partnership=partnership)}


def _ranks(period_label: str, area) -> dict:
    """indicator id -> (areas with a value, how many higher, how many lower) nationally,
    counted in the database in one query whatever the number of areas.

    Written out so the join runs from the area's own values (one per indicator) to each
    indicator's values in the period, read from the (period, indicator, value) index alone:
    SQLite keeps the order of a CROSS JOIN, and the ORM's join ran the other way (every
    value of the period, each looked up again), four times slower on SQLite at national
    scale. PostgreSQL plans either the same way."""
    ops = connection.ops
    meta = IndicatorValue._meta
    table = ops.quote_name(meta.db_table)
    indicator, area_id, period, value = (
        ops.quote_name(meta.get_field(name).column)  # type: ignore[union-attr,arg-type]
        for name in ("indicator", "area", "period", "value"))
    sql = (f"SELECT own.{indicator}, COUNT(v.{value}), "
           f"SUM(CASE WHEN v.{value} > own.{value} THEN 1 ELSE 0 END), "
           f"SUM(CASE WHEN v.{value} < own.{value} THEN 1 ELSE 0 END) "
           f"FROM {table} own CROSS JOIN {table} v "
           f"WHERE own.{area_id} = %s AND own.{period} = %s AND v.{period} = %s "
           f"AND v.{indicator} = own.{indicator} GROUP BY own.{indicator}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [area.pk, period_label, period_label])
        return {i: (int(total), int(above), int(below))
                for i, total, above, below in cursor.fetchall()}


@dataclass
class Scorecard:
    partnership: object
    area: Area | None
    period: str | None
    periods: list[str]
    figures: list[Figure]
    population: Population | None
    village: list[tuple[str, Decimal | None]]
    # At the newest period: indicators with no figure in it, at their own newest period.
    older: list[Figure] = field(default_factory=list)

    @property
    def any_synthetic(self) -> bool:
        return any(f.synthetic for f in self.figures)

    @property
    def sections(self) -> list[tuple[str, list[Figure]]]:
        grouped: dict = {}
        for f in self.figures:
            grouped.setdefault(f.indicator.get_section_display(), []).append(f)
        return list(grouped.items())


def data_version() -> str:
    """Changes whenever a figure a page shows could change: a return saved or confirmed, the
    catalogue, a target or a benchmark edited. Pages cache what they compute under it.
    One query: a count, top id and newest change of each table."""
    from django.db import connection

    from .models import DataReturn

    quote = connection.ops.quote_name
    parts = []
    for model in (DataReturn, Indicator, Target, Benchmark):
        table = quote(model._meta.db_table)
        parts += [f"(SELECT COUNT(*) FROM {table})", f"(SELECT MAX(id) FROM {table})",
                  f"(SELECT MAX(updated_at) FROM {table})"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return "|".join(str(v) for v in cursor.fetchone())


def scorecard(*, partnership, area, period: str | None = None,
              periods: list[str] | None = None) -> Scorecard:
    """The scorecard of one area and period (the newest if none is given)."""
    if periods is None:
        periods = periods_for(area) if area else []
    if not period or period not in periods:
        period = periods[0] if periods else None
    if area is None or period is None:
        return Scorecard(partnership, area, None, periods, [], None, [])
    p = analysis.parse_period(period)
    indicators = list(Indicator.objects.visible_in(partnership).order_by("section", "topic",
                                                                          "code"))
    older: list[Figure] = []
    if period == periods[0]:
        # The newest period shows the newest figure of each indicator, as the exceptions
        # page reads them; the ones whose newest figure is older are listed apart.
        figures: list[Figure] = []
        for figure in newest_figures(partnership=partnership, areas=[area],
                                     indicators=indicators):
            (figures if figure.period == period else older).append(figure)
    else:
        found = {v.indicator_id: v for v in _points(
            IndicatorValue.objects.filter(area=area, period=period).order_by())}
        targets = _targets(partnership)
        benchmarks = _benchmarks([period])
        figures = [_figure(indicator, area, p, found[indicator.pk], targets, benchmarks)
                   for indicator in indicators if indicator.pk in found]
    ranks = _ranks(period, area)
    for figure in figures:
        if figure.indicator.pk in ranks:
            total, above, below = ranks[figure.indicator.pk]
            better = below if figure.indicator.polarity == Indicator.Polarity.LOWER else above
            figure.rank, figure.rank_of = 1 + better, total
    years = list(AreaPopulation.objects.filter(area=area).order_by("year")
                 .values_list("year", "children"))
    population = population_estimate({area.pk: years}, area.pk, analysis.population_year(p))
    children = population.children if population else None
    village = [
        (f.indicator.village_label, analysis.per_100_children(f.value, children))
        for f in figures
        if f.indicator.village_label and f.indicator.unit == Indicator.Unit.COUNT and children
    ]
    return Scorecard(partnership, area, period, periods, figures, population, village, older)


@dataclass
class IndicatorPage:
    indicator: Indicator
    areas: list[Area]
    period_type: str
    periods: list[str]
    table: list[dict]  # one row per period: {"period", "cells": [(value, synthetic)], "england"}
    figures: list[Figure]  # the newest period, one per area
    any_synthetic: bool


def indicator_page(*, partnership, indicator: Indicator, period_type: str | None = None):
    """An indicator across the partnership's areas over time, with benchmarks and SPC."""
    areas = list(areas_for(partnership))
    kinds = set(IndicatorValue.objects.filter(indicator=indicator, area__in=areas)
                .values_list("period_type", flat=True).distinct())
    if period_type not in kinds:
        period_type = next((k for k in ("quarter", "year", "month") if k in kinds), "year")
    values = _points(IndicatorValue.objects.filter(
        indicator=indicator, area__in=areas, period_type=period_type).order_by("period_start"))
    periods = sorted({(v.period_start, v.period) for v in values})
    labels = [label for _, label in periods]
    by_area: dict = defaultdict(dict)
    for v in values:
        by_area[v.area_id][v.period] = v
    benchmarks: defaultdict[str, dict] = defaultdict(dict)
    for b in Benchmark.objects.filter(indicator=indicator, period__in=labels):
        benchmarks[b.period][b.kind] = b.value
    table = []
    for label in labels:
        cells = [by_area[a.pk].get(label) for a in areas]
        table.append({"period": label, "cells": cells,
                      "england": benchmarks.get(label, {}).get(Benchmark.Kind.ENGLAND)})
    targets = _targets(partnership)
    figures = []
    if labels:
        latest = analysis.parse_period(labels[-1])
        latest_benchmarks = {indicator.pk: benchmarks.get(labels[-1], {})}
        before = latest.previous().label
        for a in areas:
            current = by_area[a.pk].get(latest.label)
            previous = by_area[a.pk].get(before)
            figures.append(_figure(indicator, a, latest, current, targets, latest_benchmarks,
                                   previous=previous.value if previous else None))
    return IndicatorPage(indicator, areas, period_type, labels, table, figures,
                         any(v.synthetic for v in values))


def newest_figures(*, partnership, areas, indicators=None) -> list[Figure]:
    """The newest figure of each indicator in each area: the one at the newest of the periods
    it has a value for, in the order the scorecard lists periods (period_order: by the day
    a period ends, a year before the quarters that end with it). The scorecard's newest
    period and the exceptions page both read figures from here, so they cannot disagree.
    Fixed queries: the values, the targets and the benchmarks of the periods chosen."""
    if indicators is None:
        indicators = list(Indicator.objects.visible_in(partnership)
                          .order_by("section", "topic", "code"))
    by_id = {i.pk: i for i in indicators}
    area_by_id = {a.pk: a for a in areas}
    newest = [v for v in _points(IndicatorValue.objects.filter(
        area__in=list(area_by_id), newest=True).order_by()) if v.indicator_id in by_id]
    labels = {v.period for v in newest}
    benchmarks: dict = defaultdict(dict)  # (indicator, period) -> kind -> value
    for b in Benchmark.objects.filter(period__in=labels, indicator_id__in=list(by_id)):
        benchmarks[(b.indicator_id, b.period)][b.kind] = b.value
    targets = _targets(partnership)
    position = {pk: n for n, pk in enumerate(by_id)}
    newest.sort(key=lambda v: (area_by_id[v.area_id].name, position[v.indicator_id]))
    return [_figure(by_id[v.indicator_id], area_by_id[v.area_id], analysis.parse_period(v.period),
                    v, targets, {v.indicator_id: benchmarks.get((v.indicator_id, v.period), {})})
            for v in newest]


def exception_proposals(*, partnership) -> list[Figure]:
    """Red statuses and SPC signals in the newest figure of each indicator in each area
    (newest_figures, as the scorecard shows them), as proposals."""
    proposals = [f for f in newest_figures(partnership=partnership,
                                           areas=list(areas_for(partnership)))
                 if f.exception]
    proposals.sort(key=lambda f: (f.area.name, f.indicator.code, f.period))
    return proposals


def next_engine_room_meeting(partnership):
    from governance.models import Group, Meeting

    return (Meeting.objects.filter(group__kind=Group.Kind.ENGINE_ROOM,
                                   group__partnerships=partnership,
                                   status=Meeting.Status.PLANNED, starts_at__gte=timezone.now())
            .select_related("group").order_by("starts_at").first())


def value_history(*, indicator: Indicator, area: Area, period: str) -> Figure | None:
    """One figure for the API: the value with its changes, RAG and SPC signal."""
    p = analysis.parse_period(period)
    current = next(iter(_points(IndicatorValue.objects.filter(
        indicator=indicator, area=area, period=p.label).order_by())), None)
    if current is None:
        return None
    targets = _targets(area.partnership_id) if area.partnership_id else {}
    return _figure(indicator, area, p, current, targets,
                   _benchmarks([period], [indicator.pk]))
