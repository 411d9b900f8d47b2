"""The yearly report's finance section reads the budget of its year: a part not recorded is
"not recorded" (never £0) and missing in the checklist; in-kind contributions need no
amount; a flagged published figure is named in the checklist, never printed as a total."""

import re
from decimal import Decimal

from core.services import system_actor
from finance import services
from finance.tests.factories import add_line, make_year, set_brought_forward
from reports import selectors
from reports.tests.helpers import make_report
from reports.tests.test_report_contents import texts


def _plain(a) -> dict[str, str]:
    """Each format's words, tags dropped, whitespace folded."""
    return {fmt: " ".join(re.sub(r"<[^>]+>", " ", content).split())
            for fmt, content in texts(a).items()}


def _funding(a):
    return next(c for c in a.checklist if c.item.test == "funding")


def test_contributions_without_spending_print_not_recorded_never_zero(world):
    report = make_report(world.partnership)
    add_line(world.partnership, kind="contribution", label="Council", amount=Decimal("100000"))
    a = selectors.assemble(report, charts=False)
    figures = {h.key: h.display for h in a.headlines}
    assert figures["income"] == "£100,000"
    assert figures["expenditure"] == "not recorded"
    assert figures["reserves"] == "not recorded"
    assert not _funding(a).met
    assert _funding(a).detail.startswith("Not recorded: spending, reserves brought forward.")
    for fmt, content in texts(a).items():
        assert "Total expenditure £0" not in content and "Total expenditure 0" not in content
        assert "Not recorded for 2023-24: spending, reserves brought forward." in content, fmt


def test_every_part_recorded_meets_the_checklist_and_prints_partners_and_categories(world):
    report = make_report(world.partnership)
    add_line(world.partnership, kind="contribution", organisation=world.orgs["council"],
             amount=Decimal("100000"))
    add_line(world.partnership, kind="expenditure", category="staffing", label="Staff",
             amount=Decimal("0"))  # a real £0 is a figure
    set_brought_forward(world.partnership, Decimal("5000"))
    a = selectors.assemble(report, charts=False)
    figures = {h.key: h.display for h in a.headlines}
    assert (figures["expenditure"], figures["reserves"]) == ("£0", "£105,000")
    assert _funding(a).met
    for fmt, content in _plain(a).items():
        assert "Contribution: Alphaton Council 100,000" in content, fmt
        assert "Expenditure: Staffing 0" in content, fmt


def test_an_in_kind_contribution_needs_no_amount_and_is_printed_with_its_giver(world):
    report = make_report(world.partnership)
    add_line(world.partnership, kind="in_kind", label="Venue for the annual conference",
             organisation=world.orgs["school"])
    add_line(world.partnership, kind="in_kind", organisation=world.orgs["police"])
    add_line(world.partnership, kind="in_kind", label="Printing", amount=Decimal("250"))
    a = selectors.assemble(report, charts=False)
    assert a.finance.income is None  # in kind is never income
    for fmt, content in texts(a).items():
        assert ("In-kind contributions (not in the totals): Venue for the annual conference "
                "from Alpha Academy; A contribution from Alpha Police; Printing (£250)."
                in content), fmt


def test_a_published_figure_that_differs_is_named_in_the_checklist_not_printed(world):
    report = make_report(world.partnership)
    record = make_year(world.partnership)
    services.year_update(actor=system_actor(), record=record, expected_version=record.version,
                         data={"published_income": Decimal("5600")})
    a = selectors.assemble(report, charts=False)
    assert "Published figures that differ from the lines: total income" in _funding(a).detail
    assert "1 contribution does not name the partner paying." in _funding(a).detail
    html = _plain(a)["html"]
    assert "Total income 5,500" in html and "5,600" not in html


def test_closing_the_year_changes_nothing_printed_but_the_next_report_starts_from_it(world):
    record = make_year(world.partnership)
    services.year_close(actor=system_actor(), record=record, expected_version=record.version)
    next_report = make_report(world.partnership, 2024)
    a = selectors.assemble(next_report, charts=False)
    assert a.finance.brought_forward == Decimal("2300")
    assert "Reserves brought forward 2,300" in _plain(a)["html"]
