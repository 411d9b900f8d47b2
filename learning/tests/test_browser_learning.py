"""Browser: the golden thread end to end, from an incident to an evidenced, signed-off action
and the thematic analysis moving; every page passes axe-core (WCAG 2.2 AA)."""

import datetime

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from conftest import assert_accessible, expect_error_page
from core.calendar import add_working_days
from core.models import Role
from core.tests.files import pdf_bytes
from learning.models import Action, Finding, Recommendation

pytestmark = pytest.mark.browser


def _closed_share(page, theme):
    page.goto("/p/alpha/learning/thematic-analysis/")
    assert_accessible(page)
    row = page.locator("#theme-summary tr", has=page.get_by_role("rowheader", name=theme))
    return row.locator("td").last.inner_text()


def test_from_incident_to_signed_off_evidence_and_the_theme_share_moving(world, page,
                                                                       browser_login):
    today = timezone.localdate()
    aware = add_working_days(today, -3).isoformat()
    browser_login(world.users[Role.BUSINESS_UNIT])

    # The business unit notifies the incident and completes the rapid review.
    page.goto("/p/alpha/reviews/incidents/")
    page.get_by_role("link", name="Notify a serious incident").click()
    assert_accessible(page)
    page.get_by_label("Pseudonym or reference").fill("Osprey")
    page.get_by_label("Date the local authority became aware").fill(aware)
    page.get_by_role("button", name="Save incident").click()
    page.get_by_role("link", name="Start the rapid review").click()
    page.get_by_label("Date the safeguarding partners became aware").fill(aware)
    page.get_by_label(world.people[Role.GROUP_MEMBER].name, exact=False).check()
    page.get_by_role("group", name="Will a local child safeguarding practice review be held?"
                     ).get_by_label("Yes").check()
    page.get_by_label("Date of the decision on a local review").fill(today.isoformat())
    page.get_by_label("Date completed and sent to the Panel").fill(today.isoformat())
    assert_accessible(page)
    page.get_by_role("button", name="Save rapid review").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Osprey"
    assert_accessible(page)

    # It decides on a local review, and records a finding, a recommendation and an action.
    page.get_by_role("link", name="Start the local practice review").click()
    page.get_by_label("Pseudonym").fill("Osprey")
    page.get_by_role("button", name="Save practice review").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Osprey"
    page.get_by_role("link", name="Findings, recommendations and actions of this review").click()
    assert_accessible(page)
    page.get_by_role("link", name="Add a finding").click()
    page.get_by_label("Finding").fill("The school's concerns about neglect were not shared.")
    page.get_by_label("Neglect", exact=True).check()
    assert_accessible(page)
    page.get_by_role("button", name="Add finding").click()
    page.get_by_role("link", name="Add a recommendation to finding 1").click()
    assert_accessible(page)
    page.get_by_label("Recommendation").fill("Schools share neglect concerns at strategy.")
    page.get_by_role("button", name="Add recommendation").click()
    expect(page.get_by_text("Not SMART")).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name="Add an action for recommendation 1.1").click()
    page.get_by_label("Action", exact=True).fill("Brief school safeguarding leads")
    page.get_by_label("Owner organisation").select_option(label="Alpha Academy")
    page.get_by_label("Due date").fill((today + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_role("link", name="Brief school safeguarding leads")).to_have_count(1)
    assert_accessible(page)
    action = Action.objects.get(title="Brief school safeguarding leads")
    assert Recommendation.objects.get().finding == Finding.objects.get()
    assert [t.name for t in action.themes.all()] == ["Neglect"]
    assert _closed_share(page, "Neglect") == "0%"

    # The agency lead adds evidence from their organisation's actions.
    page.context.clear_cookies()
    browser_login(world.users[Role.AGENCY_LEAD])
    page.goto("/p/alpha/learning/actions/mine/")
    assert_accessible(page)
    page.get_by_role("link", name="Add evidence to Brief school safeguarding leads").click()
    assert_accessible(page)
    # The lead attaches the wrong document first, and removes it again.
    page.get_by_label("What the evidence shows").fill("Minutes of the team meeting")
    page.get_by_label("Document").set_input_files(
        {"name": "wrong.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Minutes")})
    page.get_by_role("button", name="Add evidence").click()
    page.get_by_role("link", name="Remove evidence “Minutes of the team meeting” (wrong.pdf)"
                     ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Remove evidence from “Brief school safeguarding leads”")
    assert_accessible(page)
    page.get_by_role("button", name="Remove evidence").click()
    expect(page.get_by_text("Evidence removed: Minutes of the team meeting.")).to_have_count(1)
    expect(page.get_by_role("link", name="wrong.pdf")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Add evidence", exact=True).click()
    page.get_by_label("What the evidence shows").fill("Briefing slides and attendance list")
    page.get_by_label("Document").set_input_files(
        {"name": "briefing.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Slides")})
    page.get_by_label("This evidence shows the action is completed").check()
    page.get_by_role("button", name="Add evidence").click()
    expect(page.get_by_role("link", name="briefing.pdf", exact=True)).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name="See where this action sits on the learning thread").click()
    expect(page.get_by_text("Restricted: only the review panel").first).to_be_attached()
    assert_accessible(page)

    # The business unit signs it off, and the theme's share closed moves.
    page.context.clear_cookies()
    # Signing in again within the same 30 seconds reuses the security code, which django-otp
    # rightly refuses as a replay: forget the last code used, as a new time step would.
    TOTPDevice.objects.filter(user=world.users[Role.BUSINESS_UNIT]).update(last_t=-1)
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto(f"/p/alpha/learning/actions/{action.pk}/")
    page.get_by_role("link", name="Sign off or send back").click()
    assert_accessible(page)
    page.get_by_label("Sign off: the evidence shows it was done").check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("Action signed off.")).to_have_count(1)
    expect(page.get_by_role("link", name="Remove evidence", exact=False)).to_have_count(0)
    assert_accessible(page)
    assert _closed_share(page, "Neglect") == "100%"
    page.goto(f"/p/alpha/learning/thread/actions/{action.pk}/")
    expect(page.get_by_role("link", name="Osprey").first).to_be_attached()
    assert_accessible(page)
    assert not page.console_errors, page.console_errors


