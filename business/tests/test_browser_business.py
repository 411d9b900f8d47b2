"""Browser: the business unit keeps the national agenda, scrutiny, communication and voice of
the child; the scrutineer writes and approves the statement. Every page passes axe-core."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from business.models import CommunicationItem, NationalItem, ScrutinyStatement, VoiceItem
from business.selectors import year_label, year_start_of
from conftest import assert_accessible, expect_error_page
from core.models import Role

from .factories import appointment, scrutiny_activity

pytestmark = pytest.mark.browser
BASE = "/p/alpha/business"


def test_the_business_unit_keeps_the_partnerships_business(world, page, browser_login,
                                                           tmp_path):
    today = timezone.localdate()
    scrutiny_activity(world), appointment(world)
    browser_login(world.users[Role.BUSINESS_UNIT])

    # National agenda: a letter whose response is late is flagged.
    page.goto(f"{BASE}/national/")
    assert_accessible(page)
    page.get_by_role("link", name="Log a letter, review or guidance").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect_error_page(page, "Enter the title")
    assert_accessible(page)
    page.get_by_label("What it is").select_option(label="Letter")
    page.get_by_label("From", exact=True).select_option(
        label="Child Safeguarding Practice Review Panel")
    page.get_by_label("Title").fill("Panel letter on a rapid review")
    page.get_by_label("Issued on").fill((today - datetime.timedelta(days=30)).isoformat())
    page.get_by_label("A date the letter itself sets").check()
    page.get_by_label("Response date set in the letter").fill(
        (today - datetime.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Panel letter on a rapid review")
    expect(page.get_by_text("is overdue")).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name="Change").click()
    assert_accessible(page)
    page.goto(f"{BASE}/national/")
    expect(page.get_by_text("1 response overdue.")).to_have_count(1)
    assert NationalItem.objects.count() == 1

    # Independent scrutiny: the activity, its learning page, appointments, statements.
    page.goto(f"{BASE}/scrutiny/")
    assert_accessible(page)
    page.get_by_role("link", name="Observation of exploitation meetings").click()
    assert_accessible(page)
    page.get_by_role("link", name="Change").click()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="See and add findings, recommendations and actions").click()
    assert_accessible(page)
    page.goto(f"{BASE}/scrutiny/new/")
    assert_accessible(page)
    page.goto(f"{BASE}/scrutiny/appointments/")
    assert_accessible(page)
    page.get_by_role("link", name="Record an appointment").click()
    assert_accessible(page)
    page.goto(f"{BASE}/scrutiny/appointments/")
    page.get_by_role("link", name="Change", exact=False).first.click()
    assert_accessible(page)
    page.goto(f"{BASE}/scrutiny/statements/")
    assert_accessible(page)

    # Communication: an import with a bad row saves nothing; a good one fills the totals.
    page.goto(f"{BASE}/communication/")
    assert_accessible(page)
    page.get_by_role("link", name="Import from CSV or Excel").click()
    assert_accessible(page)
    bad = tmp_path / "comms.csv"
    bad.write_text("kind,title,date,audience,reach,measure\n"
                   "bulletin,May bulletin,2021-05-31,partners,300,sent_to\n"
                   "leaflet,Bad,2021-05-31,partners,,\n")
    page.get_by_label("Communication file").set_input_files(str(bad))
    page.get_by_role("button", name="Import communication").click()
    expect_error_page(page)
    expect(page.get_by_text("“leaflet” is not a kind")).to_have_count(1)
    assert_accessible(page)
    assert not CommunicationItem.objects.exists()
    good = tmp_path / "good.csv"
    good.write_text("kind,title,date,audience,reach,measure\n"
                    "bulletin,May bulletin,2021-05-31,partners,300,sent_to\n")
    page.get_by_label("Communication file").set_input_files(str(good))
    page.get_by_role("button", name="Import communication").click()
    expect(page.get_by_text("2021-22: 1 item")).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name="Add communication").click()
    assert_accessible(page)
    page.goto(f"{BASE}/communication/")
    page.get_by_role("link", name="Change May bulletin").click()
    assert_accessible(page)

    # Voice of the child: recorded without consent, it stays inside the partnership.
    page.goto(f"{BASE}/voice/")
    assert_accessible(page)
    page.get_by_role("link", name="Record what was said").click()
    assert_accessible(page)
    page.get_by_label("Heard on").fill((today - datetime.timedelta(days=3)).isoformat())
    page.get_by_label("Where it was heard").select_option(label="Youth council")
    page.get_by_label("Whose voice").select_option(label="Young people")
    page.get_by_label("Age band").select_option(label="16 to 17")
    page.get_by_label("What they said").fill("We want to know who to call at night.")
    page.get_by_label("What changed because of it").fill("The out-of-hours number on cards.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-tag", has_text="Inside only")).to_have_count(1)
    assert_accessible(page)
    assert VoiceItem.objects.get().consent is False
    page.get_by_role("link", name="Change", exact=False).first.click()
    assert_accessible(page)


def test_the_scrutineer_writes_and_approves_the_years_statement(world, page, browser_login):
    year = year_start_of(timezone.localdate()) - 1
    browser_login(world.users[Role.SCRUTINEER])
    page.goto(f"{BASE}/scrutiny/statements/")
    assert_accessible(page)
    page.get_by_role("link", name=f"Write or change the statement for {year_label(year)}"
                     ).click()
    assert_accessible(page)
    page.get_by_label("Statement").fill("The fictional yearly report is a fair account.")
    page.get_by_role("button", name="Save the statement").click()
    expect(page.get_by_text("Not approved")).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name=f"Approve the statement for {year_label(year)}").click()
    assert_accessible(page)
    page.get_by_role("button", name="Approve the statement").click()
    expect(page.get_by_text("Approved: the yearly report prints this statement.")
           ).to_have_count(1)
    assert ScrutinyStatement.objects.get().is_approved
