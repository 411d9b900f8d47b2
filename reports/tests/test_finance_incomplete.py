"""Finance that is honest when incomplete: a part not recorded is "not recorded" in the
report and missing in the checklist, never £0; in-kind contributions need no amount."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditEvent, Role
from core.services import system_actor
from reports import selectors, services
from reports.models import FinanceLine, FinanceYear
from reports.tests.helpers import make_report
from reports.tests.test_report_contents import texts


def _line(world, kind, label="", amount=None, organisation=None, year=2023):
    return services.finance_save(
        actor=system_actor(), partnership=world.partnership, year_start=year,
        line={"kind": kind, "label": label, "amount": amount, "organisation": organisation})


def test_contributions_without_spending_print_not_recorded_never_zero(world):
    report = make_report(world.partnership)
    _line(world, "contribution", "Council", Decimal("100000"))
    a = selectors.assemble(report, charts=False)
    figures = {h.key: h.display for h in a.headlines}
    assert figures["income"] == "£100,000"
    assert figures["expenditure"] == "not recorded"
    assert figures["reserves"] == "not recorded"
    assert a.finance.balance is None and a.finance.carried_forward is None
    check = next(c for c in a.checklist if c.item.test == "funding")
    assert not check.met
    assert check.detail.startswith("Not recorded: spending, reserves brought forward.")
    for fmt, content in texts(a).items():
        assert "Total expenditure £0" not in content and "Total expenditure 0" not in content
        assert "Not recorded for 2023-24: spending, reserves brought forward." in content, fmt
        assert "not recorded" in content


def test_every_part_recorded_meets_the_checklist_and_computes_the_reserves(world):
    report = make_report(world.partnership)
    _line(world, "contribution", "Council", Decimal("100000"))
    _line(world, "expenditure", "Staff", Decimal("0"))  # a real £0 is a figure
    services.finance_save(actor=system_actor(), partnership=world.partnership, year_start=2023,
                          brought_forward=Decimal("5000"),
                          expected_version=FinanceYear.objects.get().version)
    a = selectors.assemble(report, charts=False)
    figures = {h.key: h.display for h in a.headlines}
    assert (figures["expenditure"], figures["reserves"]) == ("£0", "£105,000")
    assert next(c for c in a.checklist if c.item.test == "funding").met


def test_an_in_kind_contribution_needs_no_amount_and_is_printed_with_its_giver(world):
    report = make_report(world.partnership)
    _line(world, "in_kind", "Venue for the annual conference",
          organisation=world.orgs["school"])
    _line(world, "in_kind", organisation=world.orgs["police"])
    _line(world, "in_kind", "Printing", Decimal("250"))
    a = selectors.assemble(report, charts=False)
    assert a.finance.income is None  # in kind is never income
    for fmt, content in texts(a).items():
        assert ("In-kind contributions (not in the totals): Venue for the annual conference "
                "from Alpha Academy; A contribution from Alpha Police; Printing (£250)."
                in content), fmt


@pytest.mark.parametrize("line,field,message", [
    ({"kind": "in_kind"}, "label", "Say what was given, or choose the partner who gave it"),
    ({"kind": "contribution", "label": "Council"}, "amount", "Enter the amount"),
    ({"kind": "expenditure", "amount": Decimal("10")}, "label", "Enter what the line is for"),
])
def test_the_service_refuses_an_incomplete_line_and_saves_nothing(world, line, field,
                                                                  message):
    with pytest.raises(ValidationError) as error:
        services.finance_save(actor=system_actor(), partnership=world.partnership, year_start=2023,
                              line={"label": "", "amount": None, **line})
    assert message in " ".join(error.value.message_dict[field])
    assert not FinanceYear.objects.exists() and not FinanceLine.objects.exists()
    assert not AuditEvent.objects.filter(model__startswith="reports.Finance").exists()


@pytest.mark.parametrize("data,message", [
    ({"kind": "in_kind"}, "Say what was given, or choose the partner who gave it"),
    ({"kind": "contribution", "label": "Council", "amount": "-5"},
     "Enter the amount as a positive number of pounds"),
    ({"kind": "contribution", "label": "Council"}, "Enter the amount"),
])
def test_the_finance_page_refuses_bad_lines_with_a_message(world, login, data, message):
    report = make_report(world.partnership)
    response = login(world.users[Role.BUSINESS_UNIT]).post(
        reverse("reports:finance", args=["alpha", report.pk]), {**data, "version": 0})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FinanceLine.objects.exists()


def test_the_finance_page_records_an_in_kind_contribution_without_an_amount(world, login):
    report = make_report(world.partnership)
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reports:finance", args=["alpha", report.pk])
    response = client.post(url, {"kind": "in_kind", "label": "Meeting rooms",
                                 "organisation": world.orgs["council"].pk, "version": 0})
    assert response.status_code == 302
    line = FinanceLine.objects.get()
    assert (line.label, line.amount, line.organisation) == ("Meeting rooms", None,
                                                            world.orgs["council"])
    page = client.get(url).content.decode()
    assert "Meeting rooms from Alphaton Council" in page
    assert "Not recorded yet: partner contributions, spending, reserves brought forward." in page
