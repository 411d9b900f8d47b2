"""The figures rules, in one place: pure functions, no database.

- periods: financial years (2021-22), quarters of them (2021-22 Q3) and months (2024-03);
- rates per 10,000 children from a count and the child population;
- change on the previous period and on the same period a year before: per cent for counts,
  rates and averages, percentage points for percentages, rounded half up to one decimal;
- RAG status from a target and tolerance, ranks, benchmarks;
- statistical process control (XmR charts).
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ONE_PLACE = Decimal("0.1")
TEN_THOUSAND = Decimal(10000)

# Units as stored on Indicator.unit.
COUNT, PERCENTAGE, RATE_10K, RATE_100K, RANK, AVERAGE = (
    "count", "percentage", "rate_10k", "rate_100k", "rank", "average",
)
HIGHER, LOWER, NEITHER = "higher", "lower", "neither"

# A stated rate may differ from the one computed from its count and population by this much
# (per 10,000 children) before the sender is asked to confirm it.
RATE_TOLERANCE = Decimal("1.0")

# XmR: natural process limits are the mean ± 2.66 × the mean moving range.
XMR_FACTOR = Decimal("2.66")
RUN_LENGTH = 8


def to_decimal(value) -> Decimal:
    """A Decimal from a number or numeric text; ValueError if it is not a finite number."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise ValueError("not a number")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    else:
        text = str(value).strip().replace(",", "")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ValueError("not a number") from None
    if not result.is_finite():
        raise ValueError("not a number")
    return result


# The largest value a figure may hold: IndicatorValue.value has 14 digits, 4 after the point.
VALUE_DIGITS, VALUE_PLACES = 14, 4
VALUE_MAX = Decimal(10) ** (VALUE_DIGITS - VALUE_PLACES) - Decimal(10) ** -VALUE_PLACES
VALUE_RANGE_MESSAGE = (f"The value must be a number between {-VALUE_MAX:,f} and {VALUE_MAX:,f}"
                       "; “{raw}” is not.")
NOT_A_NUMBER_MESSAGE = "The value must be a number; “{raw}” is not."


def figure_value(raw) -> Decimal:
    """A value a figure can hold, from a number or numeric text.

    Raises ValueError with a message a sender can act on: text that is not a number, and
    numbers that are not finite (1e9999999 sent as a JSON number is infinity) or outside
    what the figure can store. Works without Decimal arithmetic, so no overflow is raised."""
    shown = str(raw)[:40]
    try:
        value = to_decimal(raw)
    except ValueError:
        if isinstance(raw, float) or _is_special(raw):
            raise ValueError(VALUE_RANGE_MESSAGE.format(raw=shown)) from None
        raise ValueError(NOT_A_NUMBER_MESSAGE.format(raw=shown)) from None
    if value.adjusted() >= VALUE_DIGITS - VALUE_PLACES or value.copy_abs() > VALUE_MAX:
        raise ValueError(VALUE_RANGE_MESSAGE.format(raw=shown))
    return value


def _is_special(raw) -> bool:
    try:
        return not Decimal(str(raw).strip().replace(",", "")).is_finite()
    except InvalidOperation:
        return False


def round1(value: Decimal) -> Decimal:
    """Round half up to one decimal place (1.25 -> 1.3, -1.25 -> -1.3)."""
    return to_decimal(value).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


# ---- periods ----

