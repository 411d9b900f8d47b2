"""The yearly report's training section: figures from training.selectors, written into the
Word document (the HTML and PDF use training/_report_section.html)."""

from __future__ import annotations

from training.selectors import ReportSection, report_section

__all__ = ["report_section", "write_docx"]


def write_docx(doc, table, section: ReportSection | None) -> None:
    if section is None or not section.has_records:
        return
    table(["Measure", "Figure"], section.summary(), "Training from the hub's records")
    if section.level_rows():
        table(["Level", "Booked", "Attended"], section.level_rows(), "Attendance by level")
    if section.theme_rows():
        table(["Learning theme", "Booked", "Attended"], section.theme_rows(),
              "Attendance by learning theme")
    if section.event_rows():
        table(["Event", "When", "Attended", "Speakers and facilitators"],
              section.event_rows(), "Events and conferences")
