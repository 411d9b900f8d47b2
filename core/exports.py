"""CSV and XLSX exports of any list page: the same columns, the same filtered rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, int | float | str):
        return value
    return str(value)


def _csv_safe(value: Any) -> Any:
    # Spreadsheet formula injection: a cell starting with = + - @ would run as a formula.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def export_response(
    *, rows: Iterable[Any], columns: list[Column], fmt: str, filename: str
) -> HttpResponse:
    headers = [c.header for c in columns]
    if fmt == "xlsx":
        wb = Workbook(write_only=False)
        ws = wb.active
        ws.title = filename[:31]
        ws.append(headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([_csv_safe(_cell(c.value(row))) for c in columns])
        buffer = io.BytesIO()
        wb.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    else:
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_csv_safe(_cell(c.value(row))) for c in columns])
        response = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
