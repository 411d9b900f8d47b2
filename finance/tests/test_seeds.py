"""The seeds' own budgets, as the demo loads them: totals and reserves equal the published
figures where those add up; where they do not (the 2018-19 "reserves subtotal"), the hub
shows the correct total and flags the difference."""

from decimal import Decimal

import pytest

from core.demo.loader import Result, TeesLoader
from finance import demo, selectors
from finance.models import FinanceYear


@pytest.fixture
def hsscp(db):
    TeesLoader().run(Result())
    demo.load()
    demo.load()  # loading twice changes nothing
    return FinanceYear.objects.filter(partnership__slug="hsscp")


def _f(hsscp, year):
    return selectors.compute(hsscp.prefetch_related("lines__organisation").get(year_start=year))


def test_the_business_case_budget_adds_up_partner_by_partner(hsscp):
    f = _f(hsscp, 2019)
    assert [(x.name, x.amount) for x in f.contribution_lines] == [
        ("Cleveland Police", 31372), ("Hartlepool Borough Council", 73459),
        ("Hartlepool and Stockton-on-Tees Clinical Commissioning Group", 84574),
        ("Stockton-on-Tees Borough Council", 68075)]
    assert (f.contributions, f.other_income, f.income) == (257480, 5000, 262480)
    assert f.income + f.brought_forward == 318957  # "Total Receipts"
    assert f.expenditure == 276250  # "Total Payments"
    assert {c.label: c.total for c in f.by_category}["Staffing"] == 152000
    assert f.carried_forward == 42707  # "Balance: Income - Expenditure"
    assert f.differences == []


def test_the_2020_21_report_adds_up(hsscp):
    f = _f(hsscp, 2020)
    assert (f.income, f.expenditure, f.balance) == (296687, 247291, 49396)
    assert f.carried_forward == 151436
    assert f.differences == []


def test_the_2018_19_reserves_subtotal_does_not_add_up_and_is_flagged(hsscp):
    f = _f(hsscp, 2018)
    assert f.balance == Decimal("13244")  # 206,994 - 193,750, not the 13,224 printed
    assert f.carried_forward == Decimal("69686")  # the published carry-forward is right
    [difference] = f.differences
    assert (difference.label, difference.published, difference.computed,
            difference.difference) == ("Balance for the year", 13224, 13244, -20)
