"""The report's finance section: the budget of the financial year the report covers, read
from finance (the report holds no finance of its own)."""

from finance import charts as finance_charts
from finance.selectors import YearFinance, history, report_section

__all__ = ["YearFinance", "finance_history", "finance_section"]


def finance_section(partnership, start, end) -> YearFinance:
    return report_section(partnership, start, end)


def finance_history(partnership, start) -> list[YearFinance]:
    """The report's year and the years before it with a budget, oldest first (the budget
    chart and its table)."""
    return [f for f in history(partnership, start.year) if f.record is not None]


def chart_parts(years: list[YearFinance]) -> tuple[str, str] | None:
    """The budget chart's Vega-Lite spec and its text alternative, drawn by finance's own
    chart helper; None when no year has a figure."""
    spec = finance_charts.spec(years) if years else None
    return (spec, finance_charts.describe(years)) if spec else None
