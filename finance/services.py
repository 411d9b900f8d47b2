"""Every write to a budget: years, lines, the import of a year's budget, closing and
reopening. Each asks the policy first and writes an audit row; a closed year is final."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from core.models import Organisation
from core.policy import require
from core.services import model_create, model_delete, model_update
from core.tabular import RowProblem, RowsRejected

from . import selectors
from .models import FinanceLine, FinanceYear

YEAR_FIELDS = ["brought_forward", "published_income", "published_expenditure",
               "published_balance", "published_carried_forward", "notes"]
LINE_FIELDS = ["kind", "category", "label", "organisation", "amount", "received",
               "received_on"]


def _refuse_if_closed(record: FinanceYear) -> None:
    if record.is_closed:
        raise ValidationError(f"The {record.label} budget is closed: reopen it to change it.")


def _carried_in(record: FinanceYear) -> tuple[FinanceYear | None, Decimal | None]:
    """The previous year, if closed, and the reserve it carried into this one."""
    previous = selectors.previous_year(record)
    if previous is None or not previous.is_closed:
        return None, None
    return previous, selectors.compute(previous).carried_forward


def _check_partner(partnership, organisation) -> None:
    if organisation is not None and not Organisation.objects.filter(
            pk=organisation.pk, partnerships=partnership).exists():
        raise ValidationError({"organisation": "Choose a partner of this partnership."})


def year_create(*, actor, partnership, data: dict) -> FinanceYear:
    """Start a year's budget. If the year before is closed, its carried-forward reserve is
    this year's brought-forward, whatever was typed."""
    require(actor, "finance.manage_budget", partnership)
    year_start = data.get("year_start")
    if not isinstance(year_start, int):
        raise ValidationError({"year_start": "Enter the year the financial year starts in, "
                                             "such as 2024 for 2024-25."})
    if FinanceYear.objects.filter(partnership=partnership, year_start=year_start).exists():
        raise ValidationError({"year_start": "This partnership already has a budget for that "
                                             "year: open it from the list."})
    record = FinanceYear(partnership=partnership, year_start=year_start)
    values = {name: data.get(name) for name in YEAR_FIELDS if name in data}
    previous, carried = _carried_in(record)
    if previous is not None:
        values["brought_forward"] = carried
    return model_create(model_class=FinanceYear, actor=actor, partnership=partnership,
                        data={"partnership": partnership, "year_start": year_start, **values})


def year_update(*, actor, record: FinanceYear, data: dict,
                expected_version: int | None) -> FinanceYear:
    """Change the reserves brought forward, the published figures or the notes of an open
    year. Brought-forward reserves that came from closing the year before are not typed."""
    require(actor, "finance.manage_budget", record)
    _refuse_if_closed(record)
    previous, carried = _carried_in(record)
    if previous is not None and "brought_forward" in data and data["brought_forward"] != carried:
        raise ValidationError({"brought_forward": (
            f"The reserves brought forward are {previous.label}'s carried-forward reserve "
            f"(£{carried:,.2f}), set when that year closed: reopen {previous.label} to "
            "change them.")})
    return model_update(instance=record, fields=YEAR_FIELDS, data=data, actor=actor,
                        expected_version=expected_version, partnership=record.partnership)


def line_add(*, actor, record: FinanceYear, data: dict) -> FinanceLine:
    require(actor, "finance.manage_budget", record)
    _refuse_if_closed(record)
    _check_partner(record.partnership, data.get("organisation"))
    return model_create(model_class=FinanceLine, actor=actor, partnership=record.partnership,
                        data={"finance_year": record,
                              **{k: v for k, v in data.items() if k in LINE_FIELDS}})


def line_remove(*, actor, line: FinanceLine) -> None:
    require(actor, "finance.manage_budget", line.finance_year)
    _refuse_if_closed(line.finance_year)
    model_delete(instance=line, actor=actor, partnership=line.finance_year.partnership)


# ---- import ------------------------------------------------------------------------------

IMPORT_COLUMNS = ["kind", "category", "line", "partner", "amount", "received",
                  "received_on"]
IMPORT_REQUIRED = ["kind", "amount"]
# The model's field names as the file's columns name them.
IMPORT_COLUMN_OF = {"label": "line", "organisation": "partner"}


def _text(value) -> str:
    """A cell as text: blank if empty (an API may send null, numbers or worse)."""
    return "" if value is None else str(value).strip()


def _words(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split())


def _choice(value: str, choices) -> str | None:
    """A choice given by its value or its label (with or without its bracketed note), in
    any case; "" if blank, None if it is none of them."""
    wanted = _words(value)
    if not wanted:
        return ""
    for key, label in choices:
        if wanted in {_words(key), _words(label), _words(label.split(" (")[0])}:
            return key
    return None


def _money(value: str) -> Decimal | None:
    text = value.replace("£", "").replace(",", "").replace(" ", "")
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError from None
    if not amount.is_finite():
        raise ValueError
    return amount


def _date(value: str) -> datetime.date | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError


