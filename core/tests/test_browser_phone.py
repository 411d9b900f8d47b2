"""Browser, on a phone (375 px wide): no page scrolls sideways, the menu opens with the
keyboard, and each page passes axe-core."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import assert_accessible
from core.calendar import add_working_days
from core.models import Role
from core.services import system_actor
from learning.models import Action
from performance import catalogue
from performance import services as performance_services
from performance.tests.conftest import row
from reports.tests.helpers import make_report
from reviews.tests.factories import make_incident

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def _phone_world(world):
    today = timezone.localdate()
    # A deadline due soon: its status tag must show whole ("Due soon", not "Due soo").
    incident = make_incident(world.partnership, reference="Child with a long pseudonym",
                             la_aware_on=add_working_days(today, -3))
    for i in range(4):
        Action.objects.create(
            partnership=world.partnership, source=world.objects["meeting"].source,
            title=f"Audit strategy discussions across the partnership, part {i + 1}",
            owner_organisation=world.orgs["council"], owner_person=world.people[Role.BUSINESS_UNIT],
            due_date=today + datetime.timedelta(days=i * 5 - 3))
    performance_services.catalogue_import(actor=system_actor(), rows=catalogue.rows())
    quarters = [f"{y}-{(y + 1) % 100:02d} Q{q}" for y in (2022, 2023) for q in (1, 2, 3, 4)]
    performance_services.data_return_submit(
        actor=system_actor(), rows=[row("CP_PLANS", 200 + i, p) for i, p in enumerate(quarters)]
        + [row("CP_PLANS", 230, "2023-24"), row("RE_REFERRALS_PCT", "21.5", "2023-24")],
        method="form", partnership=world.partnership, synthetic=True)
    report = make_report(world.partnership)
    return incident, report


def _no_sideways_scroll(page):
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide"


def test_pages_fit_a_phone_and_the_menu_opens_with_the_keyboard(world, page, browser_login):
    incident, report = _phone_world(world)
    page.set_viewport_size(PHONE)
    browser_login(world.users[Role.BUSINESS_UNIT])
    base = f"/p/{world.partnership.slug}"
    for path in ["/", f"/reviews/incidents/{incident.pk}/", "/learning/learning-plan/",
                 "/performance/", f"/reports/{report.pk}/"]:
        page.goto(base + path)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        _no_sideways_scroll(page)

        menu = page.get_by_role("button", name="Menu")
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(page.get_by_role("link", name="Governance")).to_be_hidden()
        menu.focus()
        page.keyboard.press("Enter")
        expect(menu).to_have_attribute("aria-expanded", "true")
        expect(page.get_by_role("link", name="Governance")).to_be_visible()
        page.keyboard.press("Tab")  # into the menu's first section
        assert page.evaluate("document.activeElement.closest('#navigation') !== null")
        _no_sideways_scroll(page)
        assert_accessible(page)
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        expect(menu).to_have_attribute("aria-expanded", "false")

    # The deadline's status reads whole on the home page.
    page.goto(base + "/")
    tag = page.locator("strong.govuk-tag", has_text="Due soon").first
    expect(tag).to_be_visible()
    assert page.evaluate("(el) => el.scrollWidth <= el.clientWidth", tag.element_handle())
    assert not page.console_errors, page.console_errors
