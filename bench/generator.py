"""A national-scale data set: 153 areas in 139 partnerships, 150 indicators, 40 quarters
(about 0.9 million values). Deterministic: the same arguments give the same rows."""

from __future__ import annotations

import random
from dataclasses import dataclass

from performance import analysis, catalogue

SEED = 918000


@dataclass(frozen=True)
class Scale:
    areas: int = 153
    partnerships: int = 139
    indicators: int = 150
    quarters: int = 40

    @property
    def values(self) -> int:
        return self.areas * self.indicators * self.quarters


def area_code(n: int) -> str:
    return f"E99{n:06d}"


def partnership_of_area(n: int, scale: Scale) -> int:
    # Areas beyond one per partnership go to the first partnerships (shared arrangements).
    return n if n < scale.partnerships else n - scale.partnerships


def catalogue_rows(scale: Scale) -> list[dict]:
    """The real catalogue plus generated indicators up to the wanted number."""
    rows = catalogue.rows()[: scale.indicators]
    units = ["count", "rate_10k", "percentage", "average", "count"]
    n = 0
    while len(rows) < scale.indicators:
        unit = units[n % len(units)]
        code = f"BENCH_{n:03d}"
        row = {"code": code, "name": f"Benchmark indicator {n}", "definition": "Generated.",
               "section": "safe", "topic": "child_protection", "unit": unit,
               "polarity": ["higher", "lower", "neither"][n % 3], "source_organisation": "",
               "frequency": "quarterly", "count_indicator": "", "village_label": ""}
        if unit == "rate_10k":
            row["count_indicator"] = f"BENCH_{n - 1:03d}"  # the count just before it
        rows.append(row)
        n += 1
    return rows


def quarters(scale: Scale) -> list[str]:
    start = analysis.parse_period("2014-15 Q1")
    return [start.shifted(i).label for i in range(scale.quarters)]


def population(n: int) -> int:
    return 20000 + (n * 7919) % 80000


def rows_for_area(n: int, scale: Scale, indicators: list[dict]) -> list[dict]:
    """Every indicator and quarter for one area. Rates agree with their counts."""
    rng = random.Random(f"{SEED}:{n}")
    code = area_code(n)
    children = population(n)
    periods = quarters(scale)
    rows = []
    last_count: dict[str, list[int]] = {}
    for ind in indicators:
        unit = ind["unit"]
        if unit == "rate_10k" and ind["count_indicator"] in last_count:
            counts = last_count[ind["count_indicator"]]
            values = [str(analysis.rate_per_10000(c, children)) for c in counts]
        elif unit == "count":
            level = rng.uniform(0.001, 0.05) * children
            counts = [max(0, round(level + rng.gauss(0, level * 0.1))) for _ in periods]
            last_count[ind["code"]] = counts
            values = [str(c) for c in counts]
        elif unit == "percentage":
            level = rng.uniform(5, 60)
            values = [f"{min(100, max(0, level + rng.gauss(0, 2))):.1f}" for _ in periods]
        else:
            level = rng.uniform(10, 500)
            values = [f"{max(0, level + rng.gauss(0, level * 0.05)):.1f}" for _ in periods]
        for period, value in zip(periods, values, strict=True):
            rows.append({"indicator_code": ind["code"], "area_code": code, "period": period,
                         "value": value})
    return rows