YEAR_RE = re.compile(r"^(\d{4})-(\d{2})$")
QUARTER_RE = re.compile(r"^(\d{4})-(\d{2}) Q([1-4])$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period. Financial years run April to March; Q1 is April to June."""

    start: datetime.date
    kind: str  # "year" | "quarter" | "month"
    label: str = field(compare=False)

    @property
    def fy_start(self) -> int:
        return self.start.year if self.start.month >= 4 else self.start.year - 1

    def shifted(self, steps: int) -> Period:
        """The period `steps` periods of the same kind later (earlier if negative)."""
        months = {"year": 12, "quarter": 3, "month": 1}[self.kind] * steps
        index = self.start.year * 12 + self.start.month - 1 + months
        return period_starting(datetime.date(index // 12, index % 12 + 1, 1), self.kind)

    def previous(self) -> Period:
        return self.shifted(-1)

    def year_before(self) -> Period:
        return self.shifted({"year": -1, "quarter": -4, "month": -12}[self.kind])

    def __str__(self) -> str:
        return self.label


def _fy_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def period_starting(start: datetime.date, kind: str) -> Period:
    fy = start.year if start.month >= 4 else start.year - 1
    if kind == "year":
        return Period(datetime.date(fy, 4, 1), "year", _fy_label(fy))
    if kind == "quarter":
        quarter = ((start.month - 4) % 12) // 3 + 1
        return Period(start, "quarter", f"{_fy_label(fy)} Q{quarter}")
    return Period(start, "month", f"{start.year}-{start.month:02d}")


def parse_period(text) -> Period:
    """2021-22 (financial year), 2021-22 Q3 (its third quarter), 2024-03 (a month).

    Raises ValueError with a message a sender can act on."""
    return _parse_period(str(text or "").strip())


@functools.lru_cache(maxsize=4096)  # returns repeat the same few periods on every row
def _parse_period(text: str) -> Period:
    match = QUARTER_RE.match(text)
    if match:
        year, end, quarter = int(match[1]), int(match[2]), int(match[3])
        if (year + 1) % 100 != end:
            raise ValueError(f"“{text}” is not a financial year: write it like 2021-22 Q3.")
        month = 4 + (quarter - 1) * 3
        start = datetime.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        return Period(start, "quarter", text)
    match = YEAR_RE.match(text)
    if match:
        first, second = int(match[1]), int(match[2])
        if (first + 1) % 100 == second:
            return Period(datetime.date(first, 4, 1), "year", text)
        if 1 <= second <= 12:
            return Period(datetime.date(first, second, 1), "month", text)
    raise ValueError(
        f"“{text}” is not a period: use a financial year (2021-22), a quarter (2021-22 Q3) "
        "or a month (2024-03)."
    )


FIRST_REPORTED_YEAR = 2000


def reported_period(text, *, today: datetime.date | None = None) -> Period:
    """A period a figure may be sent for: a real financial year, quarter or month, from
    2000-01 onwards and not in the future. The one check of the form, the upload and the API.

    Raises ValueError with a message a sender can act on."""
    period = parse_period(text)
    today = today or datetime.date.today()
    if period.fy_start < FIRST_REPORTED_YEAR:
        raise ValueError(f"“{period.label}” is too early: figures are held from "
                         f"{_fy_label(FIRST_REPORTED_YEAR)} (April {FIRST_REPORTED_YEAR}) "
                         "onwards.")
    if period.start > today:
        raise ValueError(f"“{period.label}” is in the future: it starts on "
                         f"{period.start.day} {period.start:%B %Y}. Send figures for periods that have begun.")
    return period


def population_year(period: Period) -> int:
    """The mid-year population estimate a period's rates use: the year it starts in."""
    return period.start.year


# ---- rates ----


def human_number(value, unit: str) -> str:
    """A value as published tables print it: thousands separated, no trailing zeros, a
    percentage with its sign (4,612; 37.9%; 52.3). "–" for no value."""
    if value is None or value == "":
        return "–"
    number = to_decimal(value).normalize()
    if number == number.to_integral_value():
        text = f"{int(number):,}"
    else:
        text = f"{number:,f}"
    return f"{text}%" if unit == PERCENTAGE else text


def rate_per_10000(count, population) -> Decimal | None:
    """A count per 10,000 children, to one decimal; None without a population."""
    if not population:
        return None
    return round1(to_decimal(count) * TEN_THOUSAND / to_decimal(population))


def per_100_children(count, population) -> Decimal | None:
    """How many of a village of 100 children a count stands for, to one decimal."""
    if not population:
        return None
    return round1(to_decimal(count) * 100 / to_decimal(population))


def rate_disagrees(rate, count, population, tolerance: Decimal = RATE_TOLERANCE) -> Decimal | None:
    """The computed rate when the stated one is further from it than the tolerance, else None."""
    computed = rate_per_10000(count, population)
    if computed is None:
        return None
    if abs(to_decimal(rate) - computed) > tolerance:
        return computed
    return None


# ---- change ----


@dataclass(frozen=True)
class Change:
    kind: str  # "percent" | "percentage_points"
    value: Decimal | None  # None when a per cent change is from zero
    direction: str  # "up" | "down" | "same"
    improved: bool | None  # None when the indicator has no better direction

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "value": None if self.value is None else float(self.value),
            "direction": self.direction,
            "improved": self.improved,
        }


def change_kind(unit: str) -> str | None:
    if unit == PERCENTAGE:
        return "percentage_points"
    if unit == RANK:
        return None  # a rank has no meaningful per cent change
    return "percent"


def improvement(direction: str, polarity: str) -> bool | None:
    if polarity not in (HIGHER, LOWER):
        return None
    if direction == "same":
        return False
    return (direction == "up") == (polarity == HIGHER)


def change(current, previous, *, unit: str, polarity: str) -> Change | None:
    """Change from `previous` to `current`; None where there is no earlier value."""
    if current is None or previous is None:
        return None
    kind = change_kind(unit)
    if kind is None:
        return None
    current, previous = to_decimal(current), to_decimal(previous)
    difference = current - previous
    direction = "up" if difference > 0 else "down" if difference < 0 else "same"
    if kind == "percentage_points":
        value = round1(difference)
    elif previous == 0:
        value = Decimal("0.0") if difference == 0 else None
    else:
        value = round1(difference * 100 / abs(previous))
    return Change(kind, value, direction, improvement(direction, polarity))


# ---- targets, benchmarks, ranks ----


def rag(value, *, target, tolerance=0, polarity: str) -> str | None:
    """Green on or better than target; amber within the tolerance of it; red beyond."""
    if value is None or target is None or polarity not in (HIGHER, LOWER):
        return None
    value, target, tolerance = to_decimal(value), to_decimal(target), abs(to_decimal(tolerance))
    gap = value - target if polarity == HIGHER else target - value
    if gap >= 0:
        return "green"
    if -gap <= tolerance:
        return "amber"
    return "red"


def compare(value, benchmark, *, polarity: str) -> str | None:
    """'better', 'worse' or 'similar' against a benchmark, given polarity."""
    if value is None or benchmark is None:
        return None
    difference = to_decimal(value) - to_decimal(benchmark)
    if difference == 0 or polarity not in (HIGHER, LOWER):
        return "similar" if difference == 0 else ("higher" if difference > 0 else "lower")
    return "better" if (difference > 0) == (polarity == HIGHER) else "worse"


def rank(value, values: Sequence, *, polarity: str) -> int | None:
    """1 is best (highest unless lower is better); ties share the better rank."""
    if value is None:
        return None
    value = to_decimal(value)
    others = [to_decimal(v) for v in values if v is not None]
    if polarity == LOWER:
        return 1 + sum(1 for v in others if v < value)
    return 1 + sum(1 for v in others if v > value)


# ---- statistical process control ----


@dataclass(frozen=True)
class XmR:
    mean: Decimal
    mean_moving_range: Decimal
    upper_limit: Decimal
    lower_limit: Decimal
    # index -> reasons ("beyond the limits", "run of 8 above the mean", ...)
    signals: dict[int, list[str]]

    def signal_at(self, index: int) -> list[str]:
        return self.signals.get(index, [])


def xmr(values: Sequence) -> XmR | None:
    """XmR chart of a series in time order; None with fewer than two points."""
    points = [to_decimal(v) for v in values]
    if len(points) < 2:
        return None
    mean = sum(points) / len(points)
    ranges = [abs(b - a) for a, b in zip(points, points[1:], strict=False)]
    mr_bar = sum(ranges) / len(ranges)
    upper = mean + XMR_FACTOR * mr_bar
    lower = mean - XMR_FACTOR * mr_bar
    signals: dict[int, list[str]] = {}
    for i, x in enumerate(points):
        if x > upper or x < lower:
            signals.setdefault(i, []).append("beyond the natural process limits")
    # Runs: RUN_LENGTH or more consecutive points on one side; a point on the mean breaks it.
    run_side, run_start = 0, 0
    for i, x in enumerate(points):
        side = 1 if x > mean else -1 if x < mean else 0
        if side == 0 or side != run_side:
            run_side, run_start = side, i
        if side != 0 and i - run_start + 1 >= RUN_LENGTH:
            reason = f"run of {RUN_LENGTH} {'above' if side > 0 else 'below'} the mean"
            for j in range(run_start, i + 1):
                if reason not in signals.get(j, []):
                    signals.setdefault(j, []).append(reason)
    return XmR(mean, mr_bar, upper, lower, signals)
