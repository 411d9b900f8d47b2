"""The yearly report's business parts (issue 14): national items, communication totals,
"you said, we did" with consent respected, and the scrutineer's approved statement."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from business import services as business
from core.models import Role
from core.services import system_actor
from reports import render, selectors
from reports.tests.helpers import make_report, published

pytestmark = pytest.mark.django_db
D = datetime.date
CONSENTED = "There is a difference in what young people understand as gangs"
WITHHELD = "A fictional thing said without consent to share it"
STATEMENT = "The fictional annual report is an accurate reflection of the work."


def _records(world):
    p, actor = world.partnership, system_actor()
    for said, consent in ((CONSENTED, True), (WITHHELD, False)):
        business.voice_create(actor=actor, partnership=p, data={
            "heard_on": D(2023, 10, 10), "channel": "review", "voice": "young_people",
            "age_band": "11-15", "said": said, "consent": consent,
            "what_changed": "Exploitation sessions in secondary schools",
            "consent_recorded_on": D(2023, 10, 10) if consent else None})
    for month in (6, 9, 12):
        business.communication_create(actor=actor, partnership=p, data={
            "kind": "newsletter", "title": f"Newsletter {month}",
            "issued_on": D(2023, month, 28), "audience": "partners", "reach": 100,
            "measure": "sent_to"})
    business.national_item_create(actor=actor, partnership=p, data={
        "kind": "review", "issuer": "panel", "title": "Fictional national review of neglect",
        "issued_on": D(2023, 5, 1), "status": "done", "closed_on": D(2023, 7, 1),
        "outcome": "Briefing to the Executive; the neglect strategy was refreshed."})
    statement = business.statement_save(actor=actor, partnership=p, year_start=2023,
                                        text=STATEMENT, expected_version=0)
    return statement


def test_the_report_shows_the_records_and_never_an_item_without_consent(world, client):
    statement = _records(world)
    report = make_report(world.partnership, 2023)
    a = selectors.assemble(report, charts=False)
    checks = {c.key: c.met for c in a.checklist}
    assert checks.get("voice") is True
    assert checks.get("scrutiny") is False  # written, not yet approved by the scrutineer
    body = render.body_html(a)
    assert CONSENTED in body and WITHHELD not in body
    assert "3 people or organisations sent to" not in body  # summed, not per item
    assert "300 people or organisations sent to" in body
    assert "Fictional national review of neglect" in body
    assert STATEMENT not in body

    business.statement_approve(actor=world.users[Role.SCRUTINEER], statement=statement,
                               expected_version=statement.version)
    a = selectors.assemble(report, charts=False)
    assert {c.key: c.met for c in a.checklist}.get("scrutiny") is True
    docx = Document(io.BytesIO(render.render_docx(a)))
    words = "\n".join([p.text for p in docx.paragraphs]
                      + [c.text for t in docx.tables for r in t.rows for c in r.cells])
    assert STATEMENT in words and CONSENTED in words and WITHHELD not in words

    published(report)
    page = client.get(reverse("public:report", kwargs={"slug": world.partnership.slug,
                                                       "pk": report.pk})).content.decode()
    assert STATEMENT in page and CONSENTED in page
    assert WITHHELD not in page
