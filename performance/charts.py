"""Charts drawn once on the server as SVG (Altair spec -> vl-convert), shown as an <img>
with a data: URI so the strict CSP holds. The page always shows the same data as a table."""

from __future__ import annotations

import base64

import altair as alt
import vl_convert

from .caching import cached


def indicator_chart(page) -> dict | None:
    """A line per area over time, with England where known. None when there is nothing to draw."""
    points = []
    for row in page.table:
        for area, cell in zip(page.areas, row["cells"], strict=False):
            if cell is not None:
                points.append({"period": row["period"], "series": area.name,
                               "value": float(cell.value)})
        if row["england"] is not None:
            points.append({"period": row["period"], "series": "England",
                           "value": float(row["england"])})
    if not points:
        return None
    unit = page.indicator.get_unit_display()
    title = page.indicator.name + (" (includes synthetic demo data)" if page.any_synthetic else "")
    chart = (
        alt.Chart(alt.Data(values=points), title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X("period:O", title="Period", sort=page.periods),
            y=alt.Y("value:Q", title=unit),
            color=alt.Color("series:N", title="Area"),
            strokeDash=alt.StrokeDash("series:N", legend=None),
        )
        .properties(width=560, height=300)
    )
    spec = chart.to_json()
    # Drawing takes a few hundred milliseconds; the same data always gives the same SVG.
    svg = cached("chart|" + spec, lambda: vl_convert.vegalite_to_svg(spec), seconds=86400)
    areas = ", ".join(a.name for a in page.areas)
    alt_text = (f"Line chart of {page.indicator.name} ({unit.lower()}) for {areas}"
                f"{' and England' if any(p['series'] == 'England' for p in points) else ''}, "
                f"{page.periods[0]} to {page.periods[-1]}. The table below gives the same figures.")
    return {"src": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
            "alt": alt_text}
