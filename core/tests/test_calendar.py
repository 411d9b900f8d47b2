"""The working-day calendar: weekends and England and Wales bank holidays, substitute days
included, straight from the `holidays` package."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.calendar import (
    add_months,
    add_working_days,
    is_bank_holiday,
    is_working_day,
    working_days_between,
)

D = datetime.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2021, 12, 27), False),  # Christmas Day fell on a Saturday: substitute Monday
        (D(2021, 12, 28), False),  # Boxing Day fell on a Sunday: substitute Tuesday
        (D(2022, 1, 3), False),  # New Year's Day 2022 was a Saturday: substitute Monday
        (D(2022, 12, 26), False),  # Boxing Day 2022, a Monday
        (D(2022, 12, 27), False),  # Christmas Day 2022 was a Sunday: substitute Tuesday
        (D(2023, 1, 2), False),  # New Year's Day 2023 was a Sunday: substitute Monday
        (D(2024, 3, 29), False),  # Good Friday
        (D(2024, 4, 1), False),  # Easter Monday
        (D(2024, 5, 6), False),  # early May bank holiday
        (D(2024, 5, 27), False),  # spring bank holiday
        (D(2020, 5, 8), False),  # 2020's early May holiday moved to Friday for VE Day
        (D(2020, 5, 4), True),  # ... so the first Monday of May 2020 was a working day
        (D(2024, 12, 14), False),  # a Saturday
        (D(2024, 12, 23), True),
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2021, 12, 23), 1, D(2021, 12, 24)),
        (D(2021, 12, 23), 2, D(2021, 12, 29)),  # skips 25-28 (two substitute days)
        (D(2021, 12, 20), 5, D(2021, 12, 29)),  # the Panel notification clock
        (D(2021, 12, 20), 15, D(2022, 1, 13)),  # the rapid review clock, over New Year
        (D(2021, 12, 31), 1, D(2022, 1, 4)),  # 3 January 2022 was the New Year substitute
        (D(2022, 12, 23), 1, D(2022, 12, 28)),  # Boxing Day Mon, substitute Christmas Tue
        (D(2022, 12, 30), 1, D(2023, 1, 3)),
        (D(2024, 3, 28), 1, D(2024, 4, 2)),  # over Good Friday, the weekend, Easter Monday
        (D(2024, 5, 3), 1, D(2024, 5, 7)),  # over the early May bank holiday
        (D(2024, 5, 24), 1, D(2024, 5, 28)),  # over the spring bank holiday
        (D(2020, 5, 7), 1, D(2020, 5, 11)),  # VE Day 2020 Friday holiday
        (D(2024, 12, 14), 1, D(2024, 12, 16)),  # from a Saturday: Monday is day 1
        (D(2024, 12, 14), 0, D(2024, 12, 14)),
        (D(2022, 1, 4), -1, D(2021, 12, 31)),
        (D(2023, 1, 10), -7, D(2022, 12, 29)),  # the "7 working days before" clock
    ],
)
def test_add_working_days(start, n, expected):
    assert add_working_days(start, n) == expected


def test_working_days_between():
    assert working_days_between(D(2021, 12, 24), D(2021, 12, 29)) == 1
    assert working_days_between(D(2021, 12, 20), D(2022, 1, 13)) == 15
    assert working_days_between(D(2022, 1, 13), D(2021, 12, 20)) == -15
    assert working_days_between(D(2024, 12, 16), D(2024, 12, 16)) == 0


def test_add_months_clamps_to_month_end():
    assert add_months(D(2021, 8, 31), 6) == D(2022, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2023, 3, 1), 12) == D(2024, 3, 1)
    assert add_months(D(2023, 11, 15), 2) == D(2024, 1, 15)
    assert add_months(D(2024, 1, 15), -2) == D(2023, 11, 15)


def test_one_off_bank_holidays_come_from_the_package():
    assert is_bank_holiday(D(2022, 9, 19))  # State Funeral
    assert is_bank_holiday(D(2023, 5, 8))  # Coronation


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))
counts = st.integers(min_value=1, max_value=80)


@given(dates, counts)
def test_a_computed_due_date_is_never_a_weekend_or_bank_holiday(start, n):
    for due in (add_working_days(start, n), add_working_days(start, -n)):
        assert due.weekday() < 5
        assert not is_bank_holiday(due)


@given(dates, dates, counts)
def test_add_working_days_is_monotonic_in_the_start_date(a, b, n):
    first, second = sorted((a, b))
    assert add_working_days(first, n) <= add_working_days(second, n)


@given(dates, counts)
def test_add_working_days_is_strictly_increasing_in_n(start, n):
    assert start < add_working_days(start, n) < add_working_days(start, n + 1)


@given(dates, counts)
def test_working_days_between_inverts_add_working_days(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n