def _line_from_row(number: int, row: dict, partners: dict[str, Organisation]
                   ) -> tuple[dict[str, Any], list[RowProblem]]:
    """A row's line, and its problems, each naming the column."""
    cell = {column: _text(row.get(column)) for column in IMPORT_COLUMNS}
    problems: list[RowProblem] = []
    data: dict[str, Any] = {"label": cell["line"], "organisation": None}
    kind = _choice(cell["kind"], FinanceLine.Kind.choices)
    if not kind:
        problems.append(RowProblem(number, (
            f"“{cell['kind']}” is not a kind of line; " if cell["kind"] else "Enter the kind; ")
            + "say contribution, other income, expenditure or in kind.", "kind"))
    data["kind"] = kind or ""
    category = _choice(cell["category"], FinanceLine.Category.choices)
    if category is None:
        problems.append(RowProblem(number, f"“{cell['category']}” is not a category; use "
                                   "one of " + ", ".join(
                                       label for _, label in FinanceLine.Category.choices)
                                   + ".", "category"))
    data["category"] = category or ""
    if cell["partner"]:
        data["organisation"] = partners.get(cell["partner"].lower())
        if data["organisation"] is None:
            problems.append(RowProblem(number, f"“{cell['partner']}” is not a partner of "
                                       "this partnership (write its name as the hub holds "
                                       "it).", "partner"))
    for name in ("amount", "received"):
        try:
            data[name] = _money(cell[name])
        except ValueError:
            problems.append(RowProblem(number, f"“{cell[name]}” is not an amount in pounds "
                                       "(write 1200 or £1,200.50).", name))
            data[name] = None
    try:
        data["received_on"] = _date(cell["received_on"])
    except ValueError:
        problems.append(RowProblem(number, f"“{cell['received_on']}” is not a date (write "
                                   "2024-05-31 or 31/05/2024).", "received_on"))
        data["received_on"] = None
    return data, problems


def budget_import(*, actor, record: FinanceYear, rows: list[dict]) -> list[FinanceLine]:
    """Add a year's budget lines from a table (CSV or XLSX rows, keyed by lower-case
    header): every row is saved, or none and each problem is named by its row, counted from
    1 for the first row below the header (core.tabular.RowsRejected)."""
    require(actor, "finance.manage_budget", record)
    _refuse_if_closed(record)
    if not rows:
        raise ValidationError("The file has no budget lines below its header row.")
    partners = {o.name.lower(): o for o in
                Organisation.objects.filter(partnerships=record.partnership)}
    problems: list[RowProblem] = []
    lines = []
    for number, row in enumerate(rows, start=1):
        data, row_problems = _line_from_row(number, row, partners)
        if not row_problems:
            try:
                FinanceLine(finance_year=record, **data).full_clean(exclude=["finance_year"])
            except ValidationError as error:
                row_problems = [
                    RowProblem(number, message, IMPORT_COLUMN_OF.get(name, name)
                               if name != NON_FIELD_ERRORS else "")
                    for name, messages in error.message_dict.items() for message in messages]
        problems += row_problems
        lines.append(data)
    if problems:
        raise RowsRejected(problems, rows_processed=len(rows))
    with transaction.atomic():
        created = [model_create(model_class=FinanceLine, actor=actor,
                                partnership=record.partnership,
                                data={"finance_year": record, **data}) for data in lines]
    return created


# ---- closing and reopening ---------------------------------------------------------------

def year_close(*, actor, record: FinanceYear, expected_version: int | None,
               closed_on: datetime.date | None = None) -> FinanceYear:
    """Close a year: its figures are final and its carried-forward reserve becomes the next
    year's brought-forward (the next year is started if it has no budget yet)."""
    require(actor, "finance.manage_budget", record)
    _refuse_if_closed(record)
    figures = selectors.compute(record)
    if figures.carried_forward is None:
        raise ValidationError(
            f"Record {', '.join(figures.missing)} before closing {record.label}: the reserve "
            "it carries forward is computed from them.")
    closed_on = closed_on or timezone.localdate()
    with transaction.atomic():
        record = model_update(instance=record, fields=["status", "closed_on"],
                              data={"status": FinanceYear.Status.CLOSED,
                                    "closed_on": closed_on},
                              actor=actor, expected_version=expected_version,
                              partnership=record.partnership)
        following = selectors.next_year(record)
        if following is None:
            model_create(model_class=FinanceYear, actor=actor, partnership=record.partnership,
                         data={"partnership": record.partnership,
                               "year_start": record.year_start + 1,
                               "brought_forward": figures.carried_forward})
        elif following.is_closed:
            raise ValidationError(f"{following.label} is already closed: reopen it first.")
        else:
            model_update(instance=following, fields=["brought_forward"],
                         data={"brought_forward": figures.carried_forward}, actor=actor,
                         expected_version=following.version, partnership=record.partnership)
    return record


def year_reopen(*, actor, record: FinanceYear, expected_version: int | None) -> FinanceYear:
    """Reopen a closed year, unless the next year already has entries (its figures start
    from this year's reserve)."""
    require(actor, "finance.manage_budget", record)
    if not record.is_closed:
        raise ValidationError(f"The {record.label} budget is not closed.")
    following = selectors.next_year(record)
    if following is not None and selectors.has_entries(following):
        raise ValidationError(
            f"{record.label} cannot be reopened: {following.label} already has entries and "
            f"starts from the reserve {record.label} carried forward.")
    with transaction.atomic():
        if following is not None:
            # The reserve came from this close; it is carried again when the year closes.
            model_update(instance=following, fields=["brought_forward"],
                         data={"brought_forward": None}, actor=actor,
                         expected_version=following.version, partnership=record.partnership)
        record = model_update(instance=record, fields=["status", "closed_on"],
                              data={"status": FinanceYear.Status.OPEN, "closed_on": None},
                              actor=actor, expected_version=expected_version,
                              partnership=record.partnership)
    return record
