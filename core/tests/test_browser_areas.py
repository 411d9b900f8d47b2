"""Browser: the business unit keeps areas and child populations (issue 9, items 5 and 6);
every new page passes axe-core, with and without errors."""

import pytest
from playwright.sync_api import expect

from conftest import assert_accessible, expect_error_page
from core.models import Area, AreaPopulation, Role

pytestmark = pytest.mark.browser


def test_the_business_unit_adds_an_area_and_keeps_its_populations(world, page, browser_login,
                                                                    tmp_path):
    browser_login(world.users[Role.BUSINESS_UNIT])
    base = f"/p/{world.partnership.slug}/"
    page.goto(base + "areas/")
    assert_accessible(page)

    page.get_by_role("link", name="Add an area").click()
    expect(page.get_by_role("heading", name="Add an area")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name").fill("Alpha police area")
    page.get_by_label("Code").fill("E23009991")
    page.get_by_label("Kind").select_option("police_force")
    page.get_by_role("button", name="Add area").click()
    expect(page.get_by_text("Alpha police area added.")).to_be_visible()
    assert Area.objects.get(ons_code="E23009991").kind == "police_force"

    page.get_by_role("link", name="Change Alpha police area").click()
    expect(page.get_by_role("heading", name="Change an area")).to_be_visible()
    assert_accessible(page)

    page.goto(base + "areas/populations/")
    expect(page.get_by_role("heading", name="Child populations")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add a child population").click()
    assert_accessible(page)
    page.get_by_label("Area").select_option(label="Alphaton")
    page.get_by_label("Year of the mid-year estimate").fill("2021")
    page.get_by_label("Children aged 0 to 17").fill("0")
    page.get_by_role("button", name="Add population").click()
    expect_error_page(page, "The number of children must be more than 0.")
    assert_accessible(page)
    assert not AreaPopulation.objects.filter(year=2021).exists()
    page.get_by_label("Children aged 0 to 17").fill("39000")
    page.get_by_role("button", name="Add population").click()
    expect(page.get_by_text("Alphaton, 2021: 39,000 children saved.")).to_be_visible()

    page.get_by_role("link", name="Correct Alphaton 2021").click()
    expect(page.get_by_role("heading", name="Correct a child population")).to_be_visible()
    assert_accessible(page)

    page.goto(base + "performance/populations/import/")
    expect(page.get_by_role("heading", name="Import child populations")).to_be_visible()
    assert_accessible(page)
    bad = tmp_path / "estimates.csv"
    bad.write_text("area_code,year,children\nE06009991,2022,39500\nE06009991,2020,-3\n")
    page.get_by_label("File of mid-year estimates").set_input_files(str(bad))
    page.get_by_role("button", name="Import populations").click()
    expect_error_page(page, "Nothing was saved: 2 rows processed, 1 with problems")
    assert_accessible(page)
    assert not AreaPopulation.objects.filter(year__in=[2020, 2022]).exists()
    assert not page.console_errors, page.console_errors
