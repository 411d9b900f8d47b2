"""The yearly report's quality assurance section: its figures are computed by the assurance
app's selectors; this is the report's one call."""

from assurance.selectors import report_section


def section(partnership, start, end):
    return report_section(partnership, start, end)
