"""Charts drawn on the server as SVG (Altair spec -> vl-convert), served as an image of
their own from the site (the strict CSP allows images from 'self'), so a page is not held up
by the drawing. The page always shows the same data as a table."""

from __future__ import annotations

import altair as alt
import vl_convert

from .caching import cached


def _points(page) -> list[dict]:
    points = []
    for row in page.table:
        for area, cell in zip(page.areas, row["cells"], strict=False):
            if cell is not None:
                points.append({"period": row["period"], "series": area.name,
                               "value": float(cell.value)})
        if row["england"] is not None:
            points.append({"period": row["period"], "series": "England",
                           "value": float(row["england"])})
    return points


def indicator_chart(page) -> dict | None:
    """The chart's text alternative, for the page; None when there is nothing to draw. The
    drawing itself is its own request (indicator_svg), so the page does not wait for it."""
    points = _points(page)
    if not points:
        return None
    unit = page.indicator.get_unit_display()
    areas = ", ".join(a.name for a in page.areas)
    alt_text = (f"Line chart of {page.indicator.name} ({unit.lower()}) for {areas}"
                f"{' and England' if any(p['series'] == 'England' for p in points) else ''}, "
                f"{page.periods[0]} to {page.periods[-1]}. The table below gives the same figures.")
    return {"alt": alt_text}


def indicator_svg(page) -> str | None:
    """A line per area over time, with England where known, as SVG. None when there is
    nothing to draw."""
    points = _points(page)
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
    return cached("chart|" + spec, lambda: vl_convert.vegalite_to_svg(spec), seconds=86400)
