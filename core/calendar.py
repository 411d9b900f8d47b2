"""The working-day calendar behind every statutory clock.

A working day is Monday to Friday and not an England and Wales bank holiday. Bank holidays
come from the `holidays` package (substitute days and one-off holidays included), looked up
once per year and cached; nobody types them in.
"""

from __future__ import annotations

import calendar as _calendar
import datetime
from dataclasses import dataclass
from functools import lru_cache

import holidays


@lru_cache(maxsize=256)
def bank_holidays(year: int) -> frozenset[datetime.date]:
    """England and Wales bank holidays in a year, including substitute ("observed") days."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: datetime.date) -> bool:
    return day in bank_holidays(day.year)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `start` (before it, if n is negative).

    `start` itself is day 0 and need not be a working day: "within 5 working days of
    Friday" counts Monday as day 1. With n == 0 the date comes back unchanged.
    """
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    day = start
    while remaining:
        day += datetime.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end`; negative if `end` is earlier.

    The inverse of add_working_days: for a working day `end`,
    add_working_days(start, working_days_between(start, end)) == end.
    """
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def add_months(start: datetime.date, n: int) -> datetime.date:
    """Calendar months later (or earlier); the 31st becomes the last day of a shorter month."""
    month_index = start.month - 1 + n
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, _calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


@dataclass(frozen=True)
class Window:
    """A stretch of time ahead counted in a unit: "5 working days", "14 days"."""

    count: int
    unit: str = "working_days"  # or "days"

    def __post_init__(self):
        if self.unit not in ("days", "working_days") or self.count < 0:
            raise ValueError(f"A window is a non-negative count of days or working_days, "
                             f"not {self.count} {self.unit}.")

    def last_day(self, today: datetime.date) -> datetime.date:
        """The last date inside the window. For working days, the calendar day before the
        next working day, so a weekend straight after the window is still inside it: the
        same answer as counting working days between today and a due date."""
        if self.unit == "days":
            return today + datetime.timedelta(days=self.count)
        return add_working_days(today, self.count + 1) - datetime.timedelta(days=1)

    def contains(self, due: datetime.date, today: datetime.date) -> bool:
        """Falls due inside the window (not yet overdue)."""
        return today <= due <= self.last_day(today)

    def __str__(self) -> str:
        return f"{self.count} working days" if self.unit == "working_days" else \
            f"{self.count} days"


# The one "due soon" of the hub: action plans, their home panels and reminders, and the
# statutory clocks of reviews all use it. Five working days is a working week.
DUE_SOON = Window(count=5, unit="working_days")
