"""Browser: the business unit builds a report (text, activity, finance), a delegate approves,
the report page and the public site pass axe-core (WCAG 2.2 AA)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import assert_accessible, expect_error_page
from core.models import Role
from core.services import system_actor
from reports import services
from reports.models import NarrativeBlock
from reports.tests.helpers import make_report

pytestmark = pytest.mark.browser


def test_business_unit_builds_the_report_and_the_public_reads_it(world, page, browser_login,
                                                                 live_server):
    report = make_report(world.partnership, 2023)
    services.finance_save(actor=system_actor(), partnership=world.partnership, year_start=2023,
                          line={"kind": "contribution", "label": "Council", "amount": 1000})
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto(f"/p/alpha/reports/{report.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Yearly report 2023-24"
    assert_accessible(page)
    page.get_by_role("link", name="Add the scrutineer's statement").click()
    assert_accessible(page)
    page.get_by_label("Text").fill("")
    page.get_by_role("button", name="Save the text").click()
    expect(page).to_have_title(re.compile("^Error:"))  # waits for the page to arrive
    assert_accessible(page)
    page.get_by_label("Text").fill("Fictional conclusion: the arrangements work.")
    page.get_by_role("button", name="Save the text").click()
    expect(page.get_by_text("A partner delegate needs to approve this version")).to_be_visible()
    page.get_by_role("link", name="Add activity", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Date").fill("2023-10-05")
    page.get_by_label("Kind of activity").select_option("training")
    page.get_by_label("What happened").fill("Fictional neglect training")
    page.get_by_label("Safeguarding impact").fill("Practitioners use the neglect toolkit.")
    page.get_by_label("Attendees").fill("-1")
    page.get_by_role("button", name="Add to the report").click()
    expect_error_page(page, "Enter a whole number of attendees, 0 or more")
    assert_accessible(page)
    page.get_by_label("Attendees").fill("25")
    page.get_by_label("Facilitators").fill("2")
    page.get_by_role("button", name="Add to the report").click()
    expect(page.get_by_text("is added to October 2023")).to_be_visible()
    page.get_by_role("link", name="Change Fictional neglect training").click()
    assert_accessible(page)
    page.get_by_label("What happened").fill("")
    page.get_by_role("button", name="Save the activity").click()
    expect_error_page(page, "Enter what happened")
    assert_accessible(page)
    page.get_by_label("What happened").fill("Fictional neglect training day")
    page.get_by_role("button", name="Save the activity").click()
    expect(page.get_by_text("“Fictional neglect training day” is saved.")).to_be_visible()
    page.get_by_role("link", name="Remove Fictional neglect training day").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Remove “Fictional neglect training day” from the report?")
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Change the report deadline rules").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deadline rules")
    assert_accessible(page)
    page.get_by_role("link", name="Change Yearly report published").click()
    page.get_by_label("How many").fill("0")
    page.get_by_role("button", name="Save rule").click()
    expect_error_page(page, "Enter a number of days or months above 0")
    assert_accessible(page)
    page.goto(f"/p/alpha/reports/{report.pk}/report/")
    expect(page.get_by_role("heading", name="October 2023", exact=True)).to_have_count(1)
    expect(page.get_by_text("Attendees: 25; facilitators: 2; 27 people in all.")).to_have_count(2)
    expect(page.locator("img[alt^='Bar chart of']").first).to_be_attached()
    assert_accessible(page)
    page.goto(f"/p/alpha/reports/{report.pk}/finance/")
    assert_accessible(page)
    page.get_by_label("Kind of line").select_option("in_kind")
    page.get_by_role("button", name="Save", exact=True).click()
    expect_error_page(page, "Say what was given, or choose the partner who gave it")
    assert_accessible(page)
    page.locator("input[name=label]").fill("Meeting rooms")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("In-kind contribution: Meeting rooms")).to_be_visible()
    expect(page.get_by_text("Not recorded yet: spending, reserves brought forward.")
           ).to_be_visible()
    assert_accessible(page)
    assert NarrativeBlock.objects.get(kind="scrutiny").has_text

    report.signed_off_on = timezone.localdate() - datetime.timedelta(days=2)
    report.signed_off_by = "The lead safeguarding partners"
    report.save()
    page.goto(f"/p/alpha/reports/{report.pk}/")
    page.get_by_role("link", name="Publish the report", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish the 2023-24 report")
    assert_accessible(page)
    page.get_by_role("button", name="Publish the report").click()
    expect(page.get_by_text("Version 1 is published.")).to_be_visible()
    expect(page.locator("[data-publication='1']")).to_be_visible()
    assert_accessible(page)
    context = page.context.browser.new_context(base_url=live_server.url)
    public = context.new_page()
    public.goto("/public/alpha/")
    assert_accessible(public)
    public.get_by_role("link", name="Yearly reports").first.click()
    expect(public.get_by_role("heading", level=1)).to_have_text("Yearly reports")
    assert_accessible(public)
    public.get_by_role("link", name="Yearly report 2023-24").click()
    expect(public.get_by_role("heading", name="The year in figures")).to_be_visible()
    assert_accessible(public)
    for path in ("/public/alpha/reviews/", "/public/alpha/procedures/"):
        public.goto(path)
        assert_accessible(public)
    context.close()


def test_a_delegate_approves_the_text(world, page, browser_login):
    report = make_report(world.partnership, 2023)
    services.block_save(actor=system_actor(), report=report, kind="foreword",
                        data={"body": "Fictional foreword."}, expected_version=0)
    browser_login(world.users[Role.PARTNER_DELEGATE])
    page.goto(f"/p/alpha/reports/{report.pk}/")
    page.get_by_role("button", name="Approve foreword").click()
    expect(page.get_by_text("Foreword is approved.")).to_be_visible()
    assert_accessible(page)
