"""The indicator chart, drawn on the server as SVG straight from the figures the indicator
page reads (stored when each return is saved, decision 0032), served as an image of its own
from the site (the strict CSP allows images from 'self'). The page always shows the same
data as a table, and the image carries a text alternative.

The drawing is plain string building (decision 0038): a line per area and England, points,
axes with rounded ticks, a legend, colours that stay distinct for colour-blind readers and a
dash pattern per series so the lines differ without colour too. It costs about a
millisecond, so a cold chart (the first view after a new return) is no dearer than the
indicator page itself; a chart library drawing through a JavaScript engine cost a few hundred
milliseconds a chart."""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.html import escape

WIDTH = 680
LEFT, RIGHT, TOP = 70, 70, 40
PLOT_HEIGHT = 240
# Okabe-Ito: distinct for the common colour-vision deficiencies; England is drawn in black.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4"]
MAX_X_LABELS = 12


def _series(page) -> list[tuple[str, list[tuple[int, float]]]]:
    """(name, [(period index, value)]) per area with a value, then England where known."""
    by_area: list[list[tuple[int, float]]] = [[] for _ in page.areas]
    england: list[tuple[int, float]] = []
    for n, row in enumerate(page.table):
        for points, cell in zip(by_area, row["cells"], strict=False):
            if cell is not None:
                points.append((n, float(cell.value)))
        if row["england"] is not None:
            england.append((n, float(row["england"])))
    series = [(area.name, points) for area, points in zip(page.areas, by_area, strict=False)
              if points]
    if england:
        series.append(("England", england))
    return series


def indicator_chart(page) -> dict | None:
    """The chart's text alternative, for the page; None when there is nothing to draw. The
    drawing itself is its own request (indicator_svg), so the page does not wait for it."""
    series = _series(page)
    if not series:
        return None
    return {"alt": _alt_text(page, series)}


def _alt_text(page, series) -> str:
    unit = page.indicator.get_unit_display()
    areas = ", ".join(a.name for a in page.areas)
    england = " and England" if series[-1][0] == "England" else ""
    return (f"Line chart of {page.indicator.name} ({unit.lower()}) for {areas}{england}, "
            f"{page.periods[0]} to {page.periods[-1]}. The table below gives the same figures.")


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low..high (the axis starts at 0 for non-negative data)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _number(value: float) -> str:
    text = f"{Decimal(repr(value)).normalize():f}"
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}" if whole.lstrip("-").isdigit() else whole
    return f"{grouped}.{fraction}" if fraction else grouped


def indicator_svg(page) -> str | None:
    """A line per area over time, with England where known, as SVG. None when there is
    nothing to draw."""
    series = _series(page)
    if not series:
        return None
    unit = page.indicator.get_unit_display()
    title = page.indicator.name + (" (includes synthetic demo data)" if page.any_synthetic else "")
    values = [v for _, points in series for _, v in points]
    low = min(0.0, min(values))
    ticks = nice_ticks(low, max(values))
    y_low, y_high = ticks[0], ticks[-1]
    periods = page.periods
    plot_width = WIDTH - LEFT - RIGHT
    step_x = plot_width / max(1, len(periods) - 1) if len(periods) > 1 else 0

    def x(n: int) -> float:
        return LEFT + (n * step_x if len(periods) > 1 else plot_width / 2)

    def y(v: float) -> float:
        return TOP + PLOT_HEIGHT - (v - y_low) / (y_high - y_low) * PLOT_HEIGHT

    bottom = TOP + PLOT_HEIGHT
    height = bottom + 100 + math.ceil(len(series) / 3) * 18
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="t d" '
           'font-family="Arial, Helvetica, sans-serif" font-size="12" fill="#0b0c0c">',
           f'<title id="t">{escape(title)}</title>',
           f'<desc id="d">{escape(_alt_text(page, series))}</desc>',
           '<rect width="100%" height="100%" fill="#ffffff"/>',
           f'<text x="{LEFT}" y="22" font-size="15" font-weight="bold">{escape(title)}</text>']
    for tick in ticks:  # the value axis: grid lines and labels
        ty = y(tick)
        out.append(f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" '
                   'stroke="#dddddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end">'
                   f'{_number(tick)}</text>')
    out.append(f'<text transform="translate(16 {TOP + PLOT_HEIGHT / 2:.0f}) rotate(-90)" '
               f'text-anchor="middle">{escape(unit)}</text>')
    out.append(f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" '
               'stroke="#0b0c0c"/>')
    every = max(1, math.ceil(len(periods) / MAX_X_LABELS))
    for n, label in enumerate(periods):  # the period axis
        if n % every:
            continue
        px = x(n)
        out.append(f'<line x1="{px:.1f}" y1="{bottom}" x2="{px:.1f}" y2="{bottom + 5}" '
                   'stroke="#0b0c0c"/>')
        out.append(f'<text transform="translate({px:.1f} {bottom + 10}) rotate(45)" '
                   f'font-size="11">{escape(label)}</text>')
    out.append(f'<text x="{LEFT + plot_width / 2:.0f}" y="{bottom + 80}" '
               'text-anchor="middle">Period</text>')
    legend_y = bottom + 100
    for n, (name, points) in enumerate(series):
        england = name == "England"
        colour = "#0b0c0c" if england else COLOURS[n % len(COLOURS)]
        dash = "3 3" if england else DASHES[n % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in points)
        out.append(f'<g><title>{escape(name)}</title>'
                   f'<polyline points="{path}" fill="none" stroke="{colour}" '
                   f'stroke-width="2"{dash_attr}/>')
        out.extend(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"/>'
                   for i, v in points)
        out.append("</g>")
        lx = LEFT + (n % 3) * 200
        ly = legend_y + (n // 3) * 18
        out.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 24}" y2="{ly - 4}" '
                   f'stroke="{colour}" stroke-width="2"{dash_attr}/>')
        out.append(f'<text x="{lx + 30}" y="{ly}">{escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out)
