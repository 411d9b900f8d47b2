"""Imports: reading uploaded CSV / XLSX tables into rows of text keyed by lower-case
header, and the problems by row that reject a whole import (nothing saved)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from openpyxl import load_workbook

TABLE_TYPES = {".csv", ".xlsx"}
# An import with thousands of bad rows lists the first of them and counts the rest.
MAX_LISTED_PROBLEMS = 1000


@dataclass(frozen=True)
class RowProblem:
    row: int
    message: str
    field: str = ""

    def as_dict(self) -> dict:
        data = {"row": self.row, "message": self.message}
        if self.field:
            data["field"] = self.field
        return data


class RowsRejected(Exception):
    """The rows had errors; nothing was saved."""

    def __init__(self, errors: list[RowProblem], rows_processed: int = 0):
        self.total = len(errors)
        self.rows_with_problems = len({p.row for p in errors})
        self.errors = errors[:MAX_LISTED_PROBLEMS]
        self.more = self.total - len(self.errors)
        self.rows_processed = rows_processed
        super().__init__(f"{self.total} problem(s) in the rows")

    @property
    def more_message(self) -> str:
        """"and 4,000 more" when the list was cut short; empty otherwise."""
        return f"and {self.more:,} more" if self.more else ""


# ASCII digits only (str.isdigit also takes "²"), optionally 1,200 and a zero fraction
# (10.0, as a spreadsheet may write a count).
_WHOLE = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.0+)?")
# The largest whole number a PositiveIntegerField holds on every database the hub runs on.
MAX_WHOLE = 2_147_483_647


def whole_number(value) -> int | None:
    """A whole number of 0 or more from a cell (text) or a caller's JSON (a number), within
    what a PositiveIntegerField holds; None if it is not one. The one parser of counts in
    imports (training's completions, business's reach)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            return None
        number = int(value)
    elif isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        number = int(value.strip().split(".")[0].replace(",", ""))
    else:
        return None
    return number if 0 <= number <= MAX_WHOLE else None


def nul_problems(number: int, row: dict) -> list[RowProblem]:
    """A cell holding a NUL character is a problem of its row: no PostgreSQL text column can
    store one, so it must be refused before it reaches a query."""
    return [RowProblem(number, f"The {name} holds a NUL character; remove it.", str(name))
            for name, value in row.items() if isinstance(value, str) and "\x00" in value]


def check_table_file(uploaded):
    """An upload form's check: a CSV or XLSX file within the upload size limit whose content
    is what its name says (core.forms.validate_upload opens it whole)."""
    from .forms import validate_upload

    validate_upload(uploaded, allowed_extensions=TABLE_TYPES,
                    refusal="The file must be a CSV or an Excel (XLSX) file.")
    return uploaded


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(uploaded, *, required: list[str]) -> list[dict[str, str]]:
    """The file's data rows as dicts. Raises ValidationError if it cannot be read or a
    required column is missing."""
    suffix = Path(uploaded.name).suffix.lower()
    if suffix not in TABLE_TYPES:
        raise ValidationError("The file must be a CSV or an Excel (XLSX) file.")
    data = uploaded.read()
    if suffix == ".xlsx":
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a file that is not a workbook
            raise ValidationError("The file is not a readable Excel (XLSX) workbook.") from None
        sheet = book.worksheets[0]
        table = [[_text(c) for c in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError("The CSV file must be saved as UTF-8 text.") from None
        table = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    table = [row for row in table if any(row)]
    if not table:
        raise ValidationError("The file is empty.")
    header = [h.strip().lower() for h in table[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise ValidationError(
            "The first row must name the columns; missing: " + ", ".join(missing) + "."
        )
    rows = []
    for row in table[1:]:
        row = row + [""] * (len(header) - len(row))
        rows.append({h: row[i] for i, h in enumerate(header) if h})
    return rows
