"""The figures derived when values are saved (decision 0032) are the figures the pages used to
compute on every view: checked against that computation (analysis.change / analysis.xmr over
the series read back from the database) on varied data, with corrections, gaps, several
kinds of period and values removed outside the services."""

import random
from decimal import Decimal

import pytest

from core.services import system_actor
from core.tests.factories import AreaFactory
from performance import analysis, derived, selectors, services
from performance.models import IndicatorValue, Target

from .conftest import row

CODES = ["LAC", "RE_REFERRALS_PCT", "CP_PLANS"]


def _reference(values) -> dict:
    """period -> (previous, year before, XmR or None, signal, newest) for one indicator in one
    area, computed as the pages did before the figures were stored."""
    found = {}
    newest = max(values, key=lambda v: derived.period_order(v.period, v.period_start,
                                                             v.period_type))
    for v in values:
        series = sorted((x for x in values if x.period_type == v.period_type),
                        key=lambda x: x.period_start)
        labels = {x.period: x.value for x in series}
        history = [x for x in series if x.period_start <= v.period_start][-derived.WINDOW:]
        spc = analysis.xmr([x.value for x in history]) if len(history) >= 6 else None
        p = analysis.parse_period(v.period)
        found[v.period] = (labels.get(p.previous().label), labels.get(p.year_before().label),
                           spc, spc.signal_at(len(history) - 1) if spc else [], v is newest)
    return found


def _mismatches() -> list:
    """Every stored value whose derived figures differ from the reference computation."""
    series: dict = {}
    for v in IndicatorValue.objects.all():
        series.setdefault((v.indicator_id, v.area_id), []).append(v)
    wrong = []
    for values in series.values():
        expected = _reference(values)
        for v in values:
            previous, year_before, spc, signal, newest = expected[v.period]
            stored = derived.xmr_of(v.spc)
            got = (v.previous_value, v.year_before_value, v.newest,
                   None if stored is None else (stored.mean, stored.mean_moving_range,
                                                stored.upper_limit, stored.lower_limit),
                   v.spc["signal"] if v.spc else [])
            want = (previous, year_before, newest,
                    None if spc is None else (spc.mean, spc.mean_moving_range,
                                              spc.upper_limit, spc.lower_limit),
                    signal)
            if got != want:
                wrong.append((v.indicator.code, v.area.ons_code, v.period, got, want))
    return wrong


def _text(code, value) -> str:
    """Counts are whole numbers, percentages at most 100."""
    return f"{min(100.0, value):.1f}" if code.endswith("_PCT") else str(round(value))


