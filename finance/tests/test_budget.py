"""A year's budget: totals computed from the lines, bad input refused with a message and
nothing saved, and a year closed carries its reserve into the next."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from core.models import AuditEvent, Role
from core.services import ConcurrentEditError, system_actor
from core.tabular import RowsRejected
from finance import selectors, services
from finance.models import FinanceLine, FinanceYear
from finance.tests.factories import C, K, add_line, make_year


def test_every_total_and_balance_is_computed_from_the_lines(world):
    p = world.partnership
    add_line(p, kind=K.CONTRIBUTION, organisation=world.orgs["council"],
             amount=Decimal("60000"), received=Decimal("60000"),
             received_on=datetime.date(2023, 5, 2))
    add_line(p, kind=K.CONTRIBUTION, organisation=world.orgs["police"],
             amount=Decimal("30000"), received=Decimal("15000"))
    add_line(p, kind=K.OTHER_INCOME, label="Training fees", amount=Decimal("2500"))
    add_line(p, kind=K.EXPENDITURE, category=C.STAFFING, label="Manager", amount=Decimal("50000"))
    add_line(p, kind=K.EXPENDITURE, category=C.STAFFING, label="Admin", amount=Decimal("25000"))
    add_line(p, kind=K.EXPENDITURE, category=C.TRAINING, label="Events", amount=Decimal("9000"))
    add_line(p, kind=K.IN_KIND, label="Venue", organisation=world.orgs["school"],
             amount=Decimal("800"))
    record = FinanceYear.objects.get()
    services.year_update(actor=system_actor(), record=record,
                         data={"brought_forward": Decimal("12000")}, expected_version=1)
    f = selectors.year_finance(p, 2023)
    assert (f.contributions, f.contributions_received, f.outstanding) == (90000, 75000, 15000)
    assert (f.other_income, f.income, f.expenditure) == (2500, 92500, 84000)
    assert (f.balance, f.brought_forward, f.carried_forward) == (8500, 12000, 20500)
    assert [(c.label, c.total) for c in f.by_category] == [
        ("Staffing", 75000), ("Multi-agency training and events", 9000)]
    assert [line.describe for line in f.in_kind] == ["Venue from Alpha Academy (£800)"]
    assert [line.name for line in f.contribution_lines] == ["Alphaton Council", "Alpha Police"]
    assert f.differences == []


def test_a_published_figure_that_disagrees_is_flagged_and_the_correct_total_kept(world):
    record = make_year(world.partnership)  # income 5,500, spending 4,200, brought 1,000
    services.year_update(actor=system_actor(), record=record, expected_version=record.version,
                         data={"published_income": Decimal("5500"),
                               "published_balance": Decimal("1030"),
                               "published_carried_forward": Decimal("2300")})
    f = selectors.year_finance(world.partnership, 2023)
    assert f.balance == 1300 and f.carried_forward == 2300
    assert [(d.label, d.published, d.computed, d.difference) for d in f.differences] == [
        ("Balance for the year", 1030, 1300, -270)]


@pytest.mark.parametrize("data,field,message", [
    ({"kind": K.CONTRIBUTION, "label": "Council", "amount": Decimal("-5")}, "amount",
     "positive number of pounds"),
    ({"kind": K.CONTRIBUTION, "label": "Council", "amount": Decimal("5"),
      "received": Decimal("-1")}, "received", "positive number of pounds"),
    ({"kind": K.EXPENDITURE, "label": "Room hire", "amount": Decimal("10")}, "category",
     "Choose the category of the spending"),
    ({"kind": K.CONTRIBUTION, "label": "Council"}, "amount", "Enter the agreed amount"),
    ({"kind": K.IN_KIND}, "label", "Say what was given, or choose the partner who gave it"),
    ({"kind": K.OTHER_INCOME, "amount": Decimal("10")}, "label", "Enter what the line is for"),
    ({"kind": K.OTHER_INCOME, "label": "Fees", "amount": Decimal("10"),
      "received": Decimal("10")}, "received", "Only a partner contribution"),
])
def test_a_bad_line_is_refused_naming_the_field_and_nothing_is_saved(world, data, field,
                                                                     message):
    record = make_year(world.partnership, lines=False)
    audit_rows = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.line_add(actor=system_actor(), record=record, data=data)
    assert message in " ".join(error.value.message_dict[field])
    assert not FinanceLine.objects.exists()
    assert AuditEvent.objects.count() == audit_rows


def test_the_database_refuses_a_negative_amount_and_spending_without_a_category(world):
    record = make_year(world.partnership)
    line = record.lines.get(kind=K.EXPENDITURE)
    with pytest.raises(IntegrityError), transaction.atomic():
        FinanceLine.objects.filter(pk=line.pk).update(amount=Decimal("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        FinanceLine.objects.filter(pk=line.pk).update(category="")
    FinanceLine.objects.filter(pk=line.pk).update(amount=None)  # not recorded is allowed


def test_a_partner_of_another_partnership_cannot_contribute(world):
    record = make_year(world.partnership, lines=False)
    stranger = _other_org(world)
    with pytest.raises(ValidationError) as error:
        services.line_add(actor=system_actor(), record=record, data={
            "kind": K.CONTRIBUTION, "organisation": stranger, "amount": Decimal("1")})
    assert "partner of this partnership" in str(error.value)


def _other_org(world):
    from core.models import Organisation

    org = Organisation.objects.create(name="Betaville Council", kind="local_authority")
    org.partnerships.add(world.other)
    return org


def test_only_the_business_unit_keeps_the_budget(world):
    record = make_year(world.partnership)
    for role in (Role.PARTNER_DELEGATE, Role.SCRUTINEER, Role.GROUP_CHAIR):
        with pytest.raises(PermissionDenied):
            services.line_add(actor=world.users[role], record=record, data={
                "kind": K.OTHER_INCOME, "label": "Fees", "amount": Decimal("1")})


# ---- closing and reopening ----

def test_closing_a_year_carries_its_reserve_into_the_next_years_brought_forward(world):
    record = make_year(world.partnership)  # carried forward 1,000 + 5,500 - 4,200 = 2,300
    services.year_close(actor=system_actor(), record=record, expected_version=record.version,
                        closed_on=datetime.date(2024, 5, 1))
    following = FinanceYear.objects.get(year_start=2024)
    assert following.brought_forward == Decimal("2300")
    record.refresh_from_db()
    assert record.is_closed and record.closed_on == datetime.date(2024, 5, 1)
    # A closed year is final, and the next year's brought-forward is not typed over.
    with pytest.raises(ValidationError, match="closed: reopen it"):
        add_line(world.partnership, kind=K.OTHER_INCOME, label="Late fee", amount=Decimal(1))
    with pytest.raises(ValidationError) as error:
        services.year_update(actor=system_actor(), record=following,
                             data={"brought_forward": Decimal("9999")},
                             expected_version=following.version)
    assert "2023-24's carried-forward reserve" in error.value.message_dict["brought_forward"][0]


def test_closing_updates_a_next_year_already_started(world):
    record = make_year(world.partnership)
    later = services.year_create(actor=system_actor(), partnership=world.partnership,
                                 data={"year_start": 2024, "brought_forward": Decimal("5")})
    services.year_close(actor=system_actor(), record=record, expected_version=record.version)
    later.refresh_from_db()
    assert later.brought_forward == Decimal("2300")


def test_a_year_with_parts_not_recorded_cannot_close(world):
    record = make_year(world.partnership, brought_forward=None)
    with pytest.raises(ValidationError, match="Record reserves brought forward before closing"):
        services.year_close(actor=system_actor(), record=record,
                            expected_version=record.version)
    assert not FinanceYear.objects.filter(year_start=2024).exists()


def test_reopening_is_refused_once_the_next_year_has_entries(world):
    record = make_year(world.partnership)
    record = services.year_close(actor=system_actor(), record=record,
                                 expected_version=record.version)
    add_line(world.partnership, 2024, kind=K.OTHER_INCOME, label="Fees", amount=Decimal(10))
    with pytest.raises(ValidationError, match="cannot be reopened: 2024-25 already has entries"):
        services.year_reopen(actor=system_actor(), record=record,
                             expected_version=record.version)
    record.refresh_from_db()
    assert record.is_closed


def test_reopening_an_untouched_next_year_clears_the_reserve_it_was_given(world):
    record = make_year(world.partnership)
    record = services.year_close(actor=system_actor(), record=record,
                                 expected_version=record.version)
    record = services.year_reopen(actor=system_actor(), record=record,
                                  expected_version=record.version)
    assert not record.is_closed and record.closed_on is None
    assert FinanceYear.objects.get(year_start=2024).brought_forward is None
    with pytest.raises(ConcurrentEditError):
        services.year_close(actor=system_actor(), record=record, expected_version=1)


def test_a_new_year_after_a_closed_one_starts_from_its_reserve(world):
    record = make_year(world.partnership, year_start=2022)
    services.year_close(actor=system_actor(), record=record, expected_version=record.version)
    FinanceYear.objects.filter(year_start=2023).delete()
    fresh = services.year_create(actor=system_actor(), partnership=world.partnership,
                                 data={"year_start": 2023, "brought_forward": Decimal("1")})
    assert fresh.brought_forward == Decimal("2300")
    with pytest.raises(ValidationError, match="already has a budget for that year"):
        services.year_create(actor=system_actor(), partnership=world.partnership,
                             data={"year_start": 2023})


# ---- import ----

def _rows(*rows):
    header = ["kind", "category", "line", "partner", "amount", "received", "received_on"]
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_an_import_adds_every_row(world):
    record = make_year(world.partnership, lines=False)
    created = services.budget_import(actor=system_actor(), record=record, rows=_rows(
        ("contribution", "", "", "Alphaton Council", "£60,000", "30,000", "02/05/2023"),
        ("Other income", "", "Training fees", "", "1200", "", ""),
        ("expenditure", "Staffing", "Manager", "", "45000.50", "", ""),
        ("in kind", "", "Venue", "Alpha Academy", "", "", "")))
    assert len(created) == 4
    f = selectors.year_finance(world.partnership, 2023)
    assert (f.contributions, f.contributions_received, f.income) == (60000, 30000, 61200)
    assert f.expenditure == Decimal("45000.50")
    assert f.contribution_lines[0].received_on == datetime.date(2023, 5, 2)
    assert AuditEvent.objects.filter(model="finance.FinanceLine", action="create").count() == 4


def test_an_import_with_one_bad_row_saves_nothing_and_names_each_problem_by_row(world):
    record = make_year(world.partnership, lines=False)
    with pytest.raises(RowsRejected) as rejected:
        services.budget_import(actor=system_actor(), record=record, rows=_rows(
            ("contribution", "", "", "Alphaton Council", "60000", "", ""),
            ("expenditure", "", "Room hire", "", "300", "", ""),
            ("contribution", "", "Police", "", "-5", "", ""),
            ("grant", "", "Lottery", "", "ten", "", "31/02/2024"),
            ("contribution", "", "", "Nowhere Council", "5", "", "")))
    # Rows count from 1, the first below the header; each problem names its column.
    problems = {(p.row, p.field, p.message) for p in rejected.value.errors}
    assert (rejected.value.rows_processed, rejected.value.rows_with_problems) == (5, 4)
    assert (2, "category", "Choose the category of the spending.") in problems
    assert (3, "amount", "Enter the amount as a positive number of pounds, not a negative "
                         "one.") in problems
    assert {(row, field) for row, field, _ in problems if row == 4} == {
        (4, "kind"), (4, "amount"), (4, "received_on")}
    assert (4, "kind", "“grant” is not a kind of line; say contribution, other income, "
                       "expenditure or in kind.") in problems
    assert (4, "amount", "“ten” is not an amount in pounds (write 1200 or £1,200.50).") in problems
    assert (5, "partner", "“Nowhere Council” is not a partner of this partnership (write its "
                          "name as the hub holds it).") in problems
    assert not FinanceLine.objects.exists()


def test_an_import_reads_what_a_spreadsheet_holds_and_refuses_what_it_cannot(world):
    record = make_year(world.partnership, lines=False)
    rows = [{"kind": "In-kind contribution", "line": "Venue", "amount": None},
            {"kind": "OTHER-INCOME", "line": "Fees", "amount": 120.5},
            {"kind": "expenditure", "category": "Multi-agency training and events",
             "line": "Events", "amount": "£1,000"}]
    assert len(services.budget_import(actor=system_actor(), record=record, rows=rows)) == 3
    with pytest.raises(RowsRejected) as rejected:
        services.budget_import(actor=system_actor(), record=record, rows=[
            {"kind": "expenditure", "category": ["staffing"], "line": "x" * 201,
             "amount": "1e99"},
            {"kind": "other income", "line": "Grant", "amount": "NaN", "received": "5"}])
    assert {(p.row, p.field) for p in rejected.value.errors} == {
        (1, "category"), (2, "amount")}
    with pytest.raises(RowsRejected) as rejected:
        services.budget_import(actor=system_actor(), record=record, rows=[
            {"kind": "expenditure", "category": "staffing", "line": "x" * 201,
             "amount": "1e99"},
            {"kind": "other income", "line": "Grant", "amount": "5", "received": "5"}])
    assert {(p.row, p.field) for p in rejected.value.errors} == {
        (1, "line"), (1, "amount"), (2, "received")}
    assert FinanceLine.objects.count() == 3


def test_an_empty_import_or_a_closed_year_is_refused(world):
    record = make_year(world.partnership, lines=False)
    with pytest.raises(ValidationError, match="no budget lines below its header row"):
        services.budget_import(actor=system_actor(), record=record, rows=[])
    record.status = FinanceYear.Status.CLOSED
    record.save()
    with pytest.raises(ValidationError, match="budget is closed"):
        services.budget_import(actor=system_actor(), record=record, rows=_rows(
            ("other income", "", "Fees", "", "5", "", "")))
