"""Browser journey (issue 12, item 5): the business unit opens a practitioner survey; a
respondent, not signed in, answers through the link, meets a clear message for a question
left out (nothing typed is lost), then sends; the results show the response."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from assurance.models import Return
from assurance.tests.helpers import tool
from assurance.tools import PRACTITIONER_SURVEY
from conftest import assert_accessible
from core.models import Role

pytestmark = pytest.mark.browser


def _rate(page, question, label):
    page.get_by_role("group", name=re.compile("^" + re.escape(question))).get_by_label(
        label, exact=True).check()


def test_open_a_survey_answer_through_the_link_see_the_results(world, page, browser_login):
    qs = tool(world, PRACTITIONER_SURVEY)
    base = f"/p/{world.partnership.slug}/assurance/"
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto(base)
    page.get_by_role("link", name="Surveys and self-assessments").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Open a survey").click()
    page.get_by_label("Title").fill("Practitioner survey 2026")
    page.get_by_label("Tool").select_option(str(qs.pk))
    today = datetime.date.today()
    page.get_by_label("Opens on").fill(today.isoformat())
    page.get_by_label("Closes on").fill((today + datetime.timedelta(days=14)).isoformat())
    page.get_by_label("Practitioners").check()
    page.get_by_label("Alpha Academy").check()
    assert_accessible(page)
    page.get_by_role("button", name="Open the cycle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practitioner survey 2026")
    assert_accessible(page)
    link = page.locator("#survey-link").get_attribute("href")
    assert link and "/respond/" in link

    page.context.clear_cookies()  # the respondent is not signed in
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(qs.title)
    assert_accessible(page)
    _rate(page, "I understand the multi-agency threshold", "4 – Agree")
    _rate(page, "Partnership training has changed", "3 – Neither agree nor disagree")
    _rate(page, "Learning from reviews and audits", "5 – Strongly agree")
    page.get_by_role("group", name=re.compile("^Does supervision help")).get_by_label(
        "Partly").check()
    page.get_by_label(re.compile("^What one thing would help")).fill(
        "More joint training with schools.")
    page.get_by_label(re.compile("Which organisation")).select_option(label="Alpha Academy")
    page.get_by_role("button", name="Send my answers").click()  # escalation left out
    expect(page.locator(".govuk-error-summary")).to_contain_text("Answer question ps-escalation")
    assert_accessible(page)
    # Nothing typed is lost.
    expect(page.get_by_label(re.compile("^What one thing would help"))).to_have_value(
        "More joint training with schools.")
    expect(page.get_by_role("group", name=re.compile("^I understand the multi-agency"))
           .get_by_label("4 – Agree", exact=True)).to_be_checked()
    assert not Return.objects.filter(cycle__title="Practitioner survey 2026").exists()
    page.get_by_role("group", name=re.compile("^Do you know how to use the escalation")
                     ).get_by_label("Yes").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    assert_accessible(page)
    ret = Return.objects.get(cycle__title="Practitioner survey 2026")
    assert ret.respondent == "individual" and ret.submitted_by is None

    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto(f"{base}surveys/{ret.cycle_id}/results/")
    expect(page.locator("#results-count")).to_contain_text("1 response.")
    row = page.get_by_role("row", name=re.compile("^ps-thresholds\\."))
    expect(row.get_by_role("cell").nth(1)).to_have_text("1")
    expect(page.get_by_role("img", name=re.compile("Bar chart of the average rating"))) \
        .to_be_visible()
    assert_accessible(page)


def test_the_tool_editor_is_used_from_the_keyboard(world, page, browser_login):
    qs = tool(world, PRACTITIONER_SURVEY)
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto(f"/p/{world.partnership.slug}/assurance/tools/{qs.pk}/")
    assert_accessible(page)
    button = page.get_by_role("button", name="Move down question ps-thresholds")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Question ps-thresholds is moved down")
    assert_accessible(page)
    codes = list(qs.sections.get(order=1).questions.order_by("order")
                 .values_list("code", flat=True))
    assert codes[:2] == ["ps-training", "ps-thresholds"]