def test_a_challenge_event_from_questions_to_outcome_and_further_action(world, page,
                                                                       browser_login):
    from .factories import audit_thread

    audit_thread(world)
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto("/p/alpha/learning/challenge-events/")
    assert_accessible(page)
    page.get_by_role("link", name="Plan a challenge event").click()
    page.get_by_role("button", name="Save challenge event").click()
    expect_error_page(page)
    assert_accessible(page)
    page.get_by_label("Title").fill("Neglect audit challenge")
    page.get_by_label("Whose action plan is challenged").select_option(
        label="Multi-agency audit: neglect")
    page.get_by_label("Chair").select_option(label=world.people[Role.SCRUTINEER].name)
    page.get_by_role("button", name="Save challenge event").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Neglect audit challenge"
    assert_accessible(page)
    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Question").fill("How do you know the toolkit is used?")
    page.get_by_role("button", name="Add question").click()
    page.get_by_role("link", name="Change question 1").click()
    assert_accessible(page)
    page.get_by_label("Question").fill("")
    page.get_by_role("button", name="Save question").click()
    expect_error_page(page, "Enter the question")
    assert_accessible(page)
    page.get_by_label("Question").fill("How do you know the toolkit is used, and by whom?")
    page.get_by_role("button", name="Save question").click()
    page.get_by_role("link", name="Remove question 1").click()
    expect(page.get_by_text("How do you know the toolkit is used, and by whom?")).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Give your agency’s response").click()
    assert_accessible(page)
    page.get_by_label("Agency").select_option(label="Alpha Academy")
    page.get_by_label("Evidence that the actions were done and had impact").fill(
        "Audit of ten records")
    page.get_by_role("button", name="Save response").click()
    page.get_by_role("link", name="Change Alpha Academy’s response").click()
    expect(page.get_by_label("Evidence that the actions were done and had impact")).to_have_value(
        "Audit of ten records")
    assert_accessible(page)
    page.get_by_label("Evidence that the actions were done and had impact").fill(
        "Audit of twelve records")
    page.get_by_role("button", name="Save response").click()
    expect(page.get_by_text("Audit of twelve records")).to_have_count(1)
    page.get_by_role("link", name="Record the outcome").click()
    page.get_by_label("Date the event was held").fill(timezone.localdate().isoformat())
    page.get_by_label("Outcome").fill("Further work needed on escalation.")
    page.get_by_role("button", name="Save outcome").click()
    page.get_by_role("link", name="Add a further action").click()
    assert_accessible(page)
    page.get_by_label("Action", exact=True).fill("Refresh escalation training")
    page.get_by_label("Owner organisation").select_option(label="Alpha Police")
    page.get_by_label("Due date").fill(
        (timezone.localdate() + datetime.timedelta(days=40)).isoformat())
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_role("link", name="Refresh escalation training")).to_have_count(1)
    expect(page.get_by_text("Alpha Academy").first).to_be_attached()
    assert_accessible(page)
    page.goto("/p/alpha/learning/learning-plan/?source_kind=challenge_event")
    expect(page.get_by_role("link", name="Refresh escalation training")).to_have_count(1)
    assert_accessible(page)
    assert not page.console_errors, page.console_errors


