"""The yearly report's assurance section and checklist item come from the records, in all
three formats."""

import datetime
import io

import pytest
from docx import Document

from assurance import services
from assurance.models import Return
from assurance.tests.helpers import CASE_AUDIT, cycle, submit
from core.services import system_actor
from learning.models import Theme
from learning.services.actions import finding_create
from reports import render
from reports.selectors import assemble
from reports.tests.helpers import make_report

pytestmark = pytest.mark.django_db


def _year_of_assurance(w):
    """A Section 11 cycle due in 2023-24 with two of three returns in, and a graded case
    audit on neglect with one finding."""
    s11 = cycle(w, title="Section 11 2023-24")
    s11.opens_on, s11.due_on = datetime.date(2023, 9, 1), datetime.date(2023, 12, 1)
    s11.save()
    for org in ("council", "police"):
        submit(Return.objects.get(cycle=s11, organisation=w.orgs[org]))
    theme, _ = Theme.objects.get_or_create(name="Neglect")
    audit = cycle(w, title="Audit: neglect", spec=CASE_AUDIT, orgs=[w.orgs["council"]],
                  theme=theme)
    audit.opens_on, audit.due_on = datetime.date(2023, 10, 1), datetime.date(2023, 11, 1)
    audit.save()
    case = services.case_add(actor=system_actor(), cycle=audit, data={"reference": "MACA-1"})
    services.case_grade(actor=system_actor(), case=case, expected_version=case.version,
                        data={"grade": "good"})
    finding_create(actor=system_actor(), partnership=w.partnership, source=audit.source,
                   text="Step-down plans lacked the child's view.", themes=[theme])


def test_the_section_and_checklist_item_come_from_the_records(world):
    report = make_report(world.partnership, 2023)
    empty = assemble(report, charts=False)
    item = next(c for c in empty.checklist if c.key == "wt2023-assurance")
    assert not item.met and "0 case audits and 0 returns" in item.detail

    _year_of_assurance(world)
    a = assemble(report, charts=False)
    s = a.assurance
    assert [(c.title, c.done, c.expected, c.rate) for c in s.returns] == [
        ("Section 11 2023-24", 2, 3, 66.7)]
    assert s.themes == ["Neglect"] and s.grades == [("Good", 1)] and s.findings == 1
    item = next(c for c in a.checklist if c.key == "wt2023-assurance")
    assert item.met and "1 case audit and 2 returns" in item.detail

    html = render.body_html(a)
    assert "Quality assurance: audits and returns" in html and "66.7%" in html
    assert "1 multi-agency case audit on Neglect, looking at 1 graded case (good: 1)" in html
    docx = Document(io.BytesIO(render.render(a, "docx")))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "1 multi-agency case audit on Neglect, looking at 1 graded case (good: 1)" in text
    cells = [c.text for t in docx.tables for r in t.rows for c in r.cells]
    assert "66.7%" in cells
    assert render.render(a, "pdf").startswith(b"%PDF")


def test_the_other_partnership_does_not_get_alphas_assurance(world):
    _year_of_assurance(world)
    a = assemble(make_report(world.other, 2023), charts=False)
    assert not a.assurance.any


def test_a_survey_in_the_report_counts_its_responses_with_no_response_rate(world):
    """Nobody is asked to answer a survey, so "3 of 3, 100%" would be a figure with no
    meaning: the report gives the number of responses and no rate."""
    from assurance.tests.test_surveys import _grow, survey

    s = survey(world)
    s.opens_on, s.due_on = datetime.date(2023, 9, 1), datetime.date(2023, 12, 1)
    s.save()
    _grow(s, 3)
    a = assemble(make_report(world.partnership, 2023), charts=False)
    row = next(c for c in a.assurance.returns if c.title == s.title)
    assert (row.returns_in, row.rate) == ("3 responses", None)
    html = render.body_html(a)
    assert "3 responses" in html and "100.0%" not in html
    docx = Document(io.BytesIO(render.render(a, "docx")))
    cells = [c.text for t in docx.tables for r in t.rows for c in r.cells]
    assert "3 responses" in cells and "100.0%" not in cells
