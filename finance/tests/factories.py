"""Budgets for tests, made through the services (as the system)."""

from decimal import Decimal

from core.services import system_actor
from finance import services
from finance.models import FinanceLine, FinanceYear

K, C = FinanceLine.Kind, FinanceLine.Category


def make_year(partnership, year_start=2023, brought_forward=Decimal("1000"),
              lines=True) -> FinanceYear:
    record = services.year_create(actor=system_actor(), partnership=partnership,
                                  data={"year_start": year_start,
                                        "brought_forward": brought_forward})
    if lines:
        for data in ({"kind": K.CONTRIBUTION, "label": "Council contribution",
                      "amount": Decimal("5000"), "received": Decimal("4000")},
                     {"kind": K.OTHER_INCOME, "label": "Training fees",
                      "amount": Decimal("500")},
                     {"kind": K.EXPENDITURE, "category": C.STAFFING,
                      "label": "Business manager", "amount": Decimal("4200")}):
            services.line_add(actor=system_actor(), record=record, data=data)
    return FinanceYear.objects.get(pk=record.pk)


def world_year(w, key="year"):
    """The world's budget (key "year") or another partnership's ("beta_year")."""
    if key not in w.objects:
        partnership = w.partnership if key == "year" else w.other
        w.objects[key] = make_year(partnership)
    return w.objects[key]


def world_line(w, key="year"):
    return world_year(w, key).lines.order_by("pk").first()


def budget(partnership, year_start=2023) -> FinanceYear:
    """The year's budget, started (empty) if there is none."""
    record = FinanceYear.objects.filter(partnership=partnership, year_start=year_start).first()
    return record or services.year_create(actor=system_actor(), partnership=partnership,
                                          data={"year_start": year_start})


def add_line(partnership, year_start=2023, **data) -> FinanceLine:
    """A line in the year's budget; spending is "Other" unless a category is given."""
    if data.get("kind") == K.EXPENDITURE:
        data.setdefault("category", C.OTHER)
    return services.line_add(actor=system_actor(), record=budget(partnership, year_start),
                             data=data)


def set_brought_forward(partnership, amount, year_start=2023) -> FinanceYear:
    record = budget(partnership, year_start)
    return services.year_update(actor=system_actor(), record=record,
                                data={"brought_forward": amount},
                                expected_version=record.version)
