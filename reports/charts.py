"""The report's charts: one Vega-Lite spec each (Altair), drawn as SVG for the page and the
PDF and as PNG for Word, always with alternative text that gives the same figures."""

from __future__ import annotations

import base64
from dataclasses import dataclass

import altair as alt
import vl_convert

from performance.caching import cached

from .sections.finance import chart_parts


@dataclass
class Chart:
    key: str
    title: str
    alt: str
    spec: str

    @property
    def svg(self) -> str:
        # Drawing takes a few hundred milliseconds; the same spec always gives the same image.
        return cached("report-chart-svg|" + self.spec,
                      lambda: vl_convert.vegalite_to_svg(self.spec), seconds=86400)

    @property
    def png(self) -> bytes:
        return cached("report-chart-png|" + self.spec,
                      lambda: vl_convert.vegalite_to_png(self.spec, scale=2), seconds=86400)

    @property
    def src(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def _bar(values, x_title, y_title, title, sort):
    chart = (alt.Chart(alt.Data(values=values), title=title)
             .mark_bar(color="#1d70b8")
             .encode(x=alt.X("label:N", title=x_title, sort=sort,
                             axis=alt.Axis(labelAngle=-40)),
                     y=alt.Y("n:Q", title=y_title, axis=alt.Axis(tickMinStep=1)))
             .properties(width=520, height=220))
    return chart.to_json()


def charts_for(a) -> list[Chart]:
    charts = []
    months = [{"label": m.label[:3] + " " + m.label[-2:], "n": len(m.items)} for m in a.months]
    if any(m["n"] for m in months):
        described = "; ".join(f"{m.label}: {len(m.items)}" for m in a.months)
        charts.append(Chart(
            "activity", f"Activity recorded each month, {a.label}",
            f"Bar chart of the activities recorded for the report each month of {a.label}. "
            f"{described}.",
            _bar(months, "Month", "Activities", f"Activity each month, {a.label}",
                 [m["label"] for m in months])))
    statuses = [{"label": label, "n": n} for label, n in a.actions.by_status]
    if a.actions.total:
        described = "; ".join(f"{label}: {n}" for label, n in a.actions.by_status)
        charts.append(Chart(
            "actions", f"The combined action plan by status, {a.label}",
            f"Bar chart of the {a.actions.total} actions due or completed in {a.label}, by "
            f"status as recorded on {a.today:%d %B %Y}. {described}.",
            _bar(statuses, "Status", "Actions", f"Action plan by status, {a.label}",
                 [s["label"] for s in statuses])))
    budget = chart_parts(a.finance_history)
    if budget is not None:
        spec, alt_text = budget
        charts.append(Chart("finance", f"Income, spending and reserves up to {a.label}",
                            alt_text, spec))
    return charts
