"""The report's finance section: the budget of the financial year the report covers, read
from finance (the report holds no finance of its own)."""

from finance.selectors import YearFinance, report_section

__all__ = ["YearFinance", "finance_section"]


def finance_section(partnership, start, end) -> YearFinance:
    return report_section(partnership, start, end)
