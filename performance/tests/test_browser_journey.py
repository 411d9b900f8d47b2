"""Browser journey (issue 4): a return with a mistake is refused, the fixed return changes the
scorecard, the red figure is proposed as an exception and goes onto the Engine Room agenda."""

import re

import pytest
from playwright.sync_api import expect

from conftest import assert_accessible
from core.models import Role
from core.services import system_actor
from governance.models import AgendaItem
from performance import services
from performance.models import IndicatorValue, Target

from .conftest import row
from .test_services import _engine_room

pytestmark = pytest.mark.browser

QUARTERS = [f"{y}-{(y + 1) % 100:02d} Q{q}" for y in (2021, 2022) for q in (1, 2, 3, 4)]


def test_upload_fix_scorecard_exception_agenda(world, indicators, page, browser_login, tmp_path):
    meeting = _engine_room(world)
    Target.objects.create(partnership=world.partnership, indicator=indicators["RE_REFERRALS_PCT"],
                          value=20, tolerance=3)
    # Two years of quarters on target; the newest quarter is still to come.
    services.data_return_submit(actor=system_actor(), rows=[
        row("RE_REFERRALS_PCT", str(18 + i % 3), p) for i, p in enumerate(QUARTERS[:-1])
    ], method="form", partnership=world.partnership)
    newest = QUARTERS[-1]
    browser_login(world.users[Role.BUSINESS_UNIT])
    base = f"/p/{world.partnership.slug}/performance/"

    page.goto(f"{base}?area=E06009991&period={QUARTERS[-2]}")
    expect(page.get_by_role("cell", name="Green")).to_have_count(1)
    assert_accessible(page)

    # A return with a bad row: nothing is saved and the row and reason are named.
    upload = tmp_path / "return.csv"
    upload.write_text("indicator_code,area_code,period,value\n"
                      f"RE_REFERRALS_PCT,E06009991,{newest},thirty\n")
    page.goto(base + "returns/upload/")
    page.get_by_label("Data return file").set_input_files(str(upload))
    page.get_by_role("button", name="Upload data return").click()
    expect(page).to_have_title(re.compile("^Error:"))
    problem = page.get_by_role("row").filter(has_text="The value must be a number")
    assert problem.get_by_role("cell").first.inner_text() == "1"
    assert not IndicatorValue.objects.filter(period=newest).exists()
    assert_accessible(page)

    # Fixed: 30% is ten points over a target of 20 with a tolerance of 3. The page reports
    # the upload's progress (sent, then being checked) before showing the outcome.
    upload.write_text("indicator_code,area_code,period,value\n"
                      f"RE_REFERRALS_PCT,E06009991,{newest},30\n")
    page.get_by_label("Data return file").set_input_files(str(upload))
    page.evaluate("""() => { window.uploadSteps = [];
        document.addEventListener("hub:upload-progress", e => uploadSteps.push(e.detail)); }""")
    page.get_by_role("button", name="Upload data return").click()
    page.wait_for_url("**/returns/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Data returns"))
    steps = page.evaluate("() => window.uploadSteps")
    assert steps[0]["text"] == "Sending the file." and steps[-1]["percent"] == 100
    assert "Checking every row" in steps[-1]["text"]
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 rows processed")
    assert_accessible(page)

    page.goto(f"{base}?area=E06009991&period={newest}")
    card = page.locator("table", has_text="Re-referrals")
    expect(card.get_by_role("cell", name="Red")).to_have_count(1)
    expect(card.get_by_text("percentage points").first).to_be_attached()
    assert_accessible(page)

    page.goto(base + "exceptions/")
    proposal = page.get_by_role("row", name="Re-referrals")
    expect(proposal.get_by_text("Red")).to_have_count(1)
    proposal.get_by_role("button", name="Add to Engine Room agenda").click()
    expect(page.locator(".govuk-notification-banner").get_by_text(
        "Added to the agenda of")).to_have_count(1)
    assert_accessible(page)
    item = AgendaItem.objects.get(meeting=meeting)
    assert "Re-referrals" in item.title

    page.goto(f"/p/{world.partnership.slug}/governance/meetings/{meeting.pk}/")
    expect(page.get_by_text(item.title).first).to_be_attached()
    assert_accessible(page)
    assert not page.console_errors, page.console_errors
