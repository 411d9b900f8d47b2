"""What the report prints, in each of its three formats: every narrative block that can be
written, the publication log and the PDF's bookmarks."""

import datetime
import io

import pypdf
import pytest
from docx import Document

from core.services import system_actor
from reports import render, selectors, services
from reports.models import NarrativeBlock, PublicationEvent
from reports.tests.helpers import make_report

D = datetime.date


def texts(assembly) -> dict[str, str]:
    """The report's text in each format, whitespace folded, for `in` checks."""
    html = render.render_html(assembly)
    pdf = pypdf.PdfReader(io.BytesIO(render.render_pdf(assembly)))
    pdf_text = " ".join((page.extract_text() or "") for page in pdf.pages)
    document = Document(io.BytesIO(render.render_docx(assembly)))
    docx_text = " ".join([p.text for p in document.paragraphs]
                         + [cell.text for t in document.tables for row in t.rows
                            for cell in row.cells])
    return {"html": " ".join(html.split()), "pdf": " ".join(pdf_text.split()),
            "docx": " ".join(docx_text.split())}


@pytest.mark.parametrize("kind", NarrativeBlock.Kind.values)
def test_every_kind_of_block_that_can_be_written_is_printed_in_every_format(world, kind):
    report = make_report(world.partnership)
    services.block_save(actor=system_actor(), report=report, kind=kind,
                        data={"title": f"Heading of {kind}",
                              "body": f"Written text of the {kind} block."},
                        expected_version=0)
    found = texts(selectors.assemble(report, charts=False))
    for fmt, content in found.items():
        assert f"Written text of the {kind} block." in content, fmt


def test_the_publication_log_is_printed_in_every_format(world):
    report = make_report(world.partnership, 2023)
    report.signed_off_on, report.signed_off_by = D(2024, 9, 2), "The lead partners"
    report.save()
    report.publication_events.create(
        recipient_kind=PublicationEvent.Recipient.SCRUTINY_PANEL, how="presented",
        recipient="Alphaton Children and Families Scrutiny Panel", on=D(2024, 11, 6))
    found = texts(selectors.assemble(report, charts=False))
    for fmt, content in found.items():
        assert "Publication and presentation" in content, fmt
        assert ("6 November 2024: presented to Alphaton Children and Families Scrutiny Panel"
                in content), fmt
        assert "Signed off on 2 September 2024 by The lead partners." in content, fmt


def test_a_report_with_no_log_says_so(world):
    found = texts(selectors.assemble(make_report(world.partnership), charts=False))
    for fmt, content in found.items():
        assert "Where the report was sent and presented is not recorded yet." in content, fmt


def test_the_pdfs_first_bookmark_is_the_reports_title(world):
    assembly = selectors.assemble(make_report(world.partnership), charts=False)
    outline = pypdf.PdfReader(io.BytesIO(render.render_pdf(assembly))).outline
    assert outline[0].title == "Alpha Safeguarding Children Partnership: yearly report 2023-24"