def test_the_business_unit_commissions_and_reports_a_deep_dive(world, page, browser_login):
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto("/p/alpha/learning/deep-dives/")
    assert_accessible(page)
    page.get_by_role("link", name="Commission a deep dive or active learning set").click()
    page.get_by_label("Key line of enquiry deep dive").check()
    page.get_by_label("Title").fill("Children missing from home or care")
    page.get_by_label("Commissioned by").select_option(label="Alpha Executive")
    page.get_by_label("Alpha Police").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Children missing from home or care")
    assert_accessible(page)
    page.get_by_role("link", name="Change").click()
    page.get_by_label("Status").select_option(label="Reported")
    page.get_by_role("button", name="Save changes").click()
    expect_error_page(page)
    assert_accessible(page)
    page.get_by_label("Reported on").fill(timezone.localdate().isoformat())
    page.get_by_label("What it found").fill("Return home interviews were not shared.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Reported (")).to_have_count(1)
    page.get_by_role("link", name="See and add findings, recommendations and actions").click()
    assert_accessible(page)
    assert not page.console_errors, page.console_errors


def test_the_business_unit_records_a_learning_event_and_its_reach(world, page, browser_login):
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto("/p/alpha/learning/dissemination/")
    assert_accessible(page)
    page.get_by_role("link", name="Record a briefing, newsletter item or learning event").click()
    page.get_by_label("Learning event, forum or conference").check()
    page.get_by_label("Title").fill("Neglect learning event")
    page.get_by_label("Published or held on").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Save").click()
    expect_error_page(page)
    assert_accessible(page)
    page.get_by_label("People attending").fill("64")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#reach").get_by_text("64")).to_have_count(1)
    assert_accessible(page)


def test_an_improvement_plan_from_objective_to_milestone_evidence(world, page, browser_login):
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto("/p/alpha/learning/improvement-plans/")
    assert_accessible(page)
    page.get_by_role("link", name="Start an improvement plan").click()
    page.get_by_label("Title").fill("SEND improvement plan")
    page.get_by_role("button", name="Save plan").click()
    page.get_by_role("link", name="Add an objective").click()
    page.get_by_label("Objective").fill("80% of EHC plans within 20 weeks")
    page.get_by_role("button", name="Add objective").click()
    assert_accessible(page)
    page.get_by_role("link", name="Change objective 1").click()
    assert_accessible(page)
    page.get_by_label("Objective").fill("")
    page.get_by_role("button", name="Save objective").click()
    expect_error_page(page, "Enter the objective")
    assert_accessible(page)
    page.get_by_label("Objective").fill("85% of EHC plans within 20 weeks")
    page.get_by_role("button", name="Save objective").click()
    expect(page.get_by_role("heading", name="Objective 1: 85% of EHC plans within 20 weeks")
           ).to_have_count(1)
    page.get_by_role("link", name="Change the plan’s details").click()
    assert_accessible(page)
    page.get_by_label("Starts on").fill("2026-04-01")
    page.get_by_label("Ends on").fill("2025-04-01")
    page.get_by_role("button", name="Save changes").click()
    expect_error_page(page, "The plan cannot end before it starts.")
    assert_accessible(page)
    page.get_by_label("Ends on").fill("2027-03-31")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("From 1 April 2026 to 31 March 2027")).to_have_count(1)
    page.get_by_role("link", name="Add an action towards objective 1").click()
    page.get_by_label("Action", exact=True).fill("Report timeliness six-weekly")
    page.get_by_label("Owner organisation").select_option(label="Alpha Academy")
    page.get_by_label("Due date").fill(
        (timezone.localdate() + datetime.timedelta(days=40)).isoformat())
    page.get_by_label("Intended outcome").fill("Delays are seen and acted on")
    assert_accessible(page)
    page.get_by_role("button", name="Add action").click()
    page.get_by_role("link", name="Report timeliness six-weekly").click()
    page.get_by_role("link", name="Add a milestone").click()
    page.get_by_label("Milestone").fill("Baseline report")
    page.get_by_role("button", name="Add milestone").click()
    assert_accessible(page)
    page.get_by_role("link", name="Update Baseline report").click()
    page.get_by_label("Status", exact=True).select_option(label="Done")
    page.get_by_label("Status and evidence").fill("Report to the strategic group")
    page.get_by_role("button", name="Save status").click()
    expect(page.get_by_role("cell", name="Report to the strategic group")).to_have_count(1)
    assert_accessible(page)
    page.goto(f"/p/alpha/learning/improvement-plans/{world.partnership.improvement_plans.get().pk}/")
    assert_accessible(page)
    assert not page.console_errors, page.console_errors
