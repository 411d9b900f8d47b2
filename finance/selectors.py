"""Reading budgets: every total, balance and reserve is computed here from the lines, for
the finance pages, the API and the yearly report alike. A part with nothing recorded is None
("not recorded"), never £0, and so is every figure computed from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from .models import FinanceLine, FinanceYear

K = FinanceLine.Kind


@dataclass
class Difference:
    """A figure the partnership published that is not what its own lines add up to."""

    label: str
    published: Decimal
    computed: Decimal

    @property
    def difference(self) -> Decimal:
        return self.published - self.computed


@dataclass
class CategoryTotal:
    category: str
    label: str
    total: Decimal | None  # None if none of its lines has an amount: not recorded
    lines: list[FinanceLine]


@dataclass
class YearFinance:
    """A year's budget as recorded, with every figure computed."""

    record: FinanceYear | None
    lines: list[FinanceLine] = field(default_factory=list)  # money lines, not in kind
    contributions: Decimal | None = None
    contributions_received: Decimal | None = None
    other_income: Decimal | None = None
    income: Decimal | None = None
    expenditure: Decimal | None = None
    balance: Decimal | None = None
    brought_forward: Decimal | None = None
    carried_forward: Decimal | None = None
    in_kind: list[FinanceLine] = field(default_factory=list)
    by_category: list[CategoryTotal] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.record.label if self.record else ""

    def of_kind(self, kind) -> list[FinanceLine]:
        return [line for line in self.lines if line.kind == kind]

    @property
    def contribution_lines(self) -> list[FinanceLine]:
        return self.of_kind(K.CONTRIBUTION)

    @property
    def other_income_lines(self) -> list[FinanceLine]:
        return self.of_kind(K.OTHER_INCOME)

    @property
    def outstanding(self) -> Decimal | None:
        """Contributions agreed but not (yet) received."""
        if self.contributions is None:
            return None
        return self.contributions - (self.contributions_received or Decimal(0))

    @property
    def missing(self) -> list[str]:
        """The parts the report needs that are not recorded, in words."""
        if self.record is None:
            return ["the finance record"]
        parts = []
        if self.contributions is None:
            parts.append("partner contributions")
        if self.expenditure is None:
            parts.append("spending")
        if self.brought_forward is None:
            parts.append("reserves brought forward")
        return parts


def _total(amounts) -> Decimal | None:
    amounts = [a for a in amounts if a is not None]
    return sum(amounts, Decimal(0)) if amounts else None


def _lines_prefetch() -> Prefetch:
    return Prefetch("lines", queryset=FinanceLine.objects.select_related("organisation"))


def compute(record: FinanceYear | None) -> YearFinance:
    """The figures of one year whose lines are loaded (or loadable: one query)."""
    if record is None:
        return YearFinance(record=None)
    lines = list(record.lines.all())
    f = YearFinance(record=record, lines=[x for x in lines if x.kind != K.IN_KIND],
                    in_kind=[x for x in lines if x.kind == K.IN_KIND])

    def total(*kinds):
        return _total(x.amount for x in f.lines if x.kind in kinds)

    f.contributions = total(K.CONTRIBUTION)
    f.contributions_received = _total(x.received for x in f.contribution_lines)
    f.other_income = total(K.OTHER_INCOME)
    f.income = total(*FinanceLine.INCOME)
    f.expenditure = total(K.EXPENDITURE)
    f.brought_forward = record.brought_forward
    if f.income is not None and f.expenditure is not None:
        f.balance = f.income - f.expenditure
        if f.brought_forward is not None:
            f.carried_forward = f.brought_forward + f.balance
    labels = dict(FinanceLine.Category.choices)
    for value in FinanceLine.Category.values:
        in_category = [x for x in f.lines if x.kind == K.EXPENDITURE and x.category == value]
        if in_category:
            f.by_category.append(CategoryTotal(value, labels[value],
                                               _total(x.amount for x in in_category),
                                               in_category))
    for label, published, computed in (
            ("Total income", record.published_income, f.income),
            ("Total expenditure", record.published_expenditure, f.expenditure),
            ("Balance for the year", record.published_balance, f.balance),
            ("Reserves carried forward", record.published_carried_forward,
             f.carried_forward)):
        if published is not None and computed is not None and published != computed:
            f.differences.append(Difference(label, published, computed))
    return f


def year_finance(partnership, year_start: int) -> YearFinance:
    """One year's budget, computed (two queries)."""
    record = (FinanceYear.objects.filter(partnership=partnership, year_start=year_start)
              .select_related("partnership").prefetch_related(_lines_prefetch()).first())
    return compute(record)


def year_in_partnership(partnership, pk) -> FinanceYear:
    return get_object_or_404(
        FinanceYear.objects.select_related("partnership").prefetch_related(_lines_prefetch()),
        partnership=partnership, pk=pk)


def years(partnership) -> QuerySet[FinanceYear]:
    """The partnership's years, newest first, with their lines loaded for the totals (a
    fixed number of queries however many years and lines)."""
    return (FinanceYear.objects.filter(partnership=partnership)
            .select_related("partnership")
            .prefetch_related(_lines_prefetch())
            .order_by("-year_start"))


def history(partnership, year_start: int, shown: int = 6) -> list[YearFinance]:
    """The year and up to `shown - 1` years before it, oldest first, each computed (two
    queries however many years and lines): the budget chart's figures."""
    records = years(partnership).filter(year_start__lte=year_start,
                                        year_start__gt=year_start - shown)
    return [compute(r) for r in reversed(list(records))]


def lines(record: FinanceYear) -> QuerySet[FinanceLine]:
    return (FinanceLine.objects.filter(finance_year=record)
            .select_related("organisation", "finance_year__partnership")
            .order_by("kind", "category", "id"))


def next_year(record: FinanceYear) -> FinanceYear | None:
    return FinanceYear.objects.filter(partnership_id=record.partnership_id,
                                      year_start=record.year_start + 1).first()


def previous_year(record: FinanceYear) -> FinanceYear | None:
    return FinanceYear.objects.filter(partnership_id=record.partnership_id,
                                      year_start=record.year_start - 1).first()


def has_entries(record: FinanceYear | None) -> bool:
    """Whether anything is recorded in a year beyond the reserve carried into it."""
    if record is None:
        return False
    return record.lines.exists() or any(getattr(record, name) is not None for name in (
        "published_income", "published_expenditure", "published_balance",
        "published_carried_forward"))


def report_section(partnership, start, end) -> YearFinance:
    """The yearly report's finance section: the financial year that starts on `start`
    (reporting years and financial years both run 1 April to 31 March)."""
    return year_finance(partnership, start.year)

