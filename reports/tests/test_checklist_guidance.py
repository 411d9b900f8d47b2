"""The checklist applies the guidance in force for the report's year: Working Together 2018
for years ending before December 2023, Working Together 2023 after."""

import pytest
from django.urls import reverse

from core.models import Role
from reports import selectors
from reports.models import Guidance, guidance_for
from reports.tests.helpers import make_report


@pytest.mark.parametrize("year_start,guidance", [
    (2019, Guidance.WT2018), (2022, Guidance.WT2018),
    (2023, Guidance.WT2023), (2024, Guidance.WT2023)])
def test_the_guidance_in_force_at_the_end_of_the_year_applies(world, year_start, guidance):
    report = make_report(world.partnership, year_start)
    assert guidance_for(report) == guidance
    checks = selectors.assemble(report, charts=False).checklist
    assert checks and {c.item.guidance for c in checks} == {guidance}


def test_a_2018_year_is_checked_against_the_2018_items_only(world):
    checks = selectors.assemble(make_report(world.partnership, 2022), charts=False).checklist
    assert [c.key for c in checks] == [
        "wt2018-impact", "wt2018-little-progress", "wt2018-review-recommendations",
        "wt2018-voice", "wt2018-publication"]
    assert all(c.item.source_reference.startswith("Working Together to Safeguard Children "
                                                  "2018") for c in checks)
    # Funding, scrutiny and sign-off were asked of the report from 2023 only.
    later = selectors.assemble(make_report(world.partnership, 2023), charts=False).checklist
    assert {"funding", "scrutiny", "sign-off"} <= {c.key for c in later}


@pytest.mark.parametrize("year_start,named", [
    (2022, "Working Together to Safeguard Children 2018"),
    (2023, "Working Together to Safeguard Children 2023")])
def test_the_report_page_says_which_guidance_applies(world, login, year_start, named):
    report = make_report(world.partnership, year_start)
    page = login(world.users[Role.BUSINESS_UNIT]).get(
        reverse("reports:report_detail", args=["alpha", report.pk])).content.decode()
    assert f"What {named} asks the yearly report to hold" in page
