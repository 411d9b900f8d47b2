"""Findings, recommendations (SMART), evidence, sign-off and the personal data guard."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from core.models import AuditEvent, Role
from learning import services, smart
from learning.models import Action, ActionUpdate, Evidence, Finding, Recommendation
from learning.selectors import share, thematic_analysis

from .factories import audit_thread, make_source, restricted_finding, smart_data, theme

VALID_NHS = "943 476 5919"  # check digit 9 is right
WRONG_CHECK_DIGIT = "943 476 5918"


def _due(days=30):
    return timezone.localdate() + datetime.timedelta(days=days)


def test_the_migration_seeds_the_nine_south_tees_themes_and_the_priorities(db):
    from learning.models import Theme

    names = set(Theme.objects.values_list("name", flat=True))
    assert {"Understanding the child's world", "Engaging the whole family",
            "Multi-agency working and information sharing", "Safeguarding vulnerable babies",
            "Substance misuse", "Neglect", "Risks outside the home", "Domestic abuse",
            "Parental mental health"} <= names
    assert Theme.objects.filter(kind="priority", name="Empowering young people").exists()


def test_an_nhs_number_in_an_actions_text_is_refused_and_nothing_is_saved(world):
    audit_thread(world)
    rec = world.objects["recommendation"]
    before = Action.objects.count()
    with pytest.raises(ValidationError) as error:
        services.action_create_for_recommendation(
            actor=world.users[Role.BUSINESS_UNIT], recommendation=rec,
            title="Check the record", detail=f"The child's NHS number is {VALID_NHS}",
            due_date=_due(), owner_organisation=world.orgs["school"])
    assert "looks like an NHS number" in error.value.message_dict["detail"][0]
    assert Action.objects.count() == before


def test_ten_digits_with_a_wrong_check_digit_are_not_an_nhs_number(world):
    audit_thread(world)
    action = services.action_create_for_recommendation(
        actor=world.users[Role.BUSINESS_UNIT], recommendation=world.objects["recommendation"],
        title="Ring the duty desk", detail=f"Case reference {WRONG_CHECK_DIGIT}",
        due_date=_due(), owner_organisation=world.orgs["school"])
    assert WRONG_CHECK_DIGIT in action.detail


def test_update_notes_evidence_and_findings_outside_restricted_records_are_guarded(world):
    audit_thread(world)
    action = world.objects["review_action"]
    bu = world.users[Role.BUSINESS_UNIT]
    with pytest.raises(ValidationError, match="NHS number"):
        services.action_update_add(actor=bu, action=action, text=f"NHS {VALID_NHS}")
    with pytest.raises(ValidationError, match="date of birth"):
        services.evidence_add(actor=bu, action=action, url="https://example.org/x",
                              description="Seen with Jane Smith (12/03/2015)")
    with pytest.raises(ValidationError, match="NHS number"):
        services.finding_create(actor=bu, partnership=world.partnership,
                                source=world.objects["audit_source"], text=VALID_NHS)
    with pytest.raises(ValidationError, match="NHS number"):
        services.action_update(actor=bu, action=action, expected_version=action.version,
                               data={"impact_statement": f"For {VALID_NHS}"})
    assert action.updates.filter(kind="note").count() == 0 and action.evidence.count() == 1
    # A rapid review is a restricted record: its case detail is not checked.
    finding = restricted_finding(world)
    services.finding_create(actor=bu, partnership=world.partnership, source=finding.source,
                            text=f"Health records under {VALID_NHS} were not shared")


def test_the_smart_rule_names_each_missing_letter():
    rec = Recommendation(text="Do better", specific=True, measurable=True, achievable=False,
                         relevant=True, time_bound=True)
    assert smart.gaps(rec) == [
        "Specific: name the organisation that leads it.",
        "Measurable: say how success will be measured.",
        "Achievable: the assessor has not judged it achievable.",
        "Time-bound: set a target date.",
    ]


def test_a_recommendation_that_is_not_smart_is_saved_and_flagged(world):
    audit_thread(world)
    bu = world.users[Role.BUSINESS_UNIT]
    rec = services.recommendation_create(
        actor=bu, finding=world.objects["finding"],
        **smart_data(world, target_date=None, measurable=False))
    assert rec.is_smart is False
    assert rec.smart_gaps == ["Measurable: the assessor has not judged it measurable.",
                              "Time-bound: set a target date."]
    rec = services.recommendation_update(actor=bu, recommendation=rec,
                                         **smart_data(world), expected_version=rec.version)
    assert Recommendation.objects.get(pk=rec.pk).is_smart is True


def test_only_the_business_unit_records_findings(world):
    source = make_source(world.partnership)
    with pytest.raises(PermissionDenied):
        services.finding_create(actor=world.users[Role.SCRUTINEER],
                                partnership=world.partnership, source=source, text="x")
    assert not Finding.objects.exists()


def test_an_action_from_a_recommendation_starts_with_its_findings_themes(world):
    audit_thread(world)
    action = world.objects["review_action"]
    assert [t.name for t in action.themes.all()] == ["Neglect"]
    assert action.source == world.objects["audit_source"]


def test_evidence_needs_a_document_or_a_link_and_documents_must_be_documents(world):
    audit_thread(world)
    action = world.objects["review_action"]
    lead = world.users[Role.AGENCY_LEAD]
    with pytest.raises(ValidationError) as error:
        services.evidence_add(actor=lead, action=action, description="Training done")
    assert error.value.message_dict["file"] == [
        "Upload a document or give a link to the evidence"]
    # Personal data and a missing file are reported together, not one round after another.
    with pytest.raises(ValidationError) as error:
        services.evidence_add(actor=lead, action=action, description=f"NHS {VALID_NHS}")
    assert set(error.value.message_dict) == {"file", "description"}
    assert "NHS number" in error.value.message_dict["description"][0]
    with pytest.raises(ValidationError, match="its content is not"):
        services.evidence_add(actor=lead, action=action, description="Training done",
                              file=SimpleUploadedFile("a.pdf", b"MZ not a pdf"))
    assert Evidence.objects.filter(action=action).count() == 1
    services.evidence_add(actor=lead, action=action, description="Register",
                          url="https://example.org/register", completes=True,
                          expected_version=action.version)
    action.refresh_from_db()
    assert action.status == "completed" and action.evidence.count() == 2
    assert AuditEvent.objects.filter(model="learning.Evidence", action="create").count() == 2


def test_sign_off_needs_a_completed_action_and_review_actions_need_evidence(world):
    audit_thread(world)
    bu = world.users[Role.BUSINESS_UNIT]
    action = world.objects["review_action"]
    with pytest.raises(ValidationError, match="Only a completed action"):
        services.action_sign_off(actor=bu, action=action, expected_version=action.version)
    bare = services.action_create_for_recommendation(
        actor=bu, recommendation=world.objects["recommendation"], title="No evidence yet",
        due_date=_due(), owner_organisation=world.orgs["school"])
    services.action_update(actor=bu, action=bare, data={"status": "completed"},
                           expected_version=bare.version)
    with pytest.raises(ValidationError, match="Add evidence"):
        services.action_sign_off(actor=bu, action=bare, expected_version=bare.version)
    with pytest.raises(PermissionDenied):
        services.action_sign_off(actor=world.users[Role.AGENCY_LEAD], action=bare,
                                 expected_version=bare.version)


def test_sending_back_needs_a_reason_and_keeps_it_in_the_history(world):
    audit_thread(world)
    bu = world.users[Role.BUSINESS_UNIT]
    action = world.objects["review_action"]
    services.action_update(actor=bu, action=action, data={"status": "completed"},
                           expected_version=action.version)
    services.action_sign_off(actor=bu, action=action, expected_version=action.version)
    action.refresh_from_db()
    assert (action.status, action.signed_off_by, action.signed_off_on) == (
        "signed_off", bu, timezone.localdate())
    with pytest.raises(ValidationError) as error:
        services.action_send_back(actor=bu, action=action, reason=" ",
                                  expected_version=action.version)
    assert error.value.message_dict == {"reason": ["Say why the action is being sent back"]}
    services.action_send_back(actor=bu, action=action, reason="Evidence shows plans only",
                              expected_version=action.version)
    action.refresh_from_db()
    assert (action.status, action.signed_off_on) == ("in_progress", None)
    last = action.updates.first()
    assert (last.kind, last.text, last.status_before, last.status_after) == (
        ActionUpdate.Kind.SENT_BACK, "Evidence shows plans only", "signed_off", "in_progress")


def test_share_rounds_half_up_and_is_none_without_actions():
    assert share(1, 3) == 33 and share(1, 8) == 13 and share(2, 2) == 100
    assert share(0, 0) is None


def test_thematic_analysis_counts_recurrence_and_the_share_closed_with_evidence(world):
    audit_thread(world)
    bu = world.users[Role.BUSINESS_UNIT]
    other = make_source(world.partnership, title="Neglect deep dive")
    services.finding_create(actor=bu, partnership=world.partnership, source=other,
                            text="Neglect again", themes=[theme("Neglect"), theme("Hidden men")])
    analysis = thematic_analysis(world.partnership)
    rows = {r.theme.name: r for r in analysis.rows}
    assert (rows["Neglect"].sources, rows["Neglect"].findings, rows["Neglect"].actions) == (
        2, 2, 1)
    assert rows["Neglect"].share == 0 and rows["Hidden men"].share is None
    action = world.objects["review_action"]
    services.action_update(actor=bu, action=action, data={"status": "completed"},
                           expected_version=action.version)
    services.action_sign_off(actor=bu, action=action, expected_version=action.version)
    rows = {r.theme.name: r for r in thematic_analysis(world.partnership).rows}
    assert (rows["Neglect"].evidenced_signed_off, rows["Neglect"].share) == (1, 100)
    assert [s.title for s, _ in analysis.matrix] == ["Multi-agency audit: neglect",
                                                     "Neglect deep dive"]


def test_owners_of_review_actions_get_reminders_until_the_action_is_done(world):
    audit_thread(world)
    bu = world.users[Role.BUSINESS_UNIT]
    owner = world.people[Role.AGENCY_LEAD]
    owner.email = "lead@example.org"
    owner.save()
    rec = world.objects["recommendation"]
    for title, days in (("Overdue review action", -2), ("Soon review action", 3),
                        ("Later review action", 40)):
        services.action_create_for_recommendation(
            actor=bu, recommendation=rec, title=title, due_date=_due(days),
            owner_person=owner, owner_organisation=world.orgs["school"])
    done = services.action_create_for_recommendation(
        actor=bu, recommendation=rec, title="Finished review action", due_date=_due(-5),
        owner_person=owner)
    services.evidence_add(actor=bu, action=done, description="Done",
                          url="https://example.org/done", completes=True,
                          expected_version=done.version)
    call_command("send_reminders", stdout=open("/dev/null", "w"))
    body = next(m.body for m in mail.outbox if m.to == ["lead@example.org"])
    assert "Overdue review action" in body and "overdue since" in body
    assert "Soon review action" in body
    assert "Later review action" not in body and "Finished review action" not in body


def test_an_action_owned_only_by_an_organisation_reminds_its_agency_lead(world):
    audit_thread(world)
    bu = world.users[Role.BUSINESS_UNIT]
    lead = world.people[Role.AGENCY_LEAD]  # agency lead for the school
    lead.email = "school.lead@example.org"
    lead.save()
    rec = world.objects["recommendation"]
    for title, org in (("School's overdue action", "school"), ("Council's overdue action", "council")):
        services.action_create_for_recommendation(
            actor=bu, recommendation=rec, title=title, due_date=_due(-3),
            owner_organisation=world.orgs[org])
    call_command("send_reminders", stdout=open("/dev/null", "w"))
    body = next(m.body for m in mail.outbox if m.to == ["school.lead@example.org"])
    assert "School's overdue action" in body
    assert "Council's overdue action" not in body
