"""Browser journey (issue 12 item 4): the business unit imports the school register (a bad
file first, named by row), opens a Section 175/157 cycle asking every school, sees the
response by council area and reminds the schools that have not responded."""

import datetime

import pytest
from django.core import mail
from playwright.sync_api import expect

from assurance.models import Return
from assurance.tests.helpers import SECTION_175, submit, tool
from conftest import assert_accessible
from core.models import Role

pytestmark = pytest.mark.browser

HEADER = "urn,name,phase,area,dsl_email\n"


def test_import_register_open_cycle_response_and_reminders(world, page, browser_login,
                                                           tmp_path):
    qs = tool(world, SECTION_175)
    base = f"/p/{world.partnership.slug}/assurance/"
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto(base)
    page.get_by_role("link", name="School register (Section 175/157)").click()
    assert_accessible(page)
    page.get_by_role("link", name="Import or update the register").click()
    assert_accessible(page)
    bad = tmp_path / "register.csv"
    bad.write_text(HEADER + "900401,Alpha Academy,secondary,Alphaton,dsl@alpha.sch.uk\n"
                   "900402,Dune Primary (test),primary,Atlantis,dsl@dune.sch.uk\n")
    page.get_by_label("School register file").set_input_files(str(bad))
    page.get_by_role("button", name="Import the register").click()
    expect(page.locator("body")).to_contain_text("Nothing was saved")
    expect(page.locator("body")).to_contain_text("Atlantis")
    assert_accessible(page)
    good = tmp_path / "register-fixed.csv"
    good.write_text(HEADER + "900401,Alpha Academy,secondary,Alphaton,dsl@alpha.sch.uk\n"
                    "900402,Dune Primary (test),primary,Alphaton,dsl@dune.sch.uk\n")
    page.get_by_label("School register file").set_input_files(str(good))
    page.get_by_role("button", name="Import the register").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("2 schools added")
    expect(page.get_by_role("cell", name="Dune Primary (test)")).to_be_visible()
    assert_accessible(page)

    page.goto(base)
    page.get_by_role("link", name="Open a section 175/157 schools audit cycle").click()
    page.get_by_label("Title").fill("Schools audit 2025-26")
    page.get_by_label("Tool").select_option(str(qs.pk))
    today = datetime.date.today()
    page.get_by_label("Opens on").fill(today.isoformat())
    page.get_by_label("Returns due by").fill((today + datetime.timedelta(days=30)).isoformat())
    assert_accessible(page)
    page.get_by_role("button", name="Open the cycle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schools audit 2025-26")
    submit(Return.objects.select_related("cycle").get(cycle__title="Schools audit 2025-26",
                                                       organisation__name="Dune Primary (test)"))
    page.get_by_role("link", name="Schools: response by area, follow-up and reminders").click()
    expect(page.locator("body")).to_contain_text("1 of 2 schools and colleges have responded")
    expect(page.get_by_role("img")).to_have_attribute("alt", "Bar chart of the share of "
                                                      "schools and colleges that responded to "
                                                      "Schools audit 2025-26, by council area: "
                                                      "Alphaton 50.0%; All areas 50.0%. The "
                                                      "table below gives the same figures.")
    assert_accessible(page)
    page.get_by_role("button", name="Send reminders to schools that have not responded").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Reminders sent to 1 school.")
    assert_accessible(page)
    assert [m.to[0] for m in mail.outbox] == ["dsl@alpha.sch.uk"]
