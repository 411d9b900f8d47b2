"""Browser: a practice review from its rapid review to its milestones, briefing and learning
events; every page passes axe-core (WCAG 2.2 AA)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import assert_accessible, expect_error_page
from core.models import Role
from reviews.models import PracticeReview

from .factories import make_incident, make_rapid_review

pytestmark = pytest.mark.browser


def test_business_unit_runs_a_practice_review(world, page, browser_login):
    today = timezone.localdate()
    decided = today - datetime.timedelta(days=40)
    incident = make_incident(world.partnership, reference="Child K",
                             la_aware_on=decided - datetime.timedelta(days=14))
    make_rapid_review(incident, local_review=True, decided_on=decided,
                      panel=[world.people[Role.GROUP_MEMBER]])
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto(f"/p/alpha/reviews/incidents/{incident.pk}/")
    page.get_by_role("link", name="Start the local practice review").click()
    assert_accessible(page)
    page.get_by_label("Pseudonym").fill("Kingfisher")
    page.get_by_label("Publication summary").fill("Jane Smith, 01/02/2016, was harmed.")
    page.get_by_role("button", name="Save practice review").click()
    expect_error_page(page)
    assert_accessible(page)
    assert not PracticeReview.objects.exists()
    page.get_by_label("Publication summary").fill("A fictional summary of the learning.")
    page.get_by_role("button", name="Save practice review").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kingfisher"
    expect(page.get_by_text("Local practice review completed and published")).to_have_count(1)
    assert_accessible(page)

    page.get_by_role("link", name="Add a milestone").click()
    page.get_by_label("Milestone").fill("Practitioner event")
    page.get_by_label("Due date").fill((today - datetime.timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Add milestone").click()
    expect(page.get_by_role("cell", name="Overdue")).to_have_count(1)
    page.get_by_role("link", name="Add a learning event").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Learning briefing")
    page.get_by_label("Date").fill(today.isoformat())
    page.get_by_label("Number of attendees").fill("35")
    page.get_by_role("button", name="Add learning event").click()
    page.get_by_role("link", name="Add the briefing").click()
    assert_accessible(page)
    page.get_by_label("Or a link to it").fill("https://example.org/kingfisher-briefing")
    page.get_by_role("button", name="Save briefing").click()
    expect(page.get_by_role("link", name="Read the briefing")).to_have_count(1)
    assert_accessible(page)

    page.goto("/p/alpha/reviews/practice-reviews/")
    expect(page.get_by_role("link", name="Kingfisher")).to_have_count(1)
    assert_accessible(page)
    assert not page.console_errors, page.console_errors
