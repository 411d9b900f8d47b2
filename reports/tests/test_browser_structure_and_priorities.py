"""Browser: the business unit records a group with its dates and a new chair, then corrects
the report's priorities (edit, key measure, order, remove); axe-core checks every new page,
with and without errors (issue 9, items 7 and 8)."""

import re

import pytest
from playwright.sync_api import expect

from conftest import assert_accessible, expect_error_page
from core.models import Role
from governance.models import Group
from reports.models import Priority, PriorityMeasure
from reports.tests.helpers import add_priority, make_indicator, make_report

pytestmark = pytest.mark.browser


def test_business_unit_records_the_structure_and_corrects_priorities(world, page,
                                                                      browser_login):
    browser_login(world.users[Role.BUSINESS_UNIT])

    # Groups: list, add (a bad end date first), change, new chair.
    page.goto("/p/alpha/governance/groups/")
    assert_accessible(page)
    page.get_by_role("link", name="Add a group").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Fictional task group")
    page.get_by_label("Kind of group").select_option("task_and_finish")
    page.get_by_label("Started on").fill("2021-04-01")
    page.get_by_label("Ended on").fill("2020-03-31")
    page.get_by_role("button", name="Add the group").click()
    expect_error_page(page, "The date the group ended (31 March 2020) cannot be before")
    assert_accessible(page)
    page.get_by_label("Ended on").fill("2022-03-31")
    page.get_by_role("button", name="Add the group").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fictional task group")
    assert_accessible(page)
    group = Group.objects.get(name="Fictional task group")
    page.get_by_role("link", name="Change the group").click()
    assert_accessible(page)
    page.get_by_label("Reports to").select_option(str(group.pk))
    page.get_by_role("button", name="Save the group").click()
    expect_error_page(page, "Fictional task group cannot report to itself.")
    assert_accessible(page)
    page.goto(f"/p/alpha/governance/groups/{group.pk}/")
    page.get_by_role("link", name="Record a new chair").click()
    assert_accessible(page)
    page.get_by_label("New chair").select_option(str(world.people[Role.PARTNER_DELEGATE].pk))
    page.get_by_label("Chairs from").fill("2021-05-01")
    page.get_by_role("button", name="Record the new chair").click()
    expect(page.get_by_text("from 1 May 2021, still chairs")).to_be_visible()

    # Priorities: the report page lists them; change, add a measure, move, remove.
    report = make_report(world.partnership, 2020)
    first = add_priority(report, title="Fictional neglect priority")
    add_priority(report, title="Fictional exploitation priority")
    make_indicator("BETA_LOCAL", partnership=world.other)
    make_indicator("CPP", name="Child protection plans")
    page.goto(f"/p/alpha/reports/{report.pk}/")
    expect(page.get_by_text("No impact recorded").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change Fictional neglect priority").click()
    assert_accessible(page)
    page.get_by_label("Priority", exact=True).fill("")
    page.get_by_role("button", name="Save the priority").click()
    expect_error_page(page, "Enter the priority")
    assert_accessible(page)
    page.get_by_label("Priority", exact=True).fill("Fictional neglect priority")
    page.get_by_label("Impact").fill("Fewer repeat child protection plans.")
    page.get_by_label("Planned interventions").fill("Toolkit training\nMulti-agency audit")
    page.get_by_role("button", name="Save the priority").click()
    expect(page.get_by_text("is saved")).to_be_visible()
    page.get_by_role("link", name="Add a key measure to Fictional neglect priority").click()
    assert_accessible(page)
    expect(page.get_by_label("Indicator").locator("option", has_text="BETA_LOCAL")).to_have_count(0)
    page.get_by_label("Indicator").select_option(label="CPP Child protection plans")
    page.get_by_role("button", name="Add the measure").click()
    expect(page.get_by_text("is a key measure of")).to_be_visible()
    assert PriorityMeasure.objects.filter(priority=first).count() == 1
    page.get_by_role("button", name="Move down Fictional neglect priority").click()
    expect(page.get_by_text("is moved down")).to_be_visible()
    assert Priority.objects.get(pk=first.pk).order == 2
    assert_accessible(page)
    page.get_by_role("link", name="Remove Fictional neglect priority").click()
    expect(page).to_have_title(re.compile("Remove a priority"))
    assert_accessible(page)
    page.get_by_role("button", name="Remove the priority").click()
    expect(page.get_by_text("is removed from the report")).to_be_visible()
    assert not Priority.objects.filter(pk=first.pk).exists()
    page.goto(f"/p/alpha/reports/{report.pk}/report/")
    assert_accessible(page)
