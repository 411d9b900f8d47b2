"""Demo budgets of HSSCP, from the seeds:

- 2018-19: the Hartlepool Safeguarding Children Board (HSSCP's predecessor) as its annual
  report printed it (seed 004). Its "reserves subtotal" of 13,224 is not income less
  expenditure (206,994 - 193,750 = 13,244): the hub shows 13,244 and flags the difference,
  while the published carry-forward of 69,686 does add up.
- 2019-20: the budget the 2019 business case proposed (seed 003), partner by partner and
  spending by category; its totals (262,480 income, 276,250 payments, 42,707 balance with
  the 56,477 brought forward) all add up.
- 2020-21: HSSCP's annual report (seed 000): totals only; 151,436 carried forward.

Idempotent: rows are keyed on natural keys and only rewritten when they differ. Years are
left open: the published years do not chain (a budget is not an outturn).
"""

from __future__ import annotations

from decimal import Decimal

from core.demo.loader import upsert
from core.models import Organisation, Partnership

from .models import FinanceLine, FinanceYear

K, C = FinanceLine.Kind, FinanceLine.Category


def d(value: str) -> Decimal:
    return Decimal(value.replace(",", ""))


YEARS = [
    {
        "year": 2018,
        "brought_forward": d("56,442"),
        "published": {"published_income": d("206,994"), "published_expenditure": d("193,750"),
                      "published_balance": d("13,224"),
                      "published_carried_forward": d("69,686")},
        "notes": "The Hartlepool Safeguarding Children Board's figures from its 2018-19 annual "
                 "report. Brought forward: HSCB 11,399 and the Hartlepool and Stockton joint "
                 "training budget 45,043.",
        "lines": [
            (K.CONTRIBUTION, "", "Partner contributions (the published report gives the "
             "total only)", None, d("206,994")),
            (K.EXPENDITURE, C.OTHER, "Running the board (total)", None, d("193,750")),
        ],
    },
    {
        "year": 2019,
        "brought_forward": d("56,477"),
        "published": {"published_income": d("262,480"), "published_expenditure": d("276,250"),
                      "published_carried_forward": d("42,707")},
        "notes": "The budget proposed in the 2019 business case for the new partnership, at a "
                 "standstill position.",
        "lines": [
            (K.CONTRIBUTION, "", "", "Cleveland Police", d("31,372")),
            (K.CONTRIBUTION, "", "", "Hartlepool Borough Council", d("73,459")),
            (K.CONTRIBUTION, "", "", "Hartlepool and Stockton-on-Tees Clinical Commissioning "
             "Group", d("84,574")),
            (K.CONTRIBUTION, "", "", "Stockton-on-Tees Borough Council", d("68,075")),
            (K.OTHER_INCOME, "", "Generated income", None, d("5,000")),
            (K.EXPENDITURE, C.STAFFING, "Development Manager", None, d("58,000")),
            (K.EXPENDITURE, C.STAFFING, "Business Support Admin", None, d("33,000")),
            (K.EXPENDITURE, C.STAFFING, "Training Co-ordinator", None, d("41,000")),
            (K.EXPENDITURE, C.STAFFING, "Performance management framework analyst", None,
             d("20,000")),
            (K.EXPENDITURE, C.STAFF_DEVELOPMENT, "Staff training and conferences", None,
             d("750")),
            (K.EXPENDITURE, C.TRAVEL, "Travel and transport", None, d("2,500")),
            (K.EXPENDITURE, C.SUBSCRIPTIONS, "AILC fee, grants and subscriptions", None,
             d("2,000")),
            (K.EXPENDITURE, C.TRAINING, "Multi-agency training and events", None, d("50,000")),
            (K.EXPENDITURE, C.REVIEWS, "Serious case and learning reviews", None, d("20,000")),
            (K.EXPENDITURE, C.SCRUTINY, "Invest to save: action learning, scrutiny impact "
             "checks, transition, critical friends", None, d("40,000")),
            (K.EXPENDITURE, C.SUPPLIES, "Tees safeguarding web-based procedures", None,
             d("1,500")),
            (K.EXPENDITURE, C.SUPPLIES, "General running costs", None, d("3,000")),
            (K.EXPENDITURE, C.SUPPLIES, "Safeguarding events and campaigns", None, d("1,500")),
            (K.EXPENDITURE, C.SUPPLIES, "Room hire", None, d("3,000")),
            (K.IN_KIND, "", "Office accommodation and employment of the business unit's staff",
             "Hartlepool Borough Council", None),
        ],
    },
    {
        "year": 2020,
        "brought_forward": d("102,040"),
        "published": {"published_income": d("296,687"), "published_expenditure": d("247,291"),
                      "published_balance": d("49,396"),
                      "published_carried_forward": d("151,436")},
        "notes": "HSSCP's annual report 2020-21 gives totals only.",
        "lines": [
            (K.CONTRIBUTION, "", "Partner contributions (the published report gives the "
             "total only)", None, d("296,687")),
            (K.EXPENDITURE, C.OTHER, "Running the partnership (total)", None, d("247,291")),
        ],
    },
]


def _load(partnership) -> None:
    partners = {o.name: o for o in Organisation.objects.filter(partnerships=partnership)}
    for spec in YEARS:
        record = upsert(FinanceYear, {"partnership": partnership, "year_start": spec["year"]},
                        {"brought_forward": spec["brought_forward"], "notes": spec["notes"],
                         **spec["published"]})
        for kind, category, label, partner, amount in spec["lines"]:
            organisation = partners.get(partner) if partner else None
            if partner and organisation is None:
                continue  # a trimmed demo without that partner
            upsert(FinanceLine, {"finance_year": record, "kind": kind, "label": label,
                                 "organisation": organisation},
                   {"category": category, "amount": amount})


def load() -> None:
    partnership = Partnership.objects.filter(slug="hsscp").first()
    if partnership is not None:
        _load(partnership)
