"""Browser: sign-in with two-factor authentication, the switcher, and core pages pass axe."""

import pytest
from playwright.sync_api import expect

from conftest import assert_accessible, expect_error_page
from core.models import Role, RoleAssignment

pytestmark = pytest.mark.browser


def test_business_unit_signs_in_with_a_code_and_switches_partnership(world, page, browser_login):
    bu = world.users[Role.BUSINESS_UNIT]
    RoleAssignment.objects.create(person=world.people[Role.BUSINESS_UNIT], role=Role.BUSINESS_UNIT,
                                  partnership=world.other)
    browser_login(bu)
    assert page.get_by_role("heading", level=1).inner_text() in {
        world.partnership.name, world.other.name}
    assert_accessible(page)

    page.get_by_label("Partnership").select_option(world.other.slug)
    page.get_by_role("button", name="Switch").click()
    page.wait_for_url(f"**/p/{world.other.slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == world.other.name

    page.goto(f"/p/{world.partnership.slug}/audit/")
    assert page.get_by_role("heading", level=1).inner_text() == "Audit trail"
    expect(page.get_by_role("cell", name="Logged in").first).to_be_attached()
    assert_accessible(page)
    assert not page.console_errors, page.console_errors


def test_a_wrong_security_code_is_refused_with_a_message(world, page):
    bu = world.users[Role.BUSINESS_UNIT]
    page.goto("/account/login/")
    page.get_by_label("Username").fill(bu.username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account/two-factor/**")
    # First sign-in: the set-up page shows a QR code and the key.
    assert "Set up two-factor authentication" in page.content()
    page.get_by_label("Security code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect_error_page(page, "The security code is not right")
    assert_accessible(page)
    # Still not through: other pages send them back to the code page.
    page.goto(f"/p/{world.partnership.slug}/")
    assert "/account/two-factor/" in page.url


def test_unknown_partnership_in_the_url_gets_a_clear_page(world, page, browser_login):
    browser_login(world.users[Role.GROUP_MEMBER])
    response = page.goto("/p/no-such-partnership/")
    assert response.status == 404
    expect(page.get_by_text("There is no partnership called “no-such-partnership”")).to_have_count(1)
    assert_accessible(page)
