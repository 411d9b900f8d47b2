"""The figures rules: one tested module of pure functions."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from performance import analysis as a

D = Decimal


def test_rounds_half_up_to_one_decimal():
    assert a.round1(D("1.25")) == D("1.3")
    assert a.round1(D("1.35")) == D("1.4")
    assert a.round1(D("-1.25")) == D("-1.3")
    assert a.round1(D("2.04")) == D("2.0")


@pytest.mark.parametrize("text,kind,start,prev,year_before", [
    ("2021-22", "year", datetime.date(2021, 4, 1), "2020-21", "2020-21"),
    ("2021-22 Q3", "quarter", datetime.date(2021, 10, 1), "2021-22 Q2", "2020-21 Q3"),
    ("2021-22 Q1", "quarter", datetime.date(2021, 4, 1), "2020-21 Q4", "2020-21 Q1"),
    ("2021-22 Q4", "quarter", datetime.date(2022, 1, 1), "2021-22 Q3", "2020-21 Q4"),
    ("2024-03", "month", datetime.date(2024, 3, 1), "2024-02", "2023-03"),
    ("2024-01", "month", datetime.date(2024, 1, 1), "2023-12", "2023-01"),
    ("1999-00", "year", datetime.date(1999, 4, 1), "1998-99", "1998-99"),
])
def test_periods_parse_and_step(text, kind, start, prev, year_before):
    p = a.parse_period(text)
    assert (p.kind, p.start, p.label) == (kind, start, text)
    assert p.previous().label == prev
    assert p.year_before().label == year_before


@pytest.mark.parametrize("text", ["2021-23", "2021", "2021-22 Q5", "2024-13", "Q3 2021", "", None])
def test_bad_periods_are_refused_with_the_formats(text):
    with pytest.raises(ValueError, match="2021-22"):
        a.parse_period(text)


def test_rate_per_10000_children():
    assert a.rate_per_10000(249, 27243) == D("91.4")
    assert a.rate_per_10000(129, 20006) == D("64.5")
    assert a.rate_per_10000(5, 0) is None


def test_a_rate_that_disagrees_with_its_count_is_caught():
    assert a.rate_disagrees(D("91.4"), 249, 33499) == D("74.3")
    assert a.rate_disagrees(D("74.5"), 249, 33499) is None  # within the tolerance of 1.0


def test_counts_change_in_per_cent_and_percentages_in_points():
    count = a.change(1512, 1263, unit="count", polarity="neither")
    assert (count.kind, count.value, count.direction, count.improved) == (
        "percent", D("19.7"), "up", None)
    pct = a.change(D("14"), D("7.7"), unit="percentage", polarity="lower")
    assert (pct.kind, pct.value, pct.direction, pct.improved) == (
        "percentage_points", D("6.3"), "up", False)
    rate = a.change(D("80"), D("100"), unit="rate_10k", polarity="lower")
    assert (rate.kind, rate.value, rate.direction, rate.improved) == ("percent", D("-20.0"),
                                                                       "down", True)


def test_no_earlier_value_means_no_change():
    assert a.change(5, None, unit="count", polarity="higher") is None
    assert a.change(None, 5, unit="count", polarity="higher") is None


def test_per_cent_change_from_zero_has_no_value_but_a_direction():
    c = a.change(4, 0, unit="count", polarity="higher")
    assert (c.value, c.direction, c.improved) == (None, "up", True)
    assert a.change(0, 0, unit="count", polarity="higher").value == D("0.0")


def test_ranks_have_no_per_cent_change():
    assert a.change(3, 5, unit="rank", polarity="lower") is None


numbers = st.decimals(min_value=D("0"), max_value=D("100000"), places=2, allow_nan=False,
                      allow_infinity=False)
percentages = st.decimals(min_value=D("0"), max_value=D("100"), places=1)
polarities = st.sampled_from(["higher", "lower", "neither"])


@given(current=percentages, previous=percentages, polarity=polarities)
def test_property_percentages_change_by_their_difference_in_points(current, previous, polarity):
    c = a.change(current, previous, unit="percentage", polarity=polarity)
    assert c.kind == "percentage_points"
    assert c.value == a.round1(current - previous)
    assert c.value == c.value.quantize(D("0.1"))
    _direction_and_improvement_agree(c, current, previous, polarity)


@given(current=numbers, previous=numbers.filter(lambda v: v > 0),
       unit=st.sampled_from(["count", "rate_10k", "rate_100k", "average"]), polarity=polarities)
def test_property_counts_and_rates_change_by_per_cent(current, previous, unit, polarity):
    c = a.change(current, previous, unit=unit, polarity=polarity)
    assert c.kind == "percent"
    assert c.value == (D(100) * (current - previous) / previous).quantize(
        D("0.1"), rounding="ROUND_HALF_UP")
    _direction_and_improvement_agree(c, current, previous, polarity)


def _direction_and_improvement_agree(c, current, previous, polarity):
    expected = "up" if current > previous else "down" if current < previous else "same"
    assert c.direction == expected
    if c.value is not None and c.value != 0:
        assert (c.value > 0) == (c.direction == "up")
    if polarity == "neither":
        assert c.improved is None
    elif expected == "same":
        assert c.improved is False
    else:
        assert c.improved == ((expected == "up") == (polarity == "higher"))


def test_rag_from_target_and_tolerance():
    assert a.rag(18, target=20, tolerance=3, polarity="lower") == "green"
    assert a.rag(22, target=20, tolerance=3, polarity="lower") == "amber"
    assert a.rag(D("23.2"), target=20, tolerance=3, polarity="lower") == "red"
    assert a.rag(95, target=90, tolerance=5, polarity="higher") == "green"
    assert a.rag(86, target=90, tolerance=5, polarity="higher") == "amber"
    assert a.rag(80, target=90, tolerance=5, polarity="higher") == "red"
    assert a.rag(80, target=90, tolerance=5, polarity="neither") is None
    assert a.rag(None, target=90, polarity="higher") is None


def test_rank_is_one_for_the_best_and_ties_share():
    values = [10, 20, 20, 30]
    assert a.rank(30, values, polarity="higher") == 1
    assert a.rank(20, values, polarity="higher") == 2
    assert a.rank(10, values, polarity="higher") == 4
    assert a.rank(10, values, polarity="lower") == 1
    assert a.rank(20, values, polarity="lower") == 2


def test_compare_with_a_benchmark_follows_polarity():
    assert a.compare(D("91.4"), D("43.2"), polarity="lower") == "worse"
    assert a.compare(D("30"), D("43.2"), polarity="lower") == "better"
    assert a.compare(5, 4, polarity="neither") == "higher"


def test_xmr_limits_and_beyond_limit_signal():
    chart = a.xmr([10, 12, 11, 13, 12, 11, 30])
    ranges = [2, 1, 2, 1, 1, 19]
    mean = D(99) / 7
    mr = D(sum(ranges)) / 6
    assert chart.mean == mean
    assert chart.mean_moving_range == mr
    assert chart.upper_limit == mean + D("2.66") * mr
    assert chart.lower_limit == mean - D("2.66") * mr
    steady = a.xmr([10, 11, 10, 11, 10, 11, 10, 11, 10, 25])
    assert "beyond the natural process limits" in steady.signal_at(9)
    assert "beyond the natural process limits" not in steady.signal_at(0)


def test_xmr_run_of_eight_on_one_side():
    series = [5, 6, 5, 6, 5, 6, 5, 6, 9, 9, 9, 9, 9, 9, 9, 9]
    chart = a.xmr(series)
    assert any("run of 8 above" in r for r in chart.signal_at(15))
    seven = [5, 6, 5, 6, 5, 6, 5, 6, 5, 9, 9, 9, 9, 9, 9, 9]
    assert not any("run" in r for r in a.xmr(seven).signal_at(15))


def test_xmr_needs_two_points():
    assert a.xmr([5]) is None


def test_village_of_100_children():
    assert a.per_100_children(245, 20054) == D("1.2")


def test_to_decimal_refuses_non_numbers():
    for bad in ["abc", "NaN", "Infinity", "", True]:
        with pytest.raises(ValueError):
            a.to_decimal(bad)
    assert a.to_decimal("1,234") == D("1234")


def test_numbers_are_formatted_as_published_tables_print_them():
    from performance.analysis import human_number

    assert human_number(Decimal("4612.0000"), "count") == "4,612"
    assert human_number(Decimal("37.9000"), "percentage") == "37.9%"
    assert human_number(Decimal("14"), "percentage") == "14%"
    assert human_number(Decimal("1213.75"), "rate_10k") == "1,213.75"
    assert human_number(None, "count") == "–"
