"""Budgets recorded on the yearly report before finance had its own app are kept, row for
row, when the database is upgraded."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("reports", "0009_database_constraints"),
          ("finance", "0001_budget_by_financial_year")]
AFTER = [("reports", "0012_finance_moves_to_the_finance_app")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before(transactional_db):
    apps = _migrate(BEFORE)
    yield apps
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_reports_budgets_move_to_finance_with_every_line(before):
    Partnership = before.get_model("core", "Partnership")
    Organisation = before.get_model("core", "Organisation")
    OldYear = before.get_model("reports", "FinanceYear")
    OldLine = before.get_model("reports", "FinanceLine")
    alpha = Partnership.objects.create(slug="alpha", name="Alpha", short_name="A")
    council = Organisation.objects.create(name="Alphaton Council", kind="local_authority")
    year = OldYear.objects.create(partnership=alpha, year_start=2022,
                                  brought_forward=Decimal("100"), version=3)
    OldYear.objects.create(partnership=alpha, year_start=2023)
    OldLine.objects.create(finance_year=year, kind="contribution", label="Council",
                           organisation=council, amount=Decimal("5000"))
    OldLine.objects.create(finance_year=year, kind="expenditure", label="Staff",
                           amount=Decimal("4000"))
    OldLine.objects.create(finance_year=year, kind="in_kind", label="Rooms")

    apps = _migrate(AFTER)
    Year = apps.get_model("finance", "FinanceYear")
    moved = Year.objects.get(year_start=2022)
    assert (moved.partnership_id, moved.brought_forward, moved.version, moved.status) == (
        alpha.pk, Decimal("100"), 3, "open")
    assert Year.objects.get(year_start=2023).brought_forward is None
    assert sorted((x.kind, x.category, x.label, x.organisation_id, x.amount)
                  for x in moved.lines.all()) == [
        ("contribution", "", "Council", council.pk, Decimal("5000")),
        ("expenditure", "other", "Staff", None, Decimal("4000")),
        ("in_kind", "", "Rooms", None, None)]
