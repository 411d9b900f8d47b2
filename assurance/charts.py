"""The summary chart, drawn once on the server as SVG (as the performance charts are) and
always shown with the table of the same figures."""

from __future__ import annotations

import base64

import altair as alt
import vl_convert
from django.core.cache import cache


def _svg(chart) -> str:
    spec = chart.to_json()
    key = "assurance-chart|" + str(hash(spec))
    svg = cache.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(spec)
        cache.set(key, svg, 86400)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def survey_chart(results) -> dict | None:
    """Average rating per rated question of a survey, beside the previous survey's. None if
    no rating is answered yet."""
    points = []
    for row in results.rows:
        if row.kind != "rating":
            continue
        if row.average is not None:
            points.append({"question": row.question.code, "survey": results.cycle.title,
                           "average": row.average})
        if row.previous_average is not None:
            points.append({"question": row.question.code, "survey": results.previous_title,
                           "average": row.previous_average})
    if not points:
        return None
    top = max(len(r.question.scale) for r in results.rows if r.kind == "rating")
    chart = (
        alt.Chart(alt.Data(values=points), title=f"Average rating per question: "
                                                 f"{results.cycle.title}")
        .mark_bar()
        .encode(x=alt.X("question:N", title="Question",
                        sort=[r.question.code for r in results.rows]),
                xOffset=alt.XOffset("survey:N"),
                y=alt.Y("average:Q", title="Average rating", scale=alt.Scale(domain=[0, top])),
                color=alt.Color("survey:N", title="Survey"))
        .properties(width=560, height=280)
    )
    compared = f", beside {results.previous_title}" if results.previous_title else ""
    return {"src": _svg(chart),
            "alt": (f"Bar chart of the average rating per question in {results.cycle.title}"
                    f"{compared}, from {results.responses} responses. The table below gives "
                    "the same figures.")}


def summary_chart(summary) -> dict | None:
    """Average rating per standard, this cycle beside the previous one. None if no ratings."""
    points = []
    for row in summary.rows:
        if row.average is not None:
            points.append({"standard": row.code, "cycle": summary.cycle.title,
                           "average": row.average})
        if row.previous_average is not None:
            points.append({"standard": row.code, "cycle": summary.previous_title,
                           "average": row.previous_average})
    if not points:
        return None
    top = max(len(r.labels) for r in summary.rows)
    chart = (
        alt.Chart(alt.Data(values=points), title=f"Average rating per standard: {summary.cycle}")
        .mark_bar()
        .encode(x=alt.X("standard:N", title="Standard", sort=[r.code for r in summary.rows]),
                xOffset=alt.XOffset("cycle:N"),
                y=alt.Y("average:Q", title="Average rating", scale=alt.Scale(domain=[0, top])),
                color=alt.Color("cycle:N", title="Cycle"))
        .properties(width=560, height=280)
    )
    spec = chart.to_json()
    key = "assurance-chart|" + str(hash(spec))
    svg = cache.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(spec)
        cache.set(key, svg, 86400)
    compared = f", beside {summary.previous_title}" if summary.previous_title else ""
    alt_text = (f"Bar chart of the average rating per standard in {summary.cycle}{compared}. "
                "The table below gives the same figures.")
    return {"src": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
            "alt": alt_text}


def response_chart(cycle, response) -> dict | None:
    """The share of schools that responded per council area (and overall), as a bar chart
    with its text alternative; the table beside it gives the same figures. None if no school
    was asked."""
    rows = [*response.areas, response.overall] if response.areas else []
    points = [{"area": r.area, "rate": r.rate} for r in rows if r.rate is not None]
    if not points:
        return None
    chart = (
        alt.Chart(alt.Data(values=points), title=f"Schools that responded: {cycle}")
        .mark_bar()
        .encode(x=alt.X("area:N", title="Council area", sort=[p["area"] for p in points]),
                y=alt.Y("rate:Q", title="Response rate (%)", scale=alt.Scale(domain=[0, 100])))
        .properties(width=480, height=240)
    )
    spec = chart.to_json()
    key = "assurance-chart|" + str(hash(spec))
    svg = cache.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(spec)
        cache.set(key, svg, 86400)
    said = "; ".join(f"{p['area']} {p['rate']}%" for p in points)
    alt_text = (f"Bar chart of the share of schools and colleges that responded to {cycle}, "
                f"by council area: {said}. The table below gives the same figures.")
    return {"src": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
            "alt": alt_text}
