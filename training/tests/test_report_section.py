"""The yearly report's training section comes from the training records and equals the
selectors' figures; the checklist flags feedback without an impact follow-up."""

import datetime
import io

import pytest
from django.utils import timezone

from core.services import system_actor
from reports import render
from reports import selectors as report_selectors
from reports.tests.helpers import add_activity, make_report
from training import selectors, services
from training.models import Session

from .factories import make_booking, make_course, make_event, make_people

pytestmark = pytest.mark.django_db


def _year_2023(world):
    """A 2023-24 session: 4 attended (3 evaluated: 2 good or better), 1 did not attend."""
    course = make_course(world.partnership, title="Neglect: the graded care profile")
    start = timezone.make_aware(datetime.datetime(2023, 11, 14, 9, 30))
    session = Session.objects.create(course=course, starts_at=start,
                                     ends_at=start + datetime.timedelta(hours=3),
                                     venue="Civic Centre", capacity=20)
    people = make_people(5)
    bookings = [make_booking(session, p, world.partnership,
                             attendance="attended" if i < 4 else "no_show")
                for i, p in enumerate(people)]
    for booking, rating in zip(bookings, (4, 3, 2), strict=False):
        services.evaluation_submit(actor=system_actor(), booking=booking, data={
            "rating": rating, "confidence_before": 2, "confidence_after": 4,
            "practice_change": "Use the graded care profile"})
    event = make_event(world.partnership, title="Exploitation learning event", interest=6,
                       attended=4)
    event.starts_at = timezone.make_aware(datetime.datetime(2023, 9, 20, 9))
    event.save()
    return bookings


def test_the_section_equals_the_selectors_figures(world):
    _year_2023(world)
    report = make_report(world.partnership, 2023)
    a = report_selectors.assemble(report, charts=False)
    f = selectors.figures(world.partnership, report.starts_on, report.ends_on)
    assert (a.training.figures.attended, a.training.figures.good_or_excellent_percent) == (
        f.attended, f.good_or_excellent_percent) == (4, 67)
    assert (f.event_attendees, f.event_interest) == (4, 6)
    html = render.render_html(a)
    assert "<td class=\"govuk-table__cell\">67% of 3 evaluations</td>" in html
    assert "Exploitation learning event" in html
    assert "No training is recorded in the hub" not in html
    from docx import Document

    doc = Document(io.BytesIO(render.render_docx(a)))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "67% of 3 evaluations" in cells and "Exploitation learning event" in cells


def test_the_checklist_flags_feedback_without_an_impact_follow_up(world):
    bookings = _year_2023(world)
    add_activity(world.partnership)  # training with a typed impact: not enough on its own
    report = make_report(world.partnership, 2023)
    [check] = [c for c in report_selectors.assemble(report, charts=False).checklist
               if c.item.test == "impact"]
    assert "no impact follow-up" in check.detail and not check.met
    services.follow_up_submit(actor=system_actor(), booking=bookings[0],
                              data={"applied": "yes", "confidence_now": 4})
    [check] = [c for c in report_selectors.assemble(report, charts=False).checklist
               if c.item.test == "impact"]
    assert "no impact follow-up" not in check.detail
    assert "1 impact follow-up from training" in check.detail
