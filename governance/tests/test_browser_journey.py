"""Browser journey (issue 2): a business unit officer signs in with two-factor authentication,
switches partnership, creates a meeting with an agenda, records a decision and an action;
the action's owner sees it on their home page; the action log exports. axe-core checks every
page visited."""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import assert_accessible, expect_error_page
from core.models import Role, RoleAssignment
from learning.models import Action

pytestmark = pytest.mark.browser


def test_meeting_to_action_on_the_owners_home_page_and_export(world, page, browser_login):
    bu = world.users[Role.BUSINESS_UNIT]
    RoleAssignment.objects.create(person=world.people[Role.BUSINESS_UNIT],
                                  role=Role.BUSINESS_UNIT, partnership=world.other)
    browser_login(bu)

    # Switch to the other partnership and back: the switcher keeps pages bookmarkable.
    page.get_by_label("Partnership").select_option(world.other.slug)
    page.get_by_role("button", name="Switch").click()
    page.wait_for_url(f"**/p/{world.other.slug}/")
    page.get_by_label("Partnership").select_option(world.partnership.slug)
    page.get_by_role("button", name="Switch").click()
    page.wait_for_url(f"**/p/{world.partnership.slug}/")

    page.get_by_role("link", name="Governance", exact=True).click()  # opens its first page
    page.wait_for_url("**/governance/meetings/")
    assert_accessible(page)
    page.get_by_role("link", name="Create meeting").click()
    assert_accessible(page)

    # Bad input first: a meeting that ends before it starts.
    start = timezone.localtime() + datetime.timedelta(days=21)
    page.get_by_label("Group").select_option(label=world.groups["subgroup"].name)
    page.get_by_label("Title").fill("Quality and Performance – neglect deep dive")
    page.get_by_label("Starts").fill(start.strftime("%Y-%m-%dT10:00"))
    page.get_by_label("Ends").fill(start.strftime("%Y-%m-%dT09:00"))
    page.get_by_role("button", name="Create meeting").click()
    expect_error_page(page, "The meeting must end after it starts")
    assert_accessible(page)
    page.get_by_label("Ends").fill(start.strftime("%Y-%m-%dT12:00"))
    page.get_by_role("button", name="Create meeting").click()
    page.wait_for_url("**/governance/meetings/*/")
    assert page.get_by_role("heading", level=1).inner_text().startswith(
        "Quality and Performance – neglect deep dive")
    assert_accessible(page)

    page.get_by_role("link", name="Add agenda item").click()
    page.get_by_label("Title").fill("Neglect audit findings")
    page.get_by_role("button", name="Add agenda item").click()
    page.wait_for_url("**/governance/meetings/*/")
    expect(page.get_by_text("Neglect audit findings").first).to_be_attached()

    page.get_by_role("link", name="Record decision").click()
    assert_accessible(page)
    page.get_by_role("button", name="Record decision").click()  # empty: refused
    expect_error_page(page)
    page.get_by_label("Decision", exact=True).fill(
        "Adopt the graded care profile across all agencies")
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_url("**/governance/meetings/*/")
    expect(page.get_by_text("Adopt the graded care profile across all agencies").first).to_be_attached()

    page.get_by_role("link", name="Add action").click()
    assert_accessible(page)
    member = world.people[Role.GROUP_MEMBER]
    due = timezone.localdate() + datetime.timedelta(days=3)  # due soon: on the home page
    page.get_by_label("Action", exact=True).fill("Train named leads in the graded care profile")
    page.get_by_label("Owner organisation").select_option(label=member.organisation.name)
    page.get_by_label("Owner (person)").select_option(label=member.name)
    page.get_by_label("Due date").fill(due.isoformat())
    page.get_by_role("button", name="Add action").click()
    page.wait_for_load_state()
    action = Action.objects.get(title="Train named leads in the graded care profile")
    assert action.owner_person == member and action.due_date == due
    assert_accessible(page)

    # The action log exports the filtered rows.
    page.goto(f"/p/{world.partnership.slug}/learning/actions/")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    rows = list(csv.reader(io.StringIO(open(download_info.value.path()).read())))
    assert any("Train named leads in the graded care profile" in row for row in rows)

    # The owner signs in (no second factor for a group member) and sees it at home.
    page.get_by_role("button", name="Sign out").click()
    browser_login(world.users[Role.GROUP_MEMBER])
    expect(page.get_by_role("link", name="Train named leads in the graded care profile")).to_have_count(1)
    assert_accessible(page)
    assert not page.console_errors, page.console_errors
