"""The three outputs of one assembled report (reports.selectors.assemble): accessible HTML,
tagged PDF (WeasyPrint, PDF/UA-1) and editable Word (python-docx)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string

from core.templatetags.hub import count_noun

from . import text
from .models import ActivityItem
from .sections import business as business_part
from .sections import procedures as procedures_section
from .sections import training as training_section
from .selectors import Assembly, next_year_label

FORMATS = ("html", "pdf", "docx")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def other_sections(a: Assembly) -> list[tuple[str, str, str]]:
    """(activity kind, heading, what the section says when there are no records; empty when
    the business or training records fill it)."""
    sections = [
        (ActivityItem.Kind.AUDIT, "Multi-agency audits",
         f"No multi-agency audits are recorded in the hub for {a.label}."),
        (ActivityItem.Kind.TRAINING, "Training and workforce development",
         f"No training is recorded in the hub for {a.label}."),
        (ActivityItem.Kind.COMMUNICATION, "Communication and engagement",
         f"No communication or engagement work is recorded in the hub for {a.label}."),
        (ActivityItem.Kind.VOICE, "Voice of the child and family",
         f"No feedback from children and families is recorded in the hub for {a.label}."),
    ]
    def filled(kind):
        # The business app's records, or the training records, fill the section.
        return business_part.has_records(a, kind) or (
            kind == ActivityItem.Kind.TRAINING and a.training is not None
            and a.training.has_records)

    return [(kind, heading, "" if filled(kind) else none) for kind, heading, none in sections]


def context(a: Assembly) -> dict:
    return {"a": a, "sections": other_sections(a), "next_label": next_year_label(a.report.year_start)}


def body_html(a: Assembly) -> str:
    return render_to_string("reports/_report_body.html", context(a))


def render_html(a: Assembly) -> str:
    return render_to_string("reports/report_document.html", context(a))


def render_pdf(a: Assembly) -> bytes:
    import weasyprint

    document = weasyprint.HTML(string=render_html(a), base_url=".")
    # PDF/UA-1: tagged structure, document title and language; headings become bookmarks.
    return document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)


def render_docx(a: Assembly) -> bytes:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.language = a.title, a.partnership.name, "en-GB"
    doc.add_heading(a.partnership.name, level=0)
    doc.add_paragraph(f"Yearly report {a.label} (1 April {a.starts_on.year} to 31 March "
                      f"{a.ends_on.year})")

    def table(headers, rows, caption):
        doc.add_paragraph(caption).runs[0].bold = True
        t = doc.add_table(rows=1, cols=len(headers))
        t.style = "Table Grid"
        for cell, value in zip(t.rows[0].cells, headers, strict=True):
            cell.text = value
            cell.paragraphs[0].runs[0].bold = True
        for row in rows:
            cells = t.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = str(value)
        return t

    def narrative(block, heading_level=None):
        if block is None or not block.has_text:
            return False
        if heading_level:
            doc.add_heading(block.title, level=heading_level)
        for style, content in text.blocks(block.body):
            if style in ("h3", "h4"):
                doc.add_heading(content, level=3 if style == "h3" else 4)
            elif style.startswith("li-"):
                doc.add_paragraph(content, style="List Bullet" if style == "li-ul"
                                  else "List Number")
            elif style == "quote":
                doc.add_paragraph(content, style="Intense Quote")
            else:
                doc.add_paragraph(content)
        if block.author:
            doc.add_paragraph().add_run(block.author).bold = True
        return True

    def chart(key):
        for c in a.charts:
            if c.key == key:
                doc.add_picture(io.BytesIO(c.png), width=Cm(15))
                # Word's alternative text lives on the drawing's docPr element.
                doc.inline_shapes[-1]._inline.docPr.set("descr", c.alt)
                doc.inline_shapes[-1]._inline.docPr.set("title", c.title)

    def bullets(items, empty):
        if not items:
            doc.add_paragraph(empty)
        for item in items:
            doc.add_paragraph(str(item), style="List Bullet")

    def priority_details(p):
        """Key measures (latest value and RAG by area) and planned interventions."""
        doc.add_paragraph().add_run("Key measures:").bold = True
        bullets([f"{m.label}{f' ({m.note})' if m.note else ''}: {m.summary}"
                 for m in p.measure_rows], "None linked.")
        doc.add_paragraph().add_run("Planned interventions:").bold = True
        bullets(p.intervention_list, "None recorded.")

    doc.add_heading("The year in figures", level=1)
    table(["Figure", a.label, "How it is counted"],
          [(h.label, h.display, h.rule) for h in a.headlines],
          f"Headline figures for {a.label}, computed from the partnership's records")

    for kind in ("foreword", "introduction"):
        narrative(a.block(kind), heading_level=1)

    doc.add_heading("Vision and priorities", level=1)
    doc.add_paragraph(a.report.vision or f"No vision statement is recorded for {a.label}.")
    if not a.priorities:
        doc.add_paragraph(f"No priorities are recorded for {a.label}.")
    for n, p in enumerate(a.priorities, start=1):
        doc.add_heading(f"Priority {n}: {p.title}", level=2)
        for label, value in (("Aim", p.aim), ("Lead partner", p.lead_partner or ""),
                             ("What has been done", p.done or "Nothing is recorded."),
                             ("Impact", p.impact or "No impact is recorded."),
                             ("Next steps", p.next_steps or "None recorded.")):
            if value:
                para = doc.add_paragraph()
                para.add_run(f"{label}: ").bold = True
                para.add_run(str(value))
        if p.little_progress:
            doc.add_paragraph("Progress: little or no evidence of progress this year")
        priority_details(p)
    narrative(a.block("little_progress"), heading_level=2)
    narrative(a.block("impact"), heading_level=1)

    doc.add_heading("Partners and structure", level=1)
    doc.add_heading("Safeguarding partners", level=2)
    bullets([o.name for o in a.statutory_partners], "No statutory partners are recorded.")
    doc.add_heading("Relevant agencies", level=2)
    bullets([o.name for o in a.relevant_agencies], "No relevant agencies are recorded.")
    doc.add_heading("How the partnership is organised", level=2)
    if a.groups:
        table(["Group", "Kind", "Chair", "Meets", "Meetings held"],
              [("– " * g.depth + g.name, g.kind, g.chair or "–", g.meets, g.meetings_held)
               for g in a.groups],
              f"Groups, who chairs them, how often they meet and meetings held in {a.label}")
    else:
        doc.add_paragraph("No groups are recorded.")

    doc.add_heading("Local context and the year's figures", level=1)
    bullets([area.text for area in a.areas], "No areas are recorded.")
    if a.figures:
        table(["Area", "Indicator", a.previous_label, a.label, "Change", "Benchmark or rank"],
              [(f.area, f.indicator + (" (synthetic demo figure)" if f.synthetic else "")
                + (f" Source: {f.source}" if f.source else ""),
                f.previous, f.value, f.change, f.comparison or "–") for f in a.figures],
              f"Figures for {a.label} beside the year before, with the change (per cent for "
              "counts and rates, percentage points for percentages) and, where known, a "
              "benchmark or national rank")
    else:
        doc.add_paragraph(f"No yearly figures for {a.label} are recorded in the performance "
                          "framework.")

    doc.add_heading("The year month by month", level=1)
    chart("activity")
    for month in a.months:
        doc.add_heading(month.label, level=2)
        if not month.items:
            doc.add_paragraph(f"No activity is recorded for {month.label}.")
        for item in month.items:
            doc.add_heading(item.title, level=3)
            if item.description:
                doc.add_paragraph(item.description)
            if item.numbers:
                doc.add_paragraph(item.numbers)
            para = doc.add_paragraph()
            para.add_run("Safeguarding impact: ").bold = True
            para.add_run(item.impact or "not recorded")

    r = a.reviews
    doc.add_heading("Rapid reviews and practice reviews", level=1)
    bullets([
        f"{count_noun(r.rapid_reviews, 'rapid review')} into serious incidents; "
        f"{r.led_to_local_review} led "
        f"to a local child safeguarding practice review.",
        f"{count_noun(r.started, 'local practice review')} started; {r.started_completed} of "
        "them signed off "
        f"by 31 March {a.ends_on.year}.",
        f"{count_noun(r.signed_off, 'review')} signed off and {r.published} published in the "
        f"year, with {count_noun(r.briefings, 'seven-minute briefing')}.",
        f"{count_noun(r.learning_events, 'learning event')} held in the year shared reviews' "
        f"learning with {count_noun(r.learning_event_attendees, 'practitioner')}.",
    ], "")
    if r.published_list:
        doc.add_heading(f"Reviews published in {a.label}", level=2)
        bullets([f"{p.pseudonym} ({p.get_kind_display()}), published {p.published_shown}"
                 for p in r.published_list], "")
        if r.month_only_note:
            doc.add_paragraph(r.month_only_note)
    doc.add_heading("Acting on reviews' recommendations", level=2)
    doc.add_paragraph(
        f"{count_noun(r.review_actions, 'action')} from case reviews "
        f"{'was' if r.review_actions == 1 else 'were'} in the year's plan (due by 31 March "
        f"{a.ends_on.year} and still open on 1 April {a.starts_on.year}, or finished in the "
        f"year); {r.review_actions_done} {'was' if r.review_actions_done == 1 else 'were'} "
        "completed in the year.")
    for item in a.activity("review"):
        para = doc.add_paragraph()
        para.add_run(f"{item.title} ({item.on:%B %Y}). ").bold = True
        para.add_run(f"{item.description} Improvement: {item.impact or 'not recorded'}")

    act = a.actions
    doc.add_heading("Learning and the action plan", level=1)
    doc.add_paragraph(
        f"{count_noun(act.total, 'action')} in the combined learning action plan "
        f"{'was' if act.total == 1 else 'were'} due or completed in "
        f"{a.label}: {act.completed_in_year} completed in the year, {act.signed_off} signed "
        f"off ({act.signed_off_with_evidence} with evidence), and {act.open_overdue} past their due date and still open (as recorded on "
        f"{a.today:%-d %B %Y}).")
    chart("actions")
    if act.total:
        table(["Status", "Actions"], act.by_status, "Actions by status")

    for kind, heading, none in other_sections(a):
        doc.add_heading(heading, level=1)
        rows = a.activity(kind)
        if not rows and none:
            doc.add_paragraph(none)
        for item in rows:
            doc.add_heading(f"{item.title} ({item.on:%B %Y})", level=2)
            if item.description:
                doc.add_paragraph(item.description)
            if item.numbers:
                doc.add_paragraph(item.numbers)
            para = doc.add_paragraph()
            para.add_run("Safeguarding impact: ").bold = True
            para.add_run(item.impact or "not recorded")
        business_part.write_docx(doc, a, table, kind)
        if kind == "training":
            training_section.write_docx(doc, table, a.training)
        if kind == "voice":
            narrative(a.block("voice"))

    business_part.write_docx(doc, a, table, "national")
    procedures_section.write_docx(doc, table, a.procedures)

    f = a.finance
    assurance_docx(doc, a, table)

    doc.add_heading("Finance", level=1)
    if f.record is None:
        doc.add_paragraph(f"No finance record for {a.label} is held in the hub.")
    else:
        if f.missing:
            doc.add_paragraph(f"Not recorded for {a.label}: {', '.join(f.missing)}. Figures "
                              "that depend on them are shown as not recorded.")

        def pounds(value):
            return "not recorded" if value is None else f"{value:,.0f}"

        rows = [(f"Contribution: {line.name}", pounds(line.amount))
                for line in f.contribution_lines]
        rows += [(f"Other income: {line.name}", pounds(line.amount))
                 for line in f.other_income_lines]
        rows += [(f"Expenditure: {c.label}", pounds(c.total)) for c in f.by_category]
        rows += [("Total income", pounds(f.income)),
                 ("Total expenditure", pounds(f.expenditure)),
                 ("Balance for the year", pounds(f.balance)),
                 ("Reserves brought forward", pounds(f.brought_forward)),
                 ("Reserves carried forward", pounds(f.carried_forward))]
        table(["Item", "£"], rows, f"Budget {a.label} (pounds)")
        if f.in_kind:
            doc.add_paragraph("In-kind contributions (not in the totals): " + "; ".join(
                line.describe for line in f.in_kind) + ".")
        chart("finance")
        if len(a.finance_history) > 1:
            table(["Financial year", "Income", "Spending", "Reserves carried forward"],
                  [(y.label, pounds(y.income), pounds(y.expenditure),
                    pounds(y.carried_forward)) for y in a.finance_history],
                  f"Income, spending and reserves carried forward, "
                  f"{a.finance_history[0].label} to {a.label} (pounds)")

    doc.add_heading("Independent scrutiny", level=1)
    if not narrative(a.block("scrutiny"), heading_level=2) and (
            a.business is None or a.business.statement is None):
        doc.add_paragraph(f"The independent scrutineer's statement is not recorded for "
                          f"{a.label}.")
    business_part.write_docx(doc, a, table, "scrutiny")

    label = next_year_label(a.report.year_start)
    doc.add_heading(f"Priorities for {label}", level=1)
    narrative(a.block("next_year"))
    if not a.next_priorities:
        doc.add_paragraph(f"No priorities for {label} are recorded.")
    for n, p in enumerate(a.next_priorities, start=1):
        doc.add_heading(f"{n}. {p.title}", level=2)
        for label, value in (("Aim", p.aim), ("Lead partner", p.lead_partner or "")):
            if value:
                para = doc.add_paragraph()
                para.add_run(f"{label}: ").bold = True
                para.add_run(str(value))
        priority_details(p)

    doc.add_heading("Publication and presentation", level=1)
    if a.report.signed_off_on:
        doc.add_paragraph(f"Signed off on {a.report.signed_off_on:%-d %B %Y} by "
                          f"{a.report.signed_off_by}.")
    bullets([f"{e.on:%-d %B %Y}: {e.get_how_display().lower()} to {e.recipient} "
             f"({e.get_recipient_kind_display()})" for e in a.publication_events],
            "Where the report was sent and presented is not recorded yet.")

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def assurance_docx(doc, a: Assembly, table) -> None:
    """The quality assurance section, as the HTML's _assurance_section.html says it."""
    doc.add_heading("Quality assurance: audits and returns", level=1)
    s = a.assurance
    if s is None or not s.any:
        doc.add_paragraph(f"No audit or self-assessment returns fell due in {a.label} in "
                          "the hub.")
        return
    themes = f" on {', '.join(s.themes)}" if s.themes else ""
    grades = "; ".join(f"{label.lower()}: {n}" for label, n in s.grades)
    doc.add_paragraph(
        f"{count_noun(len(s.case_audits), 'multi-agency case audit')}{themes}, looking at "
        f"{count_noun(s.cases, 'graded case')}{f' ({grades})' if grades else ''}. Their "
        f"{count_noun(s.findings, 'finding')} led to {count_noun(s.actions, 'action')} in the "
        f"combined learning action plan, {s.actions_completed} completed.")
    if s.returns:
        table(["Cycle", "Kind", "Returns in", "Response rate", "Challenges concluded"],
              [[c.title, c.kind, c.returns_in,
                f"{c.rate}%" if c.rate is not None else "–", str(c.challenges)]
               for c in s.returns],
              f"Returns due in {a.label}: response rates and challenge")
    for title, response in getattr(s, "schools", []):
        table(["Council area", "Responded", "Response rate"],
              [[r.area, f"{r.responded} of {r.asked}",
                f"{r.rate}%" if r.rate is not None else "–"]
               for r in [*response.areas, response.overall]],
              f"{title}: schools and colleges that responded, by council area")


def render(a: Assembly, fmt: str) -> bytes:
    if fmt == "html":
        return render_html(a).encode()
    if fmt == "pdf":
        return render_pdf(a)
    if fmt == "docx":
        return render_docx(a)
    raise ValueError(f"Unknown format “{fmt}”: choose html, pdf or docx.")
