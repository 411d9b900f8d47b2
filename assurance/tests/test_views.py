"""The pages: answering a return in the browser's way (draft, bad input, submit), moderation,
the summary and progress pages, exports, and a fixed number of queries per page."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assurance import services
from assurance.models import Answer, Question, Return
from assurance.tests.helpers import CASE_AUDIT, cycle, full_answers, submit
from core.models import Organisation
from core.services import system_actor
from learning.models import Theme

pytestmark = pytest.mark.django_db


def _school_return(c, w):
    return Return.objects.get(cycle=c, organisation=w.orgs["school"])


def _form_data(ret, values, **extra):
    data = {f"q_{code}": value for code, value in values.items()}
    return {**data, "version": ret.version, "actions": "", **extra}


def test_agency_lead_saves_a_draft_then_bad_input_keeps_what_was_typed(world, client, login):
    c = cycle(world)
    ret = _school_return(c, world)
    login(world.users["agency_lead"])
    url = reverse("assurance:return_edit", args=["alpha", ret.pk])
    assert client.get(url).status_code == 200

    values = full_answers(ret)
    values["s11-1"] = "9"  # outside the scale
    response = client.post(url, _form_data(ret, values, save="1"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose one of the options for" in page
    assert "Policy reviewed and training audited." in page  # what was typed is still there
    assert not Answer.objects.filter(ret=ret).exists()

    wrong = SimpleUploadedFile("evidence.exe", b"MZ...", content_type="application/x-msdos")
    values["s11-1"] = "3"
    response = client.post(url, {**_form_data(ret, values, save="1"), "q_s11-2-file": wrong})
    assert "The evidence for question s11-2-file: The file must be a document" in \
        response.content.decode()
    assert not Answer.objects.filter(ret=ret).exists()

    del values["s11-8"]
    response = client.post(url, _form_data(ret, values, submit="1"))
    assert response.status_code == 200
    assert "Answer question s11-8 before you submit" in response.content.decode()
    ret.refresh_from_db()
    assert ret.status == Return.Status.DRAFT
    assert Answer.objects.filter(ret=ret).count() == len(values)  # the draft is kept

    values["s11-8"] = "4"
    assert f'name="version" value="{ret.version}"' in response.content.decode()
    response = client.post(url, _form_data(ret, values, submit="1",
                                           actions="Refresh the escalation briefing."))
    assert response.status_code == 302
    ret.refresh_from_db()
    assert ret.status == Return.Status.SUBMITTED and ret.actions.startswith("Refresh")
    detail = client.get(reverse("assurance:return_detail", args=["alpha", ret.pk]))
    assert "4 – Met and embedded" in detail.content.decode()


def test_business_unit_moderates_and_challenges(world, client, login):
    ret = submit(_school_return(cycle(world), world))
    login(world.users["business_unit"])
    url = reverse("assurance:return_moderate", args=["alpha", ret.pk])
    response = client.post(url, {"decision": "send_back", "moderation_note": "",
                                 "version": ret.version})
    assert "Enter the moderation note" in response.content.decode()
    response = client.post(url, {"decision": "accept", "moderation_note": "Seen.",
                                 "version": ret.version})
    assert response.status_code == 302
    response = client.post(reverse("assurance:challenge_create", args=["alpha", ret.pk]),
                           {"questions": "How is escalation used?"})
    assert response.status_code == 302
    page = client.get(reverse("assurance:return_detail", args=["alpha", ret.pk])).content
    assert b"How is escalation used?" in page and b"Moderated" in page


def test_a_cycle_opened_on_the_page_gives_each_organisation_a_return(world, client, login):
    from assurance.tests.helpers import tool

    qs = tool(world)
    login(world.users["business_unit"])
    today = timezone.localdate()
    response = client.post(reverse("assurance:cycle_create", args=["alpha"]) + "?kind=section_11",
                           {"title": "Section 11 2025", "question_set": qs.pk,
                            "opens_on": today.isoformat(),
                            "due_on": (today - datetime.timedelta(days=1)).isoformat(),
                            "organisations": [o.pk for o in world.orgs.values()]})
    assert response.status_code == 200
    assert "must be on or after the date the cycle opens" in response.content.decode()
    response = client.post(reverse("assurance:cycle_create", args=["alpha"]) + "?kind=section_11",
                           {"title": "Section 11 2026", "question_set": qs.pk,
                            "opens_on": today.isoformat(), "due_on": today.isoformat(),
                            "organisations": [o.pk for o in world.orgs.values()]})
    assert response.status_code == 302
    assert Return.objects.filter(cycle__title="Section 11 2026").count() == 3


def test_case_audit_findings_go_into_the_learning_thread(world):
    from learning.selectors import thematic_analysis
    from learning.services.actions import finding_create, source_action_create

    theme, _ = Theme.objects.get_or_create(name="Neglect")
    c = cycle(world, title="Audit: neglect", spec=CASE_AUDIT, orgs=[world.orgs["council"]],
              theme=theme, why_chosen="Neglect is the main category of plans.")
    assert c.source.kind == "audit" and list(c.source.themes.all()) == [theme]
    assert world.partnership in c.source.partnerships.all()
    case = services.case_add(actor=system_actor(), cycle=c, data={"reference": "MACA-01"})
    assert Return.objects.filter(case=case, organisation=world.orgs["council"]).count() == 1
    # Findings and actions are recorded once, on the audit's source, and the learning thread
    # reads them from there.
    finding_create(actor=system_actor(), partnership=world.partnership, source=c.source,
                   text="Neglect was recognised late where parents missed appointments.",
                   themes=[theme])
    action = source_action_create(actor=system_actor(), partnership=world.partnership,
                                  source=c.source, title="Brief practitioners on neglect cues",
                                  due_date=timezone.localdate() + datetime.timedelta(days=30),
                                  owner_organisation=world.orgs["council"])
    analysis = thematic_analysis(world.partnership)
    assert c.source in analysis.sources
    assert next(r for r in analysis.rows if r.theme == theme).findings == 1
    assert action.partnership == world.partnership and action.source == c.source


def _grow(c, n):
    """Add organisations with submitted returns until the cycle has `n` returns."""
    have = Return.objects.filter(cycle=c).count()
    orgs = Organisation.objects.bulk_create(
        [Organisation(name=f"Agency {c.pk}-{i}", kind="relevant_agency")
         for i in range(have, n)])
    rets = Return.objects.bulk_create([Return(cycle=c, organisation=o, status="submitted")
                                       for o in orgs])
    questions = list(Question.objects.filter(section__question_set=c.question_set,
                                             answer_type="rating"))
    Answer.objects.bulk_create([Answer(ret=r, question=q, rating=1 + (r.pk % 4))
                                for r in rets for q in questions])


@pytest.mark.parametrize("name", ["assurance:cycle_detail", "assurance:cycle_summary",
                                  "assurance:home"])
def test_pages_run_a_fixed_number_of_queries(world, client, login, name):
    login(world.users["business_unit"])
    counts = []
    c = cycle(world)
    for n in (10, 500):
        _grow(c, n)
        url = reverse(name, args=["alpha", c.pk] if name != "assurance:home" else ["alpha"])
        client.get(url)  # warm the chart cache and the session
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    assert Return.objects.filter(cycle=c).count() == 500


def test_exports_of_progress_and_summary(world, client, login):
    c = cycle(world)
    submit(_school_return(c, world), rating=4)
    login(world.users["scrutineer"])
    csv = client.get(reverse("assurance:cycle_detail", args=["alpha", c.pk]) + "?export=csv")
    assert csv.status_code == 200 and b"Alpha Academy,,Submitted" in csv.content
    summary = client.get(reverse("assurance:cycle_summary", args=["alpha", c.pk])
                         + "?export=xlsx")
    assert summary.status_code == 200 and summary["Content-Type"].startswith(
        "application/vnd.openxmlformats")
    page = client.get(reverse("assurance:cycle_summary", args=["alpha", c.pk])).content.decode()
    assert "Bar chart of the average rating per standard" in page
    assert "1 of 3 returns submitted (33.3%)" in page


def test_a_return_exports_to_word_and_pdf(world, client, login):
    import io

    from docx import Document

    ret = submit(_school_return(cycle(world), world), rating=4)
    login(world.users["agency_lead"])
    docx = client.get(reverse("assurance:return_export", args=["alpha", ret.pk, "docx"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Alpha Academy: Section 11 2024" in text and "4 – Met and embedded" in text
    pdf = client.get(reverse("assurance:return_export", args=["alpha", ret.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF") and pdf["Cache-Control"].startswith("max-age=0")
    assert client.get(reverse("assurance:return_export",
                              args=["alpha", ret.pk, "odt"])).status_code == 404


def test_a_survey_tool_is_added_then_given_questions(world, client, login):
    from assurance.models import QuestionSet

    login(world.users["business_unit"])
    url = reverse("assurance:tool_create", args=["alpha"])
    response = client.post(url, {"title": "Practitioner survey", "key": "practitioner-survey",
                                 "kind": "survey", "sections": "\n  \n"})
    assert "Enter the section titles" in response.content.decode()
    response = client.post(url, {"title": "Practitioner survey", "key": "practitioner-survey",
                                 "kind": "survey", "sections": "Your practice\nSupervision"})
    tool = QuestionSet.objects.get(key="practitioner-survey")
    assert response.status_code == 302 and tool.sections.count() == 2
    section = tool.sections.get(order=1)
    response = client.post(reverse("assurance:question_add", args=["alpha", section.pk]), {
        "code": "conf", "text": "How confident are you to escalate?", "answer_type": "rating",
        "scale": "Not\nSomewhat\nVery", "required": "on"})
    assert response.status_code == 302
    assert tool.sections.get(order=1).questions.get().scale == ["Not", "Somewhat", "Very"]
    again = client.post(url, {"title": "Other", "key": "practitioner-survey", "kind": "survey",
                              "sections": "One"})
    assert "There is already a tool with this key" in again.content.decode()
