"""Surveys and self-assessments (issue 12, item 5; decision 0035): individuals answer a
survey anonymously through its link while it is open; the results count and average each
question in a fixed number of queries; a self-assessment is the partnership's own return,
compared with the previous one."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assurance import selectors, services
from assurance.models import Answer, Cycle, Question, Return
from assurance.tests.helpers import cycle, full_answers, tool
from assurance.tools import (
    PARTNERSHIP_MATURITY,
    PRACTITIONER_SURVEY,
    SECTION_11,
    YOUNG_PEOPLE_SURVEY,
)
from core.models import AuditEvent
from core.services import system_actor

pytestmark = pytest.mark.django_db


def survey(w, spec=PRACTITIONER_SURVEY, audience="practitioners", orgs=None, **extra):
    return cycle(w, title=spec["data"]["title"], spec=spec, audience=audience,
                 orgs=orgs if orgs is not None else [w.orgs["school"], w.orgs["council"]],
                 **extra)


def self_assessment(w, title="Maturity 2025", previous=None):
    return cycle(w, title=title, spec=PARTNERSHIP_MATURITY, orgs=[], previous=previous)


PRACTICE = {"ps-thresholds": "4", "ps-training": "3", "ps-training-count": "2",
            "ps-escalation": "yes", "ps-supervision": "partly", "ps-learning": "5",
            "ps-improve": "More joint training."}
YOUNG = {"yp-safe-home": "4", "yp-safe-school": "3", "yp-safe-online": "2",
         "yp-safe-area": "3", "yp-trusted-adult": "yes"}


def _post(values, **extra):
    return {**{f"q_{code}": v for code, v in values.items()}, **extra}


def _respond_url(c):
    return reverse("assurance:survey_respond", args=["alpha", c.response_token])


def test_a_survey_has_an_unguessable_link_and_no_organisation_returns(world):
    c = survey(world)
    other = survey(world)
    assert len(c.response_token) >= 32 and c.response_token != other.response_token
    assert not Return.objects.filter(cycle=c).exists()
    with pytest.raises(ValidationError, match="Choose who answers"):
        survey(world, audience="")
    # A document cannot be asked for through an anonymous link.
    with pytest.raises(ValidationError, match="cannot ask for a document"):
        cycle(world, title="S11 as survey", spec=SECTION_11, kind="survey",
              audience="practitioners", question_set=_survey_copy_with_evidence(world))


def _survey_copy_with_evidence(w):
    spec = {"data": {**PRACTITIONER_SURVEY["data"], "key": "with-file"},
            "sections": [{"title": "Files", "questions": [
                {"code": "f-1", "text": "Your policy", "answer_type": "evidence",
                 "scale": [], "hint": "", "required": False}]}]}
    return tool(w, spec)


def test_anyone_with_the_link_answers_once_per_submission_anonymously(world, client):
    c = survey(world)
    url = _respond_url(c)
    page = client.get(url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]  # no proxy keeps the form and its token
    text = page.content.decode()
    assert "ps-thresholds" not in text or "I understand" in text
    assert "name" not in {f for f in page.context["form"].fields}

    # Bad input first: a rating outside the scale and a required question left out.
    bad = {**PRACTICE, "ps-thresholds": "9"}
    del bad["ps-escalation"]
    response = client.post(url, _post(bad, organisation=world.orgs["school"].pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert "must be on its scale" in text or "Choose one of the options" in text
    assert "More joint training." in text  # what was typed is still there
    assert not Return.objects.filter(cycle=c).exists()

    response = client.post(url, _post({**bad, "ps-thresholds": "4"}, organisation=""))
    assert response.status_code == 200 and "Answer question ps-escalation" in \
        response.content.decode()
    assert not Return.objects.filter(cycle=c).exists()

    response = client.post(url, _post(PRACTICE, organisation=world.orgs["school"].pk))
    assert response.status_code == 302 and response["Location"].endswith("?done=1")
    assert "Thank you" in client.get(response["Location"]).content.decode()
    ret = Return.objects.get(cycle=c)
    assert ret.respondent == "individual" and ret.status == "submitted"
    assert ret.submitted_by is None and ret.organisation == world.orgs["school"]
    assert ret.answers.count() == len(PRACTICE)
    event = AuditEvent.objects.get(model="assurance.Return", object_id=str(ret.pk))
    assert event.actor is None and event.actor_name == ""
    # A second submission is a second response.
    client.post(url, _post(PRACTICE))
    assert Return.objects.filter(cycle=c).count() == 2


def test_young_people_give_an_age_band_never_a_name(world, client):
    c = survey(world, spec=YOUNG_PEOPLE_SURVEY, audience="young_people", orgs=[])
    url = _respond_url(c)
    form = client.get(url).context["form"]
    assert "age_band" in form.fields and "organisation" not in form.fields
    assert not any("name" in f.label.lower() and "not" not in f.label.lower()
                   for f in form.fields.values() if f.label)
    response = client.post(url, _post(YOUNG))
    assert "age_band" in response.context["form"].errors
    assert not Return.objects.filter(cycle=c).exists()
    client.post(url, _post(YOUNG, age_band="14_15"))
    assert Return.objects.get(cycle=c).age_band == "14_15"
    # A practitioners' survey asks no age band: one sent anyway is refused.
    practice = survey(world)
    with pytest.raises(ValidationError, match="does not ask for an age band"):
        services.survey_response_submit(actor=None, cycle=practice, values=PRACTICE,
                                        token=practice.response_token, age_band="14_15")


def test_the_link_takes_answers_only_while_the_survey_is_open(world, client, login):
    c = survey(world)
    url = _respond_url(c)
    assert client.get(reverse("assurance:survey_respond", args=["alpha", "x" * 32])
                      ).status_code == 404
    with pytest.raises(PermissionDenied, match="not recognised"):
        services.survey_response_submit(actor=None, cycle=c, token="wrong", values=PRACTICE)
    services.cycle_close(actor=system_actor(), cycle=c, expected_version=c.version)
    response = client.post(url, _post(PRACTICE))
    assert "not taking answers" in response.content.decode()
    assert not Return.objects.filter(cycle=c).exists()

    later = survey(world, opens_on=datetime.date.today() + datetime.timedelta(days=3))
    with pytest.raises(PermissionDenied, match="not taking answers"):
        services.survey_response_submit(actor=None, cycle=later, token=later.response_token,
                                        values=PRACTICE)
    capped = survey(world, response_cap=1)
    services.survey_response_submit(actor=None, cycle=capped, token=capped.response_token,
                                    values=PRACTICE)
    with pytest.raises(PermissionDenied, match="all the responses it needs"):
        services.survey_response_submit(actor=None, cycle=capped, token=capped.response_token,
                                        values=PRACTICE)
    signed = survey(world, sign_in_required=True)
    response = client.get(_respond_url(signed))
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    login(world.users["practitioner"])
    assert client.post(_respond_url(signed), _post(PRACTICE)).status_code == 302
    ret = Return.objects.get(cycle=signed)
    assert ret.submitted_by is None  # signed in, still anonymous
    assert AuditEvent.objects.get(model="assurance.Return", object_id=str(ret.pk)).actor is None


def test_the_link_is_rate_limited(world, client, settings):
    from assurance import surveys

    c = survey(world)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "rate-test"}}
    for _ in range(surveys.RATE_LIMIT):
        assert client.post(_respond_url(c), _post(PRACTICE)).status_code == 302
    response = client.post(_respond_url(c), _post(PRACTICE))
    assert response.status_code == 429 and "Too many answers" in response.content.decode()
    assert Return.objects.filter(cycle=c).count() == surveys.RATE_LIMIT


def test_an_agency_lead_never_sees_an_individual_response(world):
    c = survey(world)
    ret = services.survey_response_submit(actor=None, cycle=c, token=c.response_token,
                                          values=PRACTICE, organisation=world.orgs["school"])
    assert world.users["business_unit"].has_perm("assurance.view_return", ret)
    assert world.users["scrutineer"].has_perm("assurance.view_return", ret)
    assert not world.users["agency_lead"].has_perm("assurance.view_return", ret)
    assert not world.users["business_unit"].has_perm("assurance.moderate_return", ret)
    assert not world.users["business_unit"].has_perm("assurance.edit_return", ret)


def _grow(c, n):
    have = Return.objects.filter(cycle=c).count()
    rets = Return.objects.bulk_create([
        Return(cycle=c, respondent="individual", status="submitted",
               organisation=None if i % 2 else c.organisations.first())
        for i in range(have, n)])
    questions = list(Question.objects.filter(section__question_set=c.question_set))
    rows = []
    for r in rets:
        for q in questions:
            if q.answer_type == "rating":
                rows.append(Answer(ret=r, question=q, rating=1 + r.pk % len(q.scale)))
            elif q.answer_type == "yes_no_partly":
                rows.append(Answer(ret=r, question=q, choice="yes" if r.pk % 3 else "no"))
            elif q.answer_type == "number":
                rows.append(Answer(ret=r, question=q, number=r.pk % 5))
            else:
                rows.append(Answer(ret=r, question=q, text="Fine."))
    Answer.objects.bulk_create(rows)


def test_results_count_and_average_in_a_fixed_number_of_queries(world, client, login):
    login(world.users["scrutineer"])
    c = survey(world)
    url = reverse("assurance:survey_results", args=["alpha", c.pk])
    counts = []
    for n in (10, 500):
        _grow(c, n)
        client.get(url)  # warm the chart cache and the session
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
        assert f"{n} responses" in response.content.decode()
    assert counts[0] == counts[1], counts
    results = selectors.survey_results(c)
    thresholds = next(r for r in results.rows if r.question.code == "ps-thresholds")
    ratings = list(Answer.objects.filter(ret__cycle=c, question__code="ps-thresholds")
                   .values_list("rating", flat=True))
    assert thresholds.answered == 500 == sum(n for _, n in thresholds.counts)
    assert thresholds.average == round(sum(ratings) / len(ratings), 2)
    assert sum(n for _, n in results.organisations) == 500
    csv = client.get(url + "?export=csv")
    assert csv.status_code == 200 and "ps-thresholds" in csv.content.decode()
    xlsx = client.get(url + "?export=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd")


def test_a_self_assessment_is_the_partnerships_own_and_compared_with_the_last(world):
    first = self_assessment(world, title="Maturity 2023")
    ret = Return.objects.get(cycle=first)
    assert ret.respondent == "partnership" and ret.organisation is None
    assert world.users["business_unit"].has_perm("assurance.edit_return", ret)
    assert not world.users["agency_lead"].has_perm("assurance.view_return", ret)
    assert world.users["scrutineer"].has_perm("assurance.view_return", ret)
    assert not world.users["scrutineer"].has_perm("assurance.edit_return", ret)
    services.answers_save(actor=world.users["business_unit"], ret=ret,
                          values=full_answers(ret, rating=2), submit=True,
                          expected_version=ret.version)
    services.cycle_close(actor=system_actor(), cycle=first, expected_version=first.version)
    second = self_assessment(world, title="Maturity 2025", previous=first)
    again = Return.objects.get(cycle=second)
    assert again.answers.exclude(carried={}).exists()  # carried forward for review
    services.answers_save(actor=system_actor(), ret=again, values=full_answers(again, 4),
                          submit=True, expected_version=again.version)
    summary = selectors.summary(second)
    row = next(r for r in summary.rows if r.code == "pm-leadership")
    assert (row.average, row.previous_average, row.change) == (4, 2, 2)
    # One partnership return per cycle; organisations keep one return each.
    with pytest.raises(IntegrityError), transaction.atomic():
        Return.objects.create(cycle=second, respondent="partnership")
    s11 = cycle(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Return.objects.create(cycle=s11, organisation=world.orgs["school"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Return.objects.create(cycle=s11, respondent="organisation", organisation=None)


def test_the_pages_of_surveys_and_self_assessments(world, client, login):
    c = survey(world)
    s = self_assessment(world)
    login(world.users["business_unit"])
    page = client.get(reverse("assurance:surveys", args=["alpha"])).content.decode()
    assert c.title in page and s.title in page
    detail = client.get(reverse("assurance:survey_detail", args=["alpha", c.pk]))
    assert c.response_token in detail.content.decode()
    response = client.post(reverse("assurance:survey_settings", args=["alpha", c.pk]),
                           {"sign_in_required": "on", "response_cap": "50",
                            "version": c.version})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.sign_in_required and c.response_cap == 50
    client.post(reverse("assurance:cycle_close", args=["alpha", c.pk]), {"version": c.version})
    assert Cycle.objects.get(pk=c.pk).status == "closed"
    # The scrutineer reads the results but never sees the link.
    login(world.users["scrutineer"])
    detail = client.get(reverse("assurance:survey_detail", args=["alpha", c.pk]))
    assert detail.status_code == 200 and c.response_token not in detail.content.decode()
    summary = client.get(reverse("assurance:cycle_summary", args=["alpha", s.pk]))
    assert summary.status_code == 200


def test_a_survey_opened_on_the_page(world, client, login):
    login(world.users["business_unit"])
    qs = tool(world, PRACTITIONER_SURVEY)
    today = datetime.date.today()
    response = client.post(reverse("assurance:cycle_create", args=["alpha"]) + "?kind=survey", {
        "title": "Practice 2026", "question_set": qs.pk, "opens_on": today.isoformat(),
        "due_on": (today + datetime.timedelta(days=10)).isoformat(),
        "audience": "practitioners"})
    c = Cycle.objects.get(title="Practice 2026")
    assert response["Location"] == reverse("assurance:survey_detail", args=["alpha", c.pk])
    assert c.response_token and not c.returns.exists()


def test_the_starting_surveys_never_ask_for_a_name():
    from assurance.tools import SURVEY_TOOLS

    for spec in SURVEY_TOOLS:
        for section in spec["sections"]:
            for q in section["questions"]:
                asked = f"{q['text']} {q['hint']}".lower()
                assert "name" not in asked.replace("do not write your name", "").replace(
                    "do not name", ""), q["code"]
                assert q["answer_type"] != "evidence"
    young = YOUNG_PEOPLE_SURVEY["sections"]
    assert all(q["answer_type"] != "text" or not q["required"]
               for s in young for q in s["questions"])


@pytest.mark.parametrize("name", ["assurance:surveys", "assurance:survey_detail"])
def test_survey_pages_run_a_fixed_number_of_queries(world, client, login, name):
    login(world.users["business_unit"])
    c = survey(world)
    self_assessment(world)
    url = reverse(name, args=["alpha"] if name == "assurance:surveys" else ["alpha", c.pk])
    counts = []
    for n in (10, 500):
        _grow(c, n)
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    assert Return.objects.filter(cycle=c).count() == 500


def test_survey_results_sit_beside_the_previous_surveys(world):
    first = survey(world)
    for rating in ("2", "3"):
        services.survey_response_submit(actor=None, cycle=first, token=first.response_token,
                                        values={**PRACTICE, "ps-thresholds": rating})
    services.cycle_close(actor=system_actor(), cycle=first, expected_version=first.version)
    second = survey(world, previous=first)
    services.survey_response_submit(actor=None, cycle=second, token=second.response_token,
                                    values={**PRACTICE, "ps-thresholds": "5",
                                            "ps-training-count": "4"})
    assert not Return.objects.filter(cycle=second).exclude(respondent="individual").exists()
    results = selectors.survey_results(second)
    rows = {r.question.code: r for r in results.rows}
    assert (rows["ps-thresholds"].average, rows["ps-thresholds"].previous_average) == (5, 2.5)
    assert rows["ps-training-count"].average == 4
    assert rows["ps-escalation"].counts == [("Yes", 1), ("Partly", 0), ("No", 0)]
    assert rows["ps-improve"].answered == 1 and results.responses == 1
    assert results.previous_title == first.title
