"""One return as a document (a school's Section 175/157 return, an agency's Section 11):
Word and a tagged PDF (PDF/UA-1), both from the same sections the return page shows."""

from __future__ import annotations

import io

from django.template.loader import render_to_string

from .selectors import return_sections

FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "pdf": "application/pdf"}


def _title(ret) -> str:
    case = f", case {ret.case.reference}" if ret.case_id else ""
    return f"{ret.respondent_name}: {ret.cycle.title}{case}"


def render_return(ret, fmt: str) -> bytes:
    sections = return_sections(ret)
    if fmt == "pdf":
        import weasyprint

        html = render_to_string("assurance/return_document.html",
                                {"ret": ret, "title": _title(ret), "sections": sections})
        return weasyprint.HTML(string=html, base_url=".").write_pdf(pdf_variant="pdf/ua-1")
    from docx import Document

    doc = Document()
    doc.core_properties.title, doc.core_properties.language = _title(ret), "en-GB"
    doc.add_heading(_title(ret), level=0)
    doc.add_paragraph(f"Status: {ret.get_status_display()}"
                      + (f", submitted {ret.submitted_at:%d %B %Y}" if ret.submitted_at else "")
                      + f". Tool: {ret.cycle.question_set}.")
    for section in sections:
        doc.add_heading(section.title, level=1)
        for row in section.rows:
            doc.add_paragraph(f"{row.question.code}. {row.question.text}").runs[0].bold = True
            doc.add_paragraph(row.answer.display() if row.answer else "Not answered")
    doc.add_heading("The organisation's actions", level=1)
    doc.add_paragraph(ret.actions or "None recorded.")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
