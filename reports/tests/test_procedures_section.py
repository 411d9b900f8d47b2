"""The yearly report's procedures section (issue 14) in HTML, PDF and Word, and the Working
Together checklist items for procedures, national responses and communication."""

import datetime
import io

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document

from business import services as business
from core.services import system_actor
from governance import services as governance
from reports import render, selectors
from reports.sections.procedures import report_section
from reports.tests.helpers import make_report

pytestmark = pytest.mark.django_db
D = datetime.date
CHANGED = "Fictional change: early help levels renamed"


def _procedure(partnership, title, *, kind="procedure", last=None, due=None):
    data = {"title": title, "kind": kind, "url": "https://procedures.example/x",
            "last_reviewed_on": last}
    if due:
        data["next_review_due"] = due
    return governance.procedure_create(actor=system_actor(), partnership=partnership,
                                       data=data)


def _version(partnership, procedure, number, on, changed=CHANGED):
    procedure.refresh_from_db()
    return governance.procedure_version_add(
        actor=system_actor(), partnership=partnership, procedure=procedure,
        expected_version=procedure.version,
        data={"number": number, "adopted_on": on, "what_changed": changed})


def _register(world):
    p = world.partnership
    threshold = _procedure(p, "Fictional threshold document", kind="threshold",
                           last=D(2022, 6, 1))
    _version(p, threshold, "3.0", D(2023, 11, 1))
    _procedure(p, "Fictional neglect procedure", last=D(2021, 1, 10), due=D(2023, 1, 10))
    # Reviewed after the year ended: the due date it had then is not known; not counted.
    _procedure(p, "Fictional later procedure", last=D(2024, 5, 1))
    _procedure(world.other, "Another partnership's procedure", last=D(2021, 1, 1),
               due=D(2022, 1, 1))


def _words_docx(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    return "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for r in t.rows for c in r.cells])


def _words_pdf(data: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split())
                    for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_the_section_lists_reviews_versions_and_overdue_reviews(world):
    _register(world)
    s = report_section(world.partnership, D(2023, 4, 1), D(2024, 3, 31), "2023-24")
    assert [(r.title, [v.number for v in r.versions]) for r in s.reviewed] == [
        ("Fictional threshold document", ["3.0"])]
    assert s.threshold_reviewed
    assert [r.title for r in s.overdue] == ["Fictional neglect procedure"]
    assert "Another partnership" not in " ".join(r.title for r in s.rows)
    assert s.summary.startswith("1 procedure reviewed or revised in 2023-24, with 1 new "
                                "version; 1 review overdue on 31 March 2024.")


def test_the_section_reads_a_fixed_number_of_queries(world):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            s = report_section(world.partnership, D(2023, 4, 1), D(2024, 3, 31), "2023-24")
            [(r.versions, r.procedure.owner_group) for r in s.rows]
        return len(ctx.captured_queries)

    _register(world)
    few = count()
    for i in range(10):
        _version(world.partnership, _procedure(world.partnership, f"Procedure {i}",
                                               last=D(2023, 5, 1)), "1.1", D(2023, 6, 1))
    assert count() == few


def test_the_section_is_in_all_three_formats(world):
    _register(world)
    a = selectors.assemble(make_report(world.partnership, 2023), charts=False)
    html = render.body_html(a)
    docx = _words_docx(render.render_docx(a))
    pdf = _words_pdf(render.render_pdf(a))
    for words in (html, docx, pdf):
        assert "Procedures and the threshold document" in words
        assert "Fictional threshold document" in words and CHANGED in words
        assert "Fictional neglect procedure" in words  # overdue at the year's end
        assert "Another partnership" not in words
    assert "Version 3.0 (1 November 2023)" in docx


def test_a_year_with_no_procedures_says_so(world):
    a = selectors.assemble(make_report(world.partnership, 2023), charts=False)
    assert "No procedures are recorded in the register for 2023-24." in (
        render.body_html(a))
    assert "No procedures are recorded in the register for 2023-24." in _words_docx(
        render.render_docx(a))


def _checks(world):
    a = selectors.assemble(make_report(world.partnership, 2023), charts=False)
    return {c.key: c for c in a.checklist}


def test_procedures_are_missed_while_a_review_is_overdue_and_met_once_it_is_done(world):
    _register(world)
    check = _checks(world)["wt2023-procedures"]
    assert not check.met and "1 review overdue" in check.detail
    neglect = world.partnership.procedures.get(title="Fictional neglect procedure")
    governance.procedure_update(actor=system_actor(), partnership=world.partnership,
                                procedure=neglect, expected_version=neglect.version,
                                data={"last_reviewed_on": D(2023, 2, 1),
                                      "next_review_due": D(2025, 2, 1)})
    assert _checks(world)["wt2023-procedures"].met


def test_procedures_without_a_threshold_document_are_missed(world):
    _procedure(world.partnership, "Fictional procedure", last=D(2023, 5, 1))
    check = _checks(world)["wt2023-procedures"]
    assert not check.met and "No threshold document is recorded" in check.detail


def _national(world, **data):
    return business.national_item_create(actor=system_actor(), partnership=world.partnership,
                                         data={"kind": "letter", "issuer": "dfe",
                                               "title": "Fictional letter",
                                               "issued_on": D(2023, 5, 2), **data})


def test_a_national_item_answered_and_saying_what_was_done_meets_the_item(world):
    assert not _checks(world)["wt2023-national"].met  # nothing recorded
    _national(world, status="done", closed_on=D(2023, 6, 1), outcome="Shared with schools.")
    check = _checks(world)["wt2023-national"]
    assert check.met and check.detail == ("1 national item in 2023-24; 0 responses overdue "
                                          "on 31 March 2024.")


def test_a_national_response_overdue_at_the_years_end_misses_the_item(world):
    _national(world, status="in_hand")
    check = _checks(world)["wt2023-national"]
    assert not check.met and "1 response overdue" in check.detail


def test_a_response_that_says_nothing_of_what_was_done_misses_the_item(world):
    _national(world, status="done", closed_on=D(2023, 6, 1))
    check = _checks(world)["wt2023-national"]
    assert not check.met and "No record of what was done for: “Fictional letter”" in (
        check.detail)


def test_communication_is_met_with_items_and_their_reach(world):
    assert not _checks(world)["wt2023-communication"].met
    business.communication_create(actor=system_actor(), partnership=world.partnership, data={
        "kind": "forum", "title": "Fictional DSL forum", "issued_on": D(2023, 10, 1),
        "audience": "schools"})
    check = _checks(world)["wt2023-communication"]
    assert not check.met and "no reach recorded" in check.detail
    business.communication_create(actor=system_actor(), partnership=world.partnership, data={
        "kind": "bulletin", "title": "Fictional bulletin", "issued_on": D(2023, 11, 1),
        "audience": "practitioners", "reach": 250, "measure": "sent_to"})
    assert _checks(world)["wt2023-communication"].met


def test_the_new_items_are_there_for_every_partnership(world):
    from reports.models import ChecklistItem

    keys = set(ChecklistItem.objects.filter(guidance="wt2023").values_list("key", flat=True))
    assert {"wt2023-national", "wt2023-communication", "wt2023-procedures"} <= keys
    for partnership in (world.partnership, world.other):
        a = selectors.assemble(make_report(partnership, 2024), charts=False)
        assert {"wt2023-national", "wt2023-communication", "wt2023-procedures"} <= {
            c.key for c in a.checklist}
