"""Browser: sign-in with two-factor authentication, the switcher, and core pages pass axe."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from conftest import assert_accessible, expect_error_page
from core import two_factor
from core.models import Role, RoleAssignment
from core.services import system_actor

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


def test_first_sign_in_needs_an_enrolment_code_and_a_wrong_security_code_is_refused(world, page):
    bu = world.users[Role.BUSINESS_UNIT]
    _, code = two_factor.enrolment_code_issue(actor=system_actor(), user=bu,
                                              partnership=world.partnership)
    page.goto("/account/login/")
    page.get_by_label("Username").fill(bu.username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account/two-factor/**")
    # First sign-in: the password alone does not reach the authenticator set-up.
    expect(page.get_by_role("heading", name="Enter your enrolment code")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Enrolment code").fill("AAAA-BBBB-CCCC-DDDD")
    page.get_by_role("button", name="Continue").click()
    expect_error_page(page, "This enrolment code is not right")
    assert_accessible(page)
    page.get_by_label("Enrolment code").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Security code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect_error_page(page, "The security code is not right")
    assert_accessible(page)
    # Still not through: other pages send them back to the code page.
    page.goto(f"/p/{world.partnership.slug}/")
    assert "/account/two-factor/" in page.url
    # The right code from the app: set up, and the backup codes are shown once.
    device = TOTPDevice.objects.get(user=bu, confirmed=False)
    device.throttle_reset()  # forget the wrong attempt's back-off
    page.get_by_label("Security code").fill(
        f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Your backup codes")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Backup codes").click()
    expect(page.get_by_role("heading", name="Make new backup codes")).to_be_visible()
    assert_accessible(page)


def test_business_unit_issues_an_enrolment_code(world, page, browser_login):
    browser_login(world.users[Role.BUSINESS_UNIT])
    scrutineer = world.people[Role.SCRUTINEER]
    page.goto(f"/p/{world.partnership.slug}/people/{scrutineer.pk}/")
    page.get_by_role("link", name="Issue an enrolment code").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Issue an enrolment code for {scrutineer.name}")
    assert_accessible(page)
    page.get_by_role("button", name="Issue enrolment code").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Enrolment code for {scrutineer.name}")
    assert_accessible(page)
    shown = page.locator(".hub-enrolment-code").inner_text()
    assert two_factor.enrolment_code_check(user=scrutineer.user, code=shown)


def test_unknown_partnership_in_the_url_gets_a_clear_page(world, page, browser_login):
    browser_login(world.users[Role.GROUP_MEMBER])
    response = page.goto("/p/no-such-partnership/")
    assert response.status == 404
    expect(page.get_by_text("There is no partnership called “no-such-partnership”")).to_have_count(1)
    assert_accessible(page)
