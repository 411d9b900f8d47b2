"""The indicator chart is drawn straight from the page's figures (decision 0038): every
figure of the table is a point, the axis covers them, names are escaped, and drawing does
not depend on a chart engine (so a cold chart costs about what the page does)."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from performance import charts, selectors, services

from .conftest import row
from .test_views import url

SVG = "{http://www.w3.org/2000/svg}"


@dataclass
class _Cell:
    value: Decimal


@dataclass
class _Area:
    name: str


@dataclass
class _Indicator:
    name: str

    def get_unit_display(self):
        return "Rate per 10,000"


@dataclass
class _Page:
    indicator: _Indicator
    areas: list
    periods: list
    table: list
    any_synthetic: bool = False


def _page(values_by_area: dict[str, list], england=None, name="Rate <of> & things"):
    areas = [_Area(n) for n in values_by_area]
    periods = [f"20{10 + n}-{11 + n}" for n in range(len(next(iter(values_by_area.values()))))]
    table = []
    for n, label in enumerate(periods):
        cells = [None if v[n] is None else _Cell(Decimal(str(v[n])))
                 for v in values_by_area.values()]
        table.append({"period": label, "cells": cells,
                      "england": None if england is None else Decimal(str(england[n]))})
    return _Page(_Indicator(name), areas, periods, table)


def _points(svg: str) -> list[tuple[float, float]]:
    root = ET.fromstring(svg)
    return [(float(c.get("cx")), float(c.get("cy"))) for c in root.iter(f"{SVG}circle")]


def test_every_figure_is_a_point_inside_the_drawing_and_names_are_escaped():
    page = _page({"Area <one>": [1.5, 2.0, None, 40.25], "Area two": [0, 3, 4, 5]},
                 england=[10, 11, 12, 13])
    svg = charts.indicator_svg(page)
    root = ET.fromstring(svg)  # well-formed, names escaped
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Rate <of> & things"
    assert "Area <one>" in root.find(f"{SVG}desc").text
    points = _points(svg)
    assert len(points) == 3 + 4 + 4  # one point per figure in the table, England too
    width, height = float(root.get("width")), float(root.get("height"))
    assert all(0 < x < width and 0 < y < height for x, y in points)
    # Higher values are drawn higher: the largest figure has the smallest y.
    # Higher values are drawn higher: 40.25 (the third point) is the highest; the zero of
    # "Area two" (the fourth) the lowest.
    assert min(points, key=lambda p: p[1]) == points[2]
    assert max(points, key=lambda p: p[1]) == points[3]
    legend = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Area <one>", "Area two", "England"} <= set(legend)


@pytest.mark.parametrize("low,high", [(0, 1), (0, 7.3), (0, 99), (3, 123456), (-5, 5),
                                      (0, 0.004), (0, 0)])
def test_ticks_are_round_and_cover_the_range(low, high):
    ticks = charts.nice_ticks(low, high)
    assert ticks[0] <= low and ticks[-1] >= high
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1 and 2 <= len(ticks) <= 12


def test_nothing_to_draw_gives_none():
    page = _page({"Area": [None, None]})
    assert charts.indicator_svg(page) is None and charts.indicator_chart(page) is None


def test_the_chart_of_a_real_page_has_every_value_and_one_query_set(world, indicators, login):
    sender = world.users["business_unit"]
    services.data_return_submit(actor=sender, rows=[
        row("LAC", 300 + n, f"{2010 + n}-{11 + n:02d}") for n in range(12)], method="form",
        partnership=world.partnership)
    client = login(world.users["group_member"])
    chart = url(world, "indicator_chart", code="LAC")
    with CaptureQueriesContext(connection) as ctx:
        drawn = client.get(chart)
    assert drawn.status_code == 200 and drawn["Content-Type"] == "image/svg+xml"
    assert len(_points(drawn.content.decode())) == 12
    page = selectors.indicator_page(partnership=world.partnership,
                                    indicator=indicators["LAC"])
    assert charts.indicator_svg(page) == drawn.content.decode()
    assert len(ctx.captured_queries) < 20
