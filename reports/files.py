"""A working report's PDF and Word files, rendered once per change and kept in storage.

Rendering a PDF takes seconds (charts, WeasyPrint). The files are kept in the default storage
under a fingerprint of the report's rendered HTML, which holds every figure and word the
files show: the same fingerprint means the same files, so a download is served from storage
and only a change to the report or its records renders again (in a Celery worker when there
is one, reports.tasks). Published versions are frozen separately (decision 0010)."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from . import render, selectors
from .models import YearlyReport

FOLDER = "reports/rendered"
STORED_FORMATS = ("pdf", "docx")


def fingerprint(report: YearlyReport, assembly=None) -> str:
    assembly = assembly or selectors.assemble(report)
    return hashlib.sha256(render.render_html(assembly).encode()).hexdigest()[:32]


def name_for(report: YearlyReport, fmt: str, print_: str) -> str:
    return f"{FOLDER}/{report.pk}/{print_}.{fmt}"


def stored(report: YearlyReport, fmt: str, print_: str) -> str | None:
    """The storage name of the report's current file, or None if it is not rendered yet."""
    name = name_for(report, fmt, print_)
    return name if default_storage.exists(name) else None


def render_and_store(report: YearlyReport, fmt: str) -> str:
    """Render the file if the report changed since it was last rendered, keep it, drop the
    older renderings of the same format. Safe to run again: an unchanged report does nothing."""
    if fmt not in STORED_FORMATS:
        raise ValueError(f"Only {' and '.join(STORED_FORMATS)} files are kept, not “{fmt}”.")
    assembly = selectors.assemble(report)
    print_ = fingerprint(report, assembly)
    name = name_for(report, fmt, print_)
    if not default_storage.exists(name):
        content = render.render(assembly, fmt)
        if not default_storage.exists(name):  # another worker may have finished meanwhile
            saved = default_storage.save(name, ContentFile(content))
            if saved != name:  # it did, between the check and the save: keep one copy
                default_storage.delete(saved)
    folder = f"{FOLDER}/{report.pk}"
    _, files = default_storage.listdir(folder)
    for other in files:
        if other.endswith(f".{fmt}") and other != f"{print_}.{fmt}":
            default_storage.delete(f"{folder}/{other}")
    return name
