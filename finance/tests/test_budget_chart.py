"""The budget chart on the finance year page and in the yearly report's finance section:
income beside spending and the reserves over the years, with a text alternative giving
the same figures and the table."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from core.models import Role
from finance import charts, selectors
from finance.models import FinanceLine, FinanceYear

pytestmark = pytest.mark.django_db


def _year(partnership, year_start, income, spent, brought=None):
    record = FinanceYear.objects.create(partnership=partnership, year_start=year_start,
                                        brought_forward=brought)
    FinanceLine.objects.create(finance_year=record, kind="contribution", label="Council",
                               amount=Decimal(income))
    FinanceLine.objects.create(finance_year=record, kind="expenditure", category="staffing",
                               label="Staff", amount=Decimal(spent))
    return record


def _years(world):
    _year(world.partnership, 2021, 100_000, 90_000, brought=Decimal(5_000))
    _year(world.partnership, 2022, 110_000, 120_000, brought=Decimal(15_000))
    return _year(world.partnership, 2023, 120_000, 100_000, brought=Decimal(5_000))


def test_the_history_runs_oldest_first_up_to_the_year_and_computes_each(world):
    _years(world)
    _year(world.other, 2022, 1, 1)
    history = selectors.history(world.partnership, 2022)
    assert [(f.label, f.income, f.expenditure, f.carried_forward) for f in history] == [
        ("2021-22", 100_000, 90_000, 15_000), ("2022-23", 110_000, 120_000, 5_000)]


def test_the_text_alternative_gives_every_figure(world):
    _years(world)
    text = charts.describe(selectors.history(world.partnership, 2023))
    assert text.startswith("Bar chart of the partnership's income and spending for each "
                           "financial year from 2021-22 to 2023-24")
    assert ("2022-23: income £110,000, spending £120,000, reserves carried forward £5,000"
            in text)
    assert "2023-24: income £120,000, spending £100,000, reserves carried forward £25,000" in (
        text)


def test_a_year_with_no_figures_draws_no_chart(world):
    record = FinanceYear.objects.create(partnership=world.partnership, year_start=2023)
    assert charts.budget_chart(selectors.history(world.partnership, record.year_start)) is None


def test_the_year_page_shows_the_chart_with_its_text_and_table(world, login):
    record = _years(world)
    page = login(world.users[Role.BUSINESS_UNIT]).get(
        reverse("finance:year_detail", args=[world.partnership.slug, record.pk]))
    html = page.content.decode()
    chart = page.context["chart"]
    assert chart["src"].startswith("data:image/svg+xml;base64,")
    assert f'alt="{chart["alt"]}"' in html.replace("&#x27;", "'")
    assert "Income, spending and reserves carried forward, 2021-22 to 2023-24" in html


def test_the_year_page_runs_the_same_queries_with_more_years(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    record = _year(world.partnership, 2023, 10, 5, brought=Decimal(1))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("finance:year_detail",
                                      args=[world.partnership.slug, record.pk])
                              ).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for year in range(2018, 2023):
        _year(world.partnership, year, 10, 5)
    assert count() == few


def test_the_yearly_reports_finance_section_has_the_chart_and_table(world):
    from reports import render
    from reports import selectors as report_selectors
    from reports.tests.helpers import make_report

    _years(world)
    a = report_selectors.assemble(make_report(world.partnership, 2023))
    chart = next(c for c in a.charts if c.key == "finance")
    assert chart.alt == charts.describe(a.finance_history)
    html = render.body_html(a)
    assert "Income, spending and reserves carried forward, 2021-22 to 2023-24" in html
    doc = Document(io.BytesIO(render.render_docx(a)))
    assert chart.alt in [s._inline.docPr.get("descr") for s in doc.inline_shapes]
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "2022-23" in cells and "120,000" in cells
