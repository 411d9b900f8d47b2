"""Browser journey (issue 12): the business unit opens a Section 11 cycle; the school's lead
answers, meets a clear message for a rating left out, and submits with evidence; the
business unit moderates and raises a challenge; the summary shows the rating."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from assurance.models import Return
from assurance.tests.helpers import tool
from conftest import assert_accessible
from core.models import Role
from core.tests.files import pdf_bytes

pytestmark = pytest.mark.browser


def test_open_answer_submit_moderate_challenge_summary(world, page, browser_login, tmp_path):
    qs = tool(world)
    base = f"/p/{world.partnership.slug}/assurance/"
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto(base)
    assert_accessible(page)
    page.get_by_role("link", name="Open a section 11 self-assessment cycle").click()
    page.get_by_label("Title").fill("Section 11 2025-26")
    page.get_by_label("Tool").select_option(str(qs.pk))
    today = datetime.date.today()
    page.get_by_label("Opens on").fill(today.isoformat())
    page.get_by_label("Returns due by").fill((today + datetime.timedelta(days=30)).isoformat())
    page.get_by_label("Alpha Academy").check()
    page.get_by_label("Alpha Police").check()
    assert_accessible(page)
    page.get_by_role("button", name="Open the cycle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Section 11 2025-26")
    assert_accessible(page)
    ret = Return.objects.get(cycle__title="Section 11 2025-26",
                             organisation=world.orgs["school"])

    page.context.clear_cookies()
    browser_login(world.users[Role.AGENCY_LEAD])
    page.goto(base)
    page.get_by_role("link", name=re.compile("Alpha Academy: Section 11 2025-26")).click()
    page.get_by_role("link", name="Answer the questions").click()
    assert_accessible(page)
    for n in range(1, 9):
        if n != 8:
            page.get_by_role("group", name=re.compile(f"^s11-{n}\\.")).get_by_label(
                "3 – Met", exact=True).check()
        page.get_by_label(f"s11-{n}-evidence. Evidence that standard {n} is met").fill(
            f"Audit of standard {n} done this year.")
    evidence = tmp_path / "policy.pdf"
    evidence.write_bytes(pdf_bytes("Safeguarding policy"))
    page.get_by_label("s11-1-file. Supporting document for standard 1").set_input_files(
        str(evidence))
    page.get_by_role("button", name="Submit the return").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Answer question s11-8 before you submit")
    assert_accessible(page)
    # Nothing typed is lost: the draft is kept and the form still shows the answers.
    expect(page.get_by_label("s11-2-evidence. Evidence that standard 2 is met")).to_have_value(
        "Audit of standard 2 done this year.")
    page.get_by_role("group", name=re.compile("^s11-8\\.")).get_by_label(
        "4 – Met and embedded").check()
    page.get_by_role("button", name="Submit the return").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your return is submitted")
    expect(page.get_by_role("link", name="policy.pdf")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto(f"{base}returns/{ret.pk}/")
    page.get_by_role("link", name="Moderate").click()
    page.get_by_label("Accept the return as moderated").check()
    page.get_by_label("Moderation note").fill("Evidence seen for every standard.")
    page.get_by_role("button", name="Save the moderation").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("moderated")
    page.get_by_role("link", name="Raise a challenge").click()
    page.get_by_label("Questions for the organisation, sent in advance").fill(
        "How do staff use the escalation procedure?")
    page.get_by_role("button", name="Send the questions").click()
    expect(page.get_by_text("How do staff use the escalation procedure?")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{base}cycles/{ret.cycle_id}/summary/")
    row = page.get_by_role("row", name=re.compile("^s11-8\\."))
    expect(row.get_by_role("cell").nth(2)).to_have_text("4.0")
    expect(page.get_by_role("img", name=re.compile("Bar chart of the average rating"))) \
        .to_be_visible()
    assert_accessible(page)
