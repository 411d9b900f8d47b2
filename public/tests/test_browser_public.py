"""Browser: the public "you said, we did" page, reached from the public site's nav, passes
axe-core and shows only what was shared with consent."""

import pytest
from playwright.sync_api import expect

from business.tests.factories import WITHHELD_SAID, voice_item
from conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_you_said_we_did_from_the_public_nav(world, page):
    shown = voice_item(world)
    voice_item(world, consent=False)
    page.goto("/public/alpha/")
    page.get_by_role("link", name="You said, we did").click()
    expect(page.get_by_role("heading", level=1, name="You said, we did")).to_have_count(1)
    expect(page.get_by_text(shown.said)).to_have_count(1)
    expect(page.get_by_text(WITHHELD_SAID)).to_have_count(0)
    assert_accessible(page)
