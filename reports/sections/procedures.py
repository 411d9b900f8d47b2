"""The yearly report's procedures section (issue 14): the multi-agency procedures and the
threshold document reviewed during the year, the versions adopted in it with what changed,
and the reviews overdue at the year's end. The records are the governance register's
(governance.selectors.procedures); this module reads them for one reporting year."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from core.dates import long_date
from core.deadlines import Status, status_of
from core.templatetags.hub import count_noun
from governance.models import Procedure, ProcedureVersion
from governance.selectors import procedures


@dataclass
class ProcedureRow:
    procedure: Procedure
    reviewed_in_year: bool
    versions: list  # ProcedureVersion adopted in the year, oldest first
    overdue_at_year_end: bool

    @property
    def title(self) -> str:
        return self.procedure.title

    @property
    def is_threshold(self) -> bool:
        return self.procedure.kind == Procedure.Kind.THRESHOLD


@dataclass
class ProceduresSection:
    label: str
    ends_on: datetime.date
    rows: list[ProcedureRow] = field(default_factory=list)

    @property
    def reviewed(self) -> list[ProcedureRow]:
        """Reviewed in the year or given a new version in it."""
        return [r for r in self.rows if r.reviewed_in_year or r.versions]

    @property
    def overdue(self) -> list[ProcedureRow]:
        return [r for r in self.rows if r.overdue_at_year_end]

    @property
    def thresholds(self) -> list[ProcedureRow]:
        return [r for r in self.rows if r.is_threshold]

    @property
    def threshold_reviewed(self) -> bool:
        return any(r.reviewed_in_year or r.versions for r in self.thresholds)

    @property
    def version_count(self) -> int:
        return sum(len(r.versions) for r in self.rows)

    @property
    def any(self) -> bool:
        return bool(self.rows)

    @property
    def summary(self) -> str:
        return summary(self)

    @property
    def none_text(self) -> str:
        return none_text(self.label)


def _overdue_at(procedure: Procedure, end: datetime.date) -> bool:
    """Overdue at the year's end as the register records it: the next review fell due by
    then and no review since is recorded. A procedure reviewed after the year no longer
    holds the due date it had then, so it is not counted."""
    due, last = procedure.next_review_due, procedure.last_reviewed_on
    if due is None or (last is not None and last > end):
        return False
    return status_of(due, None, end) == Status.OVERDUE


def report_section(partnership, start: datetime.date, end: datetime.date,
                   label: str) -> ProceduresSection:
    """Two queries whatever the number of procedures and versions."""
    in_year = ProcedureVersion.objects.filter(adopted_on__gte=start, adopted_on__lte=end
                                              ).order_by("adopted_on", "id")
    rows = []
    for p in procedures(partnership).prefetch_related(
            Prefetch("versions", queryset=in_year, to_attr="versions_in_year")):
        reviewed = p.last_reviewed_on is not None and start <= p.last_reviewed_on <= end
        rows.append(ProcedureRow(procedure=p, reviewed_in_year=reviewed,
                                 versions=p.versions_in_year,
                                 overdue_at_year_end=_overdue_at(p, end)))
    return ProceduresSection(label=label, ends_on=end, rows=rows)


def summary(s: ProceduresSection) -> str:
    """The section's opening sentence, the same in every format."""
    threshold = ("The threshold document was reviewed in the year." if s.threshold_reviewed
                 else "The threshold document was not reviewed in the year."
                 if s.thresholds else "No threshold document is recorded in the register.")
    return (f"{count_noun(s.reviewed, 'procedure')} reviewed or revised in {s.label}, with "
            f"{count_noun(s.version_count, 'new version')}; "
            f"{count_noun(s.overdue, 'review')} overdue on {long_date(s.ends_on)}. "
            f"{threshold}")


def none_text(label: str) -> str:
    return f"No procedures are recorded in the register for {label}."


def version_text(v) -> str:
    return f"Version {v.number} ({long_date(v.adopted_on)}): {v.what_changed}"


def write_docx(doc, table, s: ProceduresSection) -> None:
    """The section in the Word file, as the HTML's sections/procedures.html says it."""
    doc.add_heading("Procedures and the threshold document", level=1)
    if not s.any:
        doc.add_paragraph(s.none_text)
        return
    doc.add_paragraph(summary(s))
    if s.reviewed:
        table(["Procedure", "Reviewed on", "Versions adopted and what changed"],
              [(r.title + (" (threshold document)" if r.is_threshold else ""),
                long_date(r.procedure.last_reviewed_on) if r.reviewed_in_year else "–",
                "; ".join(version_text(v) for v in r.versions) or "No new version")
               for r in s.reviewed],
              f"Procedures reviewed or revised in {s.label}")
    if s.overdue:
        table(["Procedure", "Review was due"],
              [(r.title, long_date(r.procedure.next_review_due)) for r in s.overdue],
              f"Reviews overdue on {long_date(s.ends_on)}")
