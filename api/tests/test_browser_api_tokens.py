"""Browser: the business unit creates, lists and revokes API tokens; the pages pass axe."""

import pytest
from playwright.sync_api import expect

from api.models import ApiToken
from api.services import hash_token
from conftest import assert_accessible
from core.models import Role

pytestmark = pytest.mark.browser


def test_business_unit_creates_lists_and_revokes_an_api_token(world, page, browser_login):
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto(f"/p/{world.partnership.slug}/")
    page.get_by_role("link", name="Partnership", exact=True).click()
    page.get_by_role("link", name="API tokens").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    assert_accessible(page)

    page.get_by_role("link", name="Create an API token").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an API token")
    assert_accessible(page)
    page.get_by_label("Acts as").select_option(str(world.users[Role.AGENCY_LEAD].pk))
    page.get_by_label("System").fill("Alpha Academy MIS")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API token for Alpha Academy MIS")
    assert_accessible(page)
    key = page.locator(".hub-api-token").inner_text()
    token = ApiToken.objects.get(system_name="Alpha Academy MIS")
    assert token.token_hash == hash_token(key)

    page.get_by_role("link", name="Back to API tokens").click()
    expect(page.get_by_role("cell", name="Alpha Academy MIS", exact=True)).to_be_visible()
    page.get_by_role("link", name="Revoke the token for Alpha Academy MIS").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Revoke the token for Alpha Academy MIS")
    assert_accessible(page)
    page.get_by_role("button", name="Revoke token").click()
    expect(page.get_by_text("is revoked: it no longer works")).to_be_visible()
    expect(page.get_by_role("cell", name="Revoked", exact=True)).to_be_visible()
    assert_accessible(page)
    token.refresh_from_db()
    assert token.revoked_at is not None

    page.goto("/api/docs/")
    expect(page.get_by_role("heading", name="Authentication")).to_be_visible()
    assert_accessible(page)
    assert not page.console_errors, page.console_errors
