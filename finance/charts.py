"""The budget chart: income beside spending for each financial year, with the reserves
carried forward as a line. One Vega-Lite spec (Altair), drawn on the server as SVG for the
year page (as the assurance and performance charts are) and by the yearly report for its
PDF and Word file; always with a text alternative giving the same figures and the table."""

from __future__ import annotations

import base64
import hashlib

import altair as alt
import vl_convert
from django.core.cache import cache


def _pounds(value) -> str:
    return "not recorded" if value is None else f"£{value:,.0f}"


def describe(history) -> str:
    """The chart's text alternative: what it shows and every figure in it."""
    first, last = history[0].label, history[-1].label
    span = f"in {last}" if first == last else f"for each financial year from {first} to {last}"
    figures = "; ".join(f"{f.label}: income {_pounds(f.income)}, spending "
                        f"{_pounds(f.expenditure)}, reserves carried forward "
                        f"{_pounds(f.carried_forward)}" for f in history)
    return (f"Bar chart of the partnership's income and spending {span}, with the reserves "
            f"carried forward as a line. {figures}. The table gives the same figures.")


def spec(history) -> str | None:
    """The Vega-Lite spec (JSON), or None when no year has a figure to draw."""
    bars, reserves = [], []
    for f in history:
        for series, value in (("Income", f.income), ("Spending", f.expenditure)):
            if value is not None:
                bars.append({"year": f.label, "series": series, "pounds": float(value)})
        if f.carried_forward is not None:
            reserves.append({"year": f.label, "series": "Reserves carried forward",
                             "pounds": float(f.carried_forward)})
    if not bars and not reserves:
        return None
    order = [f.label for f in history]
    x = alt.X("year:N", title="Financial year", sort=order, axis=alt.Axis(labelAngle=0))
    y = alt.Y("pounds:Q", title="Pounds", axis=alt.Axis(format=",.0f"))
    colour = alt.Color("series:N", title="", scale=alt.Scale(
        domain=["Income", "Spending", "Reserves carried forward"],
        range=["#1d70b8", "#d4351c", "#0b0c0c"]), legend=alt.Legend(orient="bottom"))
    layers = [alt.Chart(alt.Data(values=bars)).mark_bar().encode(
        x=x, xOffset=alt.XOffset("series:N"), y=y, color=colour)] if bars else []
    if reserves:
        layers.append(alt.Chart(alt.Data(values=reserves)).mark_line(point=True).encode(
            x=x, y=y, color=colour))
    chart = alt.layer(*layers).properties(
        width=520, height=240, title=f"Income, spending and reserves, {order[0]} to {order[-1]}"
        if len(order) > 1 else f"Income, spending and reserves, {order[0]}")
    return chart.to_json()


def budget_chart(history) -> dict | None:
    """The chart for the year page: {"src": an SVG data address, "alt": text}; None when
    there is nothing to draw."""
    drawn = spec(history)
    if drawn is None:
        return None
    key = "finance-chart|" + hashlib.sha256(drawn.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(drawn)
        cache.set(key, svg, 86400)
    return {"src": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
            "alt": describe(history)}
