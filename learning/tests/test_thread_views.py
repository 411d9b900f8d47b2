"""Pages of the learning thread: forms, the combined plan, thematic analysis, the thread."""

import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.models import AuditEvent, Role
from core.tests.files import pdf_bytes, pdf_upload
from learning import services
from learning.models import Action, Source

from .factories import audit_thread, make_source, restricted_finding, theme

VALID_NHS = "943 476 5919"


def url(name, **kwargs):
    return reverse(name, kwargs={"slug": "alpha", **kwargs})


def _titles(response):
    return [a.title for a in response.context["object_list"]]


def _action_post(world, detail):
    return {"title": "Share the learning", "detail": detail, "due_date":
            (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
            "owner_organisation": world.orgs["school"].pk, "owner_person": ""}


def test_an_nhs_number_typed_into_an_action_is_refused_with_a_clear_message(world, login):
    audit_thread(world)
    client = login(world.users[Role.BUSINESS_UNIT])
    target = url("learning:recommendation_action_create",
                 pk=world.objects["recommendation"].pk)
    before = Action.objects.count()
    response = client.post(target, _action_post(world, f"NHS number {VALID_NHS}"))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"“{VALID_NHS}” looks like an NHS number. Remove it" in page
    assert "<title>Error:" in page
    assert Action.objects.count() == before
    response = client.post(target, _action_post(world, "Reference 943 476 5918"))
    assert response.status_code == 302
    assert Action.objects.filter(detail="Reference 943 476 5918").count() == 1


def test_the_business_unit_adds_a_finding_and_a_recommendation_flagged_when_not_smart(
    world, login
):
    source = make_source(world.partnership)
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.post(url("learning:finding_create", pk=source.pk),
                           {"text": "Escalation was not used", "themes": [theme("Escalation").pk]})
    assert response.status_code == 302
    finding = source.findings.get()
    response = client.post(url("learning:recommendation_create", pk=finding.pk),
                           {"text": "Promote the escalation policy", "specific": "on"})
    assert response.status_code == 302
    page = client.get(url("learning:source_detail", pk=source.pk)).content.decode()
    assert "Not SMART" in page and "Time-bound: not judged time-bound" in page
    assert client.post(url("learning:finding_create", pk=source.pk), {"text": ""}
                       ).status_code == 200
    assert source.findings.count() == 1


def test_an_agency_lead_adds_evidence_and_the_business_unit_signs_off_or_sends_back(
    world, login
):
    audit_thread(world)
    action = world.objects["review_action"]
    lead = login(world.users[Role.AGENCY_LEAD])
    mine = lead.get(url("learning:my_actions"))
    assert _titles(mine) == ["Refresh the neglect toolkit", "Train school staff on the toolkit"]
    assert url("learning:evidence_add", pk=action.pk) in mine.content.decode()
    response = lead.post(url("learning:evidence_add", pk=action.pk), {
        "description": "Training slides", "completes": "on", "version": action.version,
        "file": pdf_upload("slides.pdf")})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "completed"
    evidence = action.evidence.get(description="Training slides")
    download = lead.get(url("learning:evidence_download", pk=evidence.pk))
    assert b"".join(download.streaming_content) == pdf_bytes()

    bu = login(world.users[Role.BUSINESS_UNIT])
    sign = url("learning:action_sign_off", pk=action.pk)
    assert sign in bu.get(url("learning:action_detail", pk=action.pk)).content.decode()
    response = bu.post(sign, {"decision": "send_back", "reason": "", "version": action.version})
    assert "Say why the action is being sent back" in response.content.decode()
    response = bu.post(sign, {"decision": "sign_off", "version": action.version})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "signed_off"
    detail = bu.get(url("learning:action_detail", pk=action.pk)).content.decode()
    assert "Signed off" in detail and "slides.pdf" in detail


def test_the_plan_filters_by_source_kind_theme_organisation_status_and_overdue(world, login):
    audit_thread(world)
    meeting_action = world.objects["action"]
    late = world.objects["review_action"]
    Action.objects.filter(pk=late.pk).update(due_date=timezone.localdate()
                                             - datetime.timedelta(days=2))
    client = login(world.users[Role.BUSINESS_UNIT])
    plan = url("learning:plan")
    assert set(_titles(client.get(plan))) == {meeting_action.title, late.title}
    assert _titles(client.get(plan, {"source_kind": "audit"})) == [late.title]
    assert _titles(client.get(plan, {"source_kind": "meeting"})) == [meeting_action.title]
    assert _titles(client.get(plan, {"theme": theme("Neglect").pk})) == [late.title]
    assert _titles(client.get(plan, {"overdue": "yes"})) == [late.title]
    assert _titles(client.get(plan, {"status": "completed"})) == []
    assert _titles(client.get(plan, {"owner_organisation": world.orgs["police"].pk})) == []
    lines = client.get(plan, {"theme": theme("Neglect").pk, "export": "csv"}
                       ).content.decode().splitlines()
    assert lines[0].startswith("Action,Source,Source kind,Recommendation,Themes")
    assert len(lines) == 2 and "Multi-agency audit" in lines[1] and ",Neglect," in lines[1]
    sheet = load_workbook(io.BytesIO(client.get(plan, {"export": "xlsx"}).content)).active
    assert sheet.max_row == 3
    assert AuditEvent.objects.filter(action="export").count() == 2


def _count(client, target):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(target).status_code == 200
    return len(ctx.captured_queries)


def _grow(world, source, n):
    neglect = theme("Neglect")
    actions = Action.objects.bulk_create([
        Action(partnership=world.partnership, source=source, title=f"A {n}-{i}",
               owner_organisation=world.orgs["school"], owner_person=world.people[Role.AGENCY_LEAD],
               due_date=timezone.localdate() + datetime.timedelta(days=i % 40 - 10))
        for i in range(n)])
    Action.themes.through.objects.bulk_create(
        [Action.themes.through(action_id=a.pk, theme_id=neglect.pk) for a in actions])


def test_the_plan_runs_the_same_number_of_queries_with_10_and_1000_actions(world, login):
    source = make_source(world.partnership)
    client = login(world.users[Role.BUSINESS_UNIT])
    _grow(world, source, 10)
    few = _count(client, url("learning:plan"))
    _grow(world, source, 990)
    assert _count(client, url("learning:plan")) == few


def test_my_actions_runs_the_same_number_of_queries_with_few_and_many_rows(world, login):
    source = make_source(world.partnership)
    client = login(world.users[Role.AGENCY_LEAD])
    _grow(world, source, 5)
    few = _count(client, url("learning:my_actions"))
    _grow(world, source, 300)
    assert _count(client, url("learning:my_actions")) == few


def test_thematic_analysis_shows_the_matrix_and_runs_fixed_queries(world, login):
    audit_thread(world)
    client = login(world.users[Role.SCRUTINEER])
    page = client.get(url("learning:thematic_analysis")).content.decode()
    assert "Multi-agency audit: neglect" in page and "0%" in page
    few = _count(client, url("learning:thematic_analysis"))
    bu = world.users[Role.BUSINESS_UNIT]
    for i in range(15):
        source = make_source(world.partnership, title=f"Audit {i}")
        services.finding_create(actor=bu, partnership=world.partnership, source=source,
                                text=f"Finding {i}", themes=[theme("Neglect"), theme("Escalation")])
    assert _count(client, url("learning:thematic_analysis")) == few


def test_the_thread_respects_need_to_know(world, login):
    finding = restricted_finding(world)
    bu = world.users[Role.BUSINESS_UNIT]
    rec = services.recommendation_create(actor=bu, finding=finding,
                                         **{"text": "Share school concerns at strategy"})
    action = services.action_create_for_recommendation(
        actor=bu, recommendation=rec, title="Invite schools to strategy meetings",
        due_date=timezone.localdate() + datetime.timedelta(days=10),
        owner_organisation=world.orgs["school"])
    lead = login(world.users[Role.AGENCY_LEAD])
    page = lead.get(url("learning:thread_action", pk=action.pk)).content.decode()
    assert "Invite schools to strategy meetings" in page
    assert "Restricted: only the review panel" in page
    assert "Information held by school" not in page and "Child P" not in page

    staff = login(bu)
    page = staff.get(url("learning:thread_incident",
                         pk=finding.source.rapid_review.incident_id)).content.decode()
    assert "Child P" in page and "Information held by school" in page
    assert "Invite schools to strategy meetings" in page
    staff.get(url("learning:source_detail", pk=finding.source_id))
    assert AuditEvent.objects.filter(action="view", model="learning.Source",
                                     object_id=str(finding.source_id)).exists()
    chair = login(world.users[Role.GROUP_CHAIR])
    assert chair.get(url("learning:source_detail", pk=finding.source_id)).status_code == 403
    assert AuditEvent.objects.filter(action="refused", model="learning.Source").exists()


def test_review_pages_link_to_their_findings_and_thread(world, login):
    finding = restricted_finding(world)
    incident = finding.source.rapid_review.incident
    page = login(world.users[Role.BUSINESS_UNIT]).get(
        reverse("reviews:incident_detail", kwargs={"slug": "alpha", "pk": incident.pk})
    ).content.decode()
    assert url("learning:source_detail", pk=finding.source_id) in page
    assert url("learning:thread_incident", pk=incident.pk) in page
    assert Source.objects.filter(pk=finding.source_id, kind="rapid_review").exists()
