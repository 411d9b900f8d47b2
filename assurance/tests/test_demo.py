"""The demo: the seeds' Section 11 cycle and its challenge event, the next cycle carried
forward, and the case audits the seeds name, loaded once."""

import pytest

from assurance import demo, selectors
from assurance.models import AuditCase, Challenge, Cycle, Return
from core.demo.loader import load as load_tees

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_seeds_audits_once():
    load_tees(extensions=False)
    demo.load()
    counts = (Cycle.objects.count(), Return.objects.count(), AuditCase.objects.count())
    demo.load()
    assert (Cycle.objects.count(), Return.objects.count(), AuditCase.objects.count()) == counts

    first = Cycle.objects.get(title="Section 11 self-assessment 2022-23")
    assert {p.slug for p in first.partnerships.all()} == {"hsscp", "stscp"}
    assert Return.objects.filter(cycle=first, status="moderated").count() == len(
        demo.S11_AGENCIES)
    assert Challenge.objects.filter(ret__cycle=first, status="concluded").exists()
    second = Cycle.objects.get(title="Section 11 self-assessment 2024-25", previous=first)
    tewv = Return.objects.get(cycle=second,
                              organisation__name="Tees, Esk and Wear Valleys NHS Foundation Trust")
    assert tewv.answers.exclude(carried={}).exists()  # carried forward from 2022-23
    summary = selectors.summary(second)
    assert summary.rows and summary.rows[0].previous_average is not None
    audits = Cycle.objects.filter(kind="case_audit")
    assert audits.count() == len(demo.CASE_AUDITS)
    assert all(c.source_id for c in audits)
    assert set(AuditCase.objects.values_list("grade", flat=True)) <= {
        "good", "requires_improvement"}


def test_the_demo_has_surveys_and_self_assessments_once():
    load_tees(extensions=False)
    demo.load()
    counts = (Cycle.objects.count(), Return.objects.count())
    demo.load()
    assert (Cycle.objects.count(), Return.objects.count()) == counts
    for title in ("Practitioner survey 2024-25", "Young people's survey: feeling safe 2024-25"):
        survey = Cycle.objects.get(title=title, kind="survey")
        results = selectors.survey_results(survey)
        assert results.responses == Return.objects.filter(
            cycle=survey, respondent="individual").count() > 0
    young = Cycle.objects.get(title="Young people's survey: feeling safe 2024-25")
    assert not Return.objects.filter(cycle=young, age_band="").exists()
    second = Cycle.objects.get(title="Partnership maturity check 2024-25")
    assert second.previous.title == "Partnership maturity check 2023"
    summary = selectors.summary(second)
    assert any(r.previous_average is not None for r in summary.rows)
    assert Cycle.objects.filter(kind="self_assessment", title__startswith="Mock JTAI").exists()
def test_the_demo_registers_the_tees_schools_and_south_tees_response_is_over_90_percent():
    load_tees(extensions=False)
    demo.load()
    from assurance.models import School

    counts = (School.objects.count(), Return.objects.count())
    demo.load()
    assert (School.objects.count(), Return.objects.count()) == counts
    assert counts[0] == sum(len(s) for s in demo.SCHOOLS.values())
    assert set(School.objects.values_list("area__name", flat=True)) == {
        "Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees"}
    assert all("(demo)" in s.organisation.name for s in School.objects.select_related(
        "organisation"))
    done = Cycle.objects.get(title=demo.S175_DONE)
    response = selectors.school_response(done)
    assert response.overall.asked == len(demo.SCHOOLS["Middlesbrough"]) + len(
        demo.SCHOOLS["Redcar and Cleveland"])
    assert response.overall.rate > 90  # "response rates of over 90%" (seed 001)
    assert {a.area for a in response.areas} == {"Middlesbrough", "Redcar and Cleveland"}
    now = Cycle.objects.get(title=demo.S175_NOW, previous=done)
    assert now.status == "open" and Return.objects.filter(cycle=now, status="draft").exists()
