"""Periods are listed newest first by when they end, a year before its quarters and months."""

from performance.analysis import parse_period
from performance.selectors import period_order


def _listed(labels):
    periods = [parse_period(label) for label in labels]
    rows = [(p.label, p.start, p.kind) for p in periods]
    return [label for label, _, _ in sorted(rows, key=lambda r: period_order(*r), reverse=True)]


def test_periods_read_in_time_order_with_the_year_before_its_quarters():
    given = ["2020-21 Q2", "2020-21", "2020-21 Q1", "2019-20", "2018-19", "2019-20 Q4"]
    assert _listed(given) == ["2020-21", "2020-21 Q2", "2020-21 Q1", "2019-20", "2019-20 Q4",
                              "2018-19"]


def test_months_sit_inside_their_quarter_and_year():
    given = ["2021-02", "2020-21 Q3", "2020-21 Q4", "2021-03", "2020-21", "2020-12"]
    assert _listed(given) == ["2020-21", "2020-21 Q4", "2021-03", "2021-02", "2020-21 Q3",
                              "2020-12"]
