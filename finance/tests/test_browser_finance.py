"""Browser: the business unit records a year's budget, sees the totals, closes the year, and
the yearly report's finance section changes with it. Every page passes axe-core."""

import pytest
from playwright.sync_api import expect

from conftest import assert_accessible, expect_error_page
from core.models import Role
from reports.tests.helpers import make_report

pytestmark = pytest.mark.browser


def _add_line(page, kind, amount, label="", category=None, partner=None):
    page.get_by_role("link", name="Add a line").click()
    page.get_by_label("Kind of line").select_option(kind)
    if category:
        page.get_by_label("Category").select_option(category)
    if partner:
        page.get_by_label("Partner").select_option(label=partner)
    if label:
        page.locator("input[name=label]").fill(label)
    page.get_by_label("Amount (£)").fill(amount)
    page.get_by_role("button", name="Add the line").click()


def test_record_a_budget_see_the_totals_close_the_year_and_see_the_report_change(
        world, page, browser_login, live_server):
    report = make_report(world.partnership, 2023)
    next_report = make_report(world.partnership, 2024)
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto(f"/p/alpha/reports/{report.pk}/report/")
    expect(page.get_by_text("No finance record for 2023-24 is held in the hub.")).to_be_visible()

    page.goto("/p/alpha/finance/")
    assert_accessible(page)
    page.get_by_role("link", name="Start a year's budget").click()
    page.get_by_label("Financial year starting in").fill("2023")
    page.get_by_label("Reserves brought forward (£)").fill("1000")
    assert_accessible(page)
    page.get_by_role("button", name="Start the budget").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Budget 2023-24")
    assert_accessible(page)

    _add_line(page, "contribution", "-5", partner="Alphaton Council")
    expect_error_page(page, "positive number of pounds")
    assert_accessible(page)
    page.get_by_label("Amount (£)").fill("6000")
    page.get_by_role("button", name="Add the line").click()
    _add_line(page, "expenditure", "4500", label="Business manager")
    expect_error_page(page, "Choose the category of the spending")
    page.get_by_label("Category").select_option("staffing")
    page.get_by_role("button", name="Add the line").click()

    summary = page.get_by_role("table", name="Totals 2023-24 (pounds), computed from the lines")
    expect(summary.get_by_role("row", name="Total income")).to_contain_text("6,000")
    expect(summary.get_by_role("row", name="Total expenditure")).to_contain_text("4,500")
    expect(summary.get_by_role("row", name="Reserves carried forward")).to_contain_text("2,500")
    # The budget chart, with its text alternative giving the same figures as its table.
    expect(page.get_by_role("img", name="Bar chart of the partnership's income and spending "
                                         "in 2023-24")).to_have_count(1)
    expect(page.get_by_role("img", name="reserves carried forward £2,500")).to_have_count(1)
    history = page.get_by_role("table", name="Income, spending and reserves carried forward "
                                             "(pounds)")
    expect(history.get_by_role("row", name="2023-24")).to_contain_text("2,500")
    assert_accessible(page)

    page.get_by_role("link", name="Close the year").click()
    expect(page.get_by_text("Its reserve carried forward, £2,500")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Close the year").click()
    expect(page.get_by_text("The 2023-24 budget is closed; its reserve is carried into "
                            "2024-25.")).to_be_visible()
    expect(page.get_by_role("link", name="Add a line")).to_have_count(0)
    assert_accessible(page)

    page.goto(f"/p/alpha/reports/{report.pk}/report/")
    body = page.get_by_role("table", name="Budget 2023-24 (pounds)")
    expect(body.get_by_role("row", name="Contribution: Alphaton Council")).to_contain_text("6,000")
    expect(body.get_by_role("row", name="Expenditure: Staffing")).to_contain_text("4,500")
    expect(body.get_by_role("row", name="Reserves carried forward")).to_contain_text("2,500")
    page.goto(f"/p/alpha/reports/{next_report.pk}/report/")
    expect(page.get_by_role("table", name="Budget 2024-25 (pounds)").get_by_role(
        "row", name="Reserves brought forward")).to_contain_text("2,500")
    assert_accessible(page)


def test_the_other_budget_pages_pass_axe(world, page, browser_login, live_server):
    from core.services import system_actor
    from finance import services
    from finance.tests.factories import make_year

    record = make_year(world.partnership)
    closed = make_year(world.partnership, year_start=2021)
    services.year_close(actor=system_actor(), record=closed, expected_version=closed.version)
    browser_login(world.users[Role.BUSINESS_UNIT])
    for path in (f"/p/alpha/finance/{record.pk}/edit/", f"/p/alpha/finance/{record.pk}/import/",
                 f"/p/alpha/finance/{closed.pk}/reopen/", f"/p/alpha/finance/{closed.pk}/"):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    page.goto(f"/p/alpha/finance/{record.pk}/import/")
    page.get_by_role("button", name="Import the budget").click()
    expect_error_page(page, "Choose the budget file to upload")
    assert_accessible(page)
