"""Browser: the review pathway pages work end to end and pass axe-core (WCAG 2.2 AA)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import assert_accessible, expect_error_page
from core.calendar import add_working_days
from core.models import Role
from reviews.models import RapidReview, SeriousIncident

from .factories import make_incident, panel_incident

pytestmark = pytest.mark.browser


def test_business_unit_notifies_an_incident_and_starts_its_rapid_review(world, page,
                                                                         browser_login):
    panel_incident(world)
    make_incident(world.partnership, reference="Child O",
                  la_aware_on=add_working_days(timezone.localdate(), -9))
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto("/p/alpha/")
    expect(page.get_by_role("heading", name="Statutory deadlines needing attention")).to_have_count(1)
    expect(page.get_by_role("cell", name="Overdue").first).to_be_attached()
    assert_accessible(page)

    page.goto("/p/alpha/reviews/incidents/")
    assert_accessible(page)
    page.get_by_role("link", name="Notify a serious incident").click()
    page.get_by_label("Pseudonym or reference").fill("Kingfisher")
    page.get_by_label("Date the local authority became aware").fill("2099-01-01")
    page.get_by_role("button", name="Save incident").click()
    expect_error_page(page)
    assert_accessible(page)
    aware = add_working_days(timezone.localdate(), -1).isoformat()
    page.get_by_label("Date the local authority became aware").fill(aware)
    page.get_by_role("button", name="Save incident").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kingfisher"
    assert_accessible(page)

    page.get_by_role("link", name="Start the rapid review").click()
    assert_accessible(page)
    page.get_by_label("Date the safeguarding partners became aware").fill(aware)
    page.get_by_label(world.people[Role.GROUP_MEMBER].name, exact=False).check()
    page.get_by_role("button", name="Save rapid review").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kingfisher"
    review = RapidReview.objects.get(incident__reference="Kingfisher")
    assert list(review.panel_members.all()) == [world.people[Role.GROUP_MEMBER]]
    assert SeriousIncident.objects.filter(reference="Kingfisher").count() == 1

    page.goto("/p/alpha/deadline-rules/")
    assert_accessible(page)
    page.get_by_role("link", name="Change Rapid review completed and sent to the Panel").click()
    assert_accessible(page)
    assert not page.console_errors, page.console_errors


def test_panel_member_sees_their_case_and_others_get_a_clear_refusal(world, page,
                                                                     browser_login):
    incident = panel_incident(world)
    browser_login(world.users[Role.GROUP_MEMBER])
    page.goto(f"/p/alpha/reviews/incidents/{incident.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Child P"
    assert_accessible(page)
    page.context.clear_cookies()
    browser_login(world.users[Role.GROUP_CHAIR])
    response = page.goto(f"/p/alpha/reviews/incidents/{incident.pk}/")
    assert response.status == 403
    assert "Child P" not in page.content()
    assert_accessible(page)
