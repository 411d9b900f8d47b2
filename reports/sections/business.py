"""The yearly report's parts that come from the business app (issue 14): the national
agenda, communication totals, "you said, we did" (consented items only) and independent
scrutiny (the scrutineer's approved statement and the year's scrutiny activities). The
figures are computed in business.selectors; this module only places them in the report."""

from __future__ import annotations

from business.selectors import ReportSection, report_section

from ..models import YearlyReport


def section(report: YearlyReport) -> ReportSection:
    return report_section(report.partnership, report.starts_on, report.ends_on)


def has_records(a, kind: str) -> bool:
    """Whether the business records fill an activity section (so it says nothing of none)."""
    b = a.business
    if b is None:
        return False
    return bool({"communication": b.communication, "voice": b.voice}.get(kind))


def _quote(text: str) -> str:
    return f"“{text.strip()}”"


def write_docx(doc, a, table, part: str) -> bool:
    """Write one part into the Word file (with render.render_docx's table helper); False
    when there is nothing to write."""
    b = a.business
    if b is None:
        return False
    if part == "national":
        doc.add_heading("National reviews, letters and guidance", level=1)
        if not b.national_items:
            doc.add_paragraph(f"No national letters, reviews or guidance are recorded for "
                              f"{a.label}.")
            return False
        table(["Item", "From", "Issued", "What the partnership did", "Status"],
              [(n.title, n.get_issuer_display(), f"{n.issued_on:%-d %B %Y}",
                n.outcome or n.circulated_to or "Not recorded", n.get_status_display())
               for n in b.national_items], "National items and the partnership's response")
        return True
    if part == "communication" and b.communication:
        table(["Kind", "Items", "Reach"],
              [(k.label, k.items, "; ".join(f"{v:,} {m.lower()}" for m, v in k.reach)
                or "Not recorded") for k in b.communication],
              f"Communication in {a.label}")
        return True
    if part == "voice" and b.voice:
        table(["You said", "We did"],
              [(_quote(v.said), v.what_changed or "Not recorded yet") for v in b.voice],
              "You said, we did")
        return True
    if part == "scrutiny":
        wrote = False
        if b.statement is not None:
            doc.add_heading("The independent scrutineer's statement", level=2)
            for paragraph in b.statement.text.split("\n\n"):
                doc.add_paragraph(paragraph.strip())
            wrote = True
        if b.scrutiny:
            table(["Scrutiny", "Date", "Findings", "The partnership's response"],
                  [(f"{s.title} ({s.get_kind_display()})", f"{s.held_on:%-d %B %Y}",
                    s.finding_count, s.get_response_display()) for s in b.scrutiny],
                  f"Scrutiny activities in {a.label}")
            wrote = True
        return wrote
    return False