def _random_rows(rng, areas, *, periods):
    rows = []
    for area in areas:
        for code in CODES:
            level = rng.choice([5, 40, 300])
            for period in periods:
                if rng.random() < 0.15:
                    continue  # a gap in the series
                # Steps and runs as well as noise, so that signals of both kinds occur.
                value = level + rng.choice([0, 0, 1, -1, 2, level // 2]) * rng.random()
                rows.append(row(code, _text(code, value), period, area=area.ons_code))
    return rows


def _submit(world, rows):
    try:
        services.data_return_submit(actor=world.users["business_unit"], rows=rows, method="upload",
                                partnership=world.partnership, confirm_warnings=True)
    except services.DataReturnRejected as e:
        raise AssertionError(e.errors[:3]) from None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stored_figures_equal_the_series_computation_through_corrections_and_removals(
        world, indicators, seed):
    rng = random.Random(seed)
    areas = [world.objects["area"], AreaFactory(partnership=world.partnership,
                                                ons_code="E06009992", name="Betaton")]
    start = analysis.parse_period("2015-16 Q1")
    quarters = [start.shifted(i).label for i in range(30)]
    years = [f"{y}-{(y + 1) % 100:02d}" for y in range(2015, 2023)]
    months = [analysis.parse_period("2022-04").shifted(i).label for i in range(14)]
    _submit(world, _random_rows(rng, areas, periods=quarters))
    _submit(world, _random_rows(rng, areas, periods=years + months))
    assert IndicatorValue.objects.filter(spc__isnull=False).exists()
    assert IndicatorValue.objects.exclude(spc__signal=[]).filter(spc__isnull=False).exists()
    assert _mismatches() == []

    # Corrections in the middle of the series, and values filling gaps: later values'
    # changes and charts move with them.
    corrections = [row(code, _text(code, rng.uniform(0, 900)), rng.choice(quarters),
                       area=rng.choice(areas).ons_code) for code in CODES for _ in range(6)]
    unique = {(r["indicator_code"], r["area_code"], r["period"]): r for r in corrections}
    _submit(world, list(unique.values()))
    assert _mismatches() == []

    # Values removed outside the services (a data fix in the database) are wrong until the
    # figures are derived again.
    for v in IndicatorValue.objects.filter(period__in=rng.sample(quarters, 4) + years[-1:]):
        v.corrections.all().delete()
        v.delete()
    assert _mismatches()
    assert services.derived_refresh(actor=system_actor(), partnership=world.partnership) > 0
    assert _mismatches() == []
    assert services.derived_refresh(actor=system_actor(), partnership=world.partnership) == 0


def test_pages_show_the_figures_of_the_series_computation(world, indicators):
    """A figure as the pages show it: changes, RAG and SPC from the stored figures."""
    Target.objects.create(partnership=world.partnership, indicator=indicators["LAC"],
                          value=50, tolerance=5)
    values = ["40", "41", "42", "40", "41", "43", "42", "90", "80"]
    start = analysis.parse_period("2019-20 Q1")
    periods = [start.shifted(i).label for i in range(len(values))]
    _submit(world, [row("LAC", v, p) for v, p in zip(values, periods, strict=True)])
    area = world.objects["area"]
    figure = selectors.value_history(indicator=indicators["LAC"], area=area, period=periods[-1])
    history = [Decimal(v) for v in values]
    spc = analysis.xmr(history)
    assert figure.previous == Decimal("90")
    assert figure.change_period == analysis.change(Decimal(80), Decimal(90), unit="count",
                                                   polarity=indicators["LAC"].polarity)
    assert figure.change_year == analysis.change(Decimal(80), Decimal(41), unit="count",
                                                 polarity=indicators["LAC"].polarity)
    assert (figure.spc.mean, figure.spc.upper_limit) == (spc.mean, spc.upper_limit)
    assert figure.spc_signal == spc.signal_at(len(values) - 1)
    assert figure.rag == analysis.rag(Decimal(80), target=50, tolerance=5,
                                      polarity=indicators["LAC"].polarity)
    # The newest figure, as the scorecard and the exceptions page read it, is the same one.
    newest = selectors.newest_figures(partnership=world.partnership, areas=[area])
    assert [(f.period, f.value, f.change_period, f.spc_signal, f.rag) for f in newest] == [
        (figure.period, figure.value, figure.change_period, figure.spc_signal, figure.rag)]


@pytest.mark.parametrize("seed", range(20))
def test_running_xmr_equals_the_chart_of_each_window(seed):
    rng = random.Random(seed)
    values = [derived.stored(rng.choice([rng.uniform(0, 100), 50, 51]))
              for _ in range(rng.randint(1, 60))]
    for i, got in enumerate(derived.xmr_at_each(values)):
        window = values[max(0, i + 1 - derived.WINDOW):i + 1]
        if len(window) < derived.SPC_MIN_POINTS:
            assert got is None
            continue
        want = analysis.xmr(window)
        chart = derived.xmr_of(got)
        assert (chart.mean, chart.mean_moving_range, chart.upper_limit, chart.lower_limit) == (
            want.mean, want.mean_moving_range, want.upper_limit, want.lower_limit)
        assert chart.signal_at(len(window) - 1) == want.signal_at(len(window) - 1)
