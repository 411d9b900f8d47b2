"""The database itself refuses a negative amount in the finance statement."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from reports.models import FinanceLine, FinanceYear


def test_a_finance_line_cannot_hold_a_negative_amount(world):
    year = FinanceYear.objects.create(partnership=world.partnership, year_start=2024)
    line = FinanceLine.objects.create(finance_year=year, kind=FinanceLine.Kind.EXPENDITURE,
                                      label="Training", amount=Decimal("0"))
    with pytest.raises(IntegrityError), transaction.atomic():
        FinanceLine.objects.filter(pk=line.pk).update(amount=Decimal("-1"))
    # Not recorded is allowed: the statement says so.
    FinanceLine.objects.filter(pk=line.pk).update(amount=None)
