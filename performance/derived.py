"""Figures derived from one indicator's values in one area, computed when values are saved
(docs/decisions/0032-derived-figures-stored-when-saved.md), so pages read them instead of
recomputing a series on every view. Pure functions, no database.

For each value: the value of the period before and of the same period a year before (the
changes are computed from them when read: they depend on the indicator's unit and polarity,
which can be edited), the XmR chart of the last WINDOW values up to it with its signal at
that value, and whether it is the newest value of the indicator in the area (the one the
scorecard's newest period and the exceptions page show)."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from . import analysis

# Process control and changes look back this many values at most.
WINDOW = 16
SPC_MIN_POINTS = 6
PLACES = Decimal("0.0001")  # IndicatorValue.value's decimal places: derive from stored values
BEYOND = "beyond the natural process limits"


# The IndicatorValue columns that hold them, in this order.
FIELDS = ("previous_value", "year_before_value", "spc", "newest")


@dataclass(frozen=True)
class Derived:
    previous_value: Decimal | None
    year_before_value: Decimal | None
    spc: dict | None  # {"mean", "mr", "upper", "lower"} as exact decimal text, "n", "signal"
    newest: bool

    def as_row(self) -> tuple:
        return (self.previous_value, self.year_before_value, self.spc, self.newest)

    def as_fields(self) -> dict:
        return dict(zip(FIELDS, self.as_row(), strict=True))


def period_order(period: str, start, kind: str) -> tuple:
    """Sort key for periods newest first: by the day the period ends, and a year before the
    quarter and month that end with it (2020-21, 2020-21 Q4, 2021-03, ..., 2020-21 Q1,
    2019-20). Reverse-sorted by callers."""
    months = {"year": 12, "quarter": 3, "month": 1}[kind]
    index = start.year * 12 + start.month - 1 + months  # the month after it ends
    return (index, months, period)


@functools.lru_cache(maxsize=8192)
def _neighbours(label: str) -> tuple[str, str]:
    period = analysis.parse_period(label)
    return period.previous().label, period.year_before().label


def stored(value) -> Decimal:
    """A value as the database gives it back (four decimal places)."""
    return analysis.to_decimal(value).quantize(PLACES)


def derive(points) -> dict[str, Derived]:
    """period label -> Derived, for the values of ONE indicator in ONE area, given as
    (period label, period kind, period start, value) in any order."""
    by_kind: dict = defaultdict(list)
    newest_key, newest_label = None, None
    for label, kind, start, value in points:
        by_kind[kind].append((start, label, stored(value)))
        key = period_order(label, start, kind)
        if newest_key is None or key > newest_key:
            newest_key, newest_label = key, label
    result: dict[str, Derived] = {}
    for series in by_kind.values():
        series.sort()
        values = {label: value for _, label, value in series}
        spcs = xmr_at_each([value for _, _, value in series])
        for (_, label, _), spc in zip(series, spcs, strict=True):
            previous, year_before = _neighbours(label)
            result[label] = Derived(values.get(previous), values.get(year_before), spc,
                                    label == newest_label)
    return result


def xmr_at_each(values: list[Decimal]) -> list[dict | None]:
    """For each value: analysis.xmr of the last WINDOW values up to it, with the signal at
    it; None with fewer than SPC_MIN_POINTS. The same sums as analysis.xmr (exact in
    Decimal), kept as running totals so a long series costs one pass."""
    sums, ranges = [Decimal(0)], [Decimal(0)]
    for i, x in enumerate(values):
        sums.append(sums[-1] + x)
        ranges.append(ranges[-1] + (abs(x - values[i - 1]) if i else Decimal(0)))
    found: list[dict | None] = []
    for i, x in enumerate(values):
        first = max(0, i + 1 - WINDOW)
        n = i + 1 - first
        if n < SPC_MIN_POINTS:
            found.append(None)
            continue
        mean = (sums[i + 1] - sums[first]) / n
        mr_bar = (ranges[i + 1] - ranges[first + 1]) / (n - 1)
        upper = mean + analysis.XMR_FACTOR * mr_bar
        lower = mean - analysis.XMR_FACTOR * mr_bar
        signal = [BEYOND] if x > upper or x < lower else []
        side = 1 if x > mean else -1 if x < mean else 0
        if side:
            run = 1
            while run < analysis.RUN_LENGTH and i - run >= first:
                y = values[i - run]
                if (1 if y > mean else -1 if y < mean else 0) != side:
                    break
                run += 1
            if run >= analysis.RUN_LENGTH:
                signal.append(f"run of {analysis.RUN_LENGTH} "
                              f"{'above' if side > 0 else 'below'} the mean")
        found.append({"mean": str(mean), "mr": str(mr_bar), "upper": str(upper),
                      "lower": str(lower), "n": n, "signal": signal})
    return found


def xmr_of(spc: dict | None) -> analysis.XmR | None:
    """The stored chart as analysis.XmR (its signal at the value it was stored with)."""
    if spc is None:
        return None
    return analysis.XmR(Decimal(spc["mean"]), Decimal(spc["mr"]), Decimal(spc["upper"]),
                        Decimal(spc["lower"]),
                        {spc["n"] - 1: list(spc["signal"])} if spc["signal"] else {})
