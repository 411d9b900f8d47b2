"""Browser: the performance pages pass axe-core (WCAG 2.2 AA) under the strict CSP."""

import re

import pytest
from playwright.sync_api import expect

from conftest import assert_accessible
from core.models import Role
from core.services import system_actor
from performance import services
from performance.models import Target

from .conftest import row
from .test_services import _engine_room

pytestmark = pytest.mark.browser


def test_performance_pages_are_accessible(world, indicators, page, browser_login, tmp_path):
    _engine_room(world)
    Target.objects.create(partnership=world.partnership, indicator=indicators["RE_REFERRALS_PCT"],
                          value=20, tolerance=3)
    quarters = [f"{y}-{(y + 1) % 100:02d} Q{q}" for y in (2021, 2022, 2023) for q in (1, 2, 3, 4)]
    services.data_return_submit(actor=system_actor(), rows=[
        row("RE_REFERRALS_PCT", str(10 + i % 3), p) for i, p in enumerate(quarters[:-1])
    ] + [row("RE_REFERRALS_PCT", "30", quarters[-1])] + [
        row("CP_PLANS", 200 + i, p) for i, p in enumerate(quarters)], method="form",
        partnership=world.partnership, synthetic=True)
    browser_login(world.users[Role.BUSINESS_UNIT])
    base = f"/p/{world.partnership.slug}/performance/"
    for path in ["", "indicators/", "indicators/CP_PLANS/", "indicators/new/",
                 "indicators/import/", "indicators/RE_REFERRALS_PCT/target/", "returns/",
                 "returns/value/", "exceptions/"]:
        page.goto(base + path)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_accessible(page)

    bad = tmp_path / "return.csv"
    bad.write_text("indicator_code,area_code,period,value\nCP_PLANS,E06009991,2024-25 Q1,ten\n")
    page.goto(base + "returns/upload/")
    page.get_by_label("Data return file").set_input_files(str(bad))
    page.get_by_role("button", name="Upload data return").click()
    expect(page).to_have_title(re.compile("^Error:"))
    expect(page.get_by_text("The value must be a number")).to_have_count(1)
    assert_accessible(page)

    warn = tmp_path / "warn.csv"
    warn.write_text("indicator_code,area_code,period,value\nCP_PLANS,E06009991,2024-25 Q1,200\n"
                    "CP_RATE,E06009991,2024-25 Q1,91.4\n")
    page.get_by_label("Data return file").set_input_files(str(warn))
    page.get_by_role("button", name="Upload data return").click()
    page.wait_for_url("**/confirm/")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm and save").click()
    page.wait_for_url("**/returns/")

    page.goto(base + "exceptions/")
    page.get_by_role("button", name="Add to Engine Room agenda").first.click()
    banner = page.locator(".govuk-notification-banner")
    expect(banner.get_by_text("Added to the agenda of")).to_have_count(1)
    expect(page.get_by_text("Already on the agenda")).to_have_count(1)
    assert_accessible(page)
    assert not page.console_errors, page.console_errors
