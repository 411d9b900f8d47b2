"""Browser: the business unit adds a procedure (a next review before the last one is
refused with a message), records a new version, and the public page shows what changed.
Every page passes axe-core."""

import pytest
from playwright.sync_api import expect

from conftest import assert_accessible, expect_error_page
from core.models import Role

pytestmark = pytest.mark.browser


def test_keep_the_procedures_register(world, page, browser_login, live_server):
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto("/p/alpha/governance/procedures/")
    assert_accessible(page)
    page.get_by_role("link", name="Add a procedure").click()
    page.get_by_label("Title").fill("Neglect strategy and toolkit")
    page.get_by_label("Kind").select_option("procedure")
    page.get_by_label("Link to the published text").fill("https://procedures.example/neglect")
    page.get_by_label("Last reviewed on").fill("2024-03-01")
    page.get_by_label("Next review due").fill("2024-02-01")
    assert_accessible(page)
    page.get_by_role("button", name="Add the procedure").click()
    expect_error_page(page, "The next review due (1 February 2024) must be after the last "
                            "review (1 March 2024)")
    assert_accessible(page)
    page.get_by_label("Next review due").fill("")
    page.get_by_role("button", name="Add the procedure").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neglect strategy and toolkit")
    expect(page.get_by_text("1 March 2027")).to_be_visible()  # set by the review rule
    assert_accessible(page)

    page.get_by_role("link", name="Record a new version").click()
    page.get_by_label("Version", exact=True).fill("2.0")
    page.get_by_label("Adopted on").fill("2025-01-10")
    page.get_by_label("What changed").fill("Adds the graded care profile.")
    assert_accessible(page)
    page.get_by_role("button", name="Record the version").click()
    expect(page.get_by_role("cell", name="Adds the graded care profile.")).to_be_visible()
    expect(page.get_by_text("10 January 2028")).to_be_visible()

    page.goto("/public/alpha/procedures/")
    expect(page.get_by_role("cell", name="Adds the graded care profile.")).to_be_visible()
    assert_accessible(page)
