"""Retention: each record type's rule, a report of what is past retention, a purge that is
audited and logged and safe to run twice; and the subject-access export."""

import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from core import retention, tasks
from core.models import AuditEvent, Role, RoleAssignment
from core.services import system_actor
from core.subject_access import subject_access_export
from learning.models import Evidence
from reviews.models import RapidReview, SeriousIncident
from reviews.tests.factories import make_incident, make_rapid_review

TODAY = datetime.date(2026, 12, 2)
OLD = datetime.date(2017, 5, 1)  # more than seven years before TODAY
RECENT = datetime.date(2024, 5, 1)


def _incident(world, reference, aware_on):
    incident = make_incident(world.partnership, reference=reference, la_aware_on=aware_on,
                             summary=f"Case detail of {reference}")
    make_rapid_review(incident, chronology_summary="Chronology", immediate_learning="Learning")
    incident.refresh_from_db()
    return incident


def _past_records(world):
    old, recent = _incident(world, "Child K", OLD), _incident(world, "Child L", RECENT)
    action = world.objects["action"]
    Evidence.objects.create(action=action, description="Old evidence", added_on=OLD,
                            file=ContentFile(b"%PDF old", name="old.pdf"))
    Evidence.objects.create(action=action, description="New evidence", added_on=RECENT,
                            file=ContentFile(b"%PDF new", name="new.pdf"))
    AuditEvent.objects.create(action="view", object_repr="an old view")
    AuditEvent.objects.filter(object_repr="an old view").update(
        at=datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC))
    return old, recent


def test_the_report_lists_every_rule_with_its_reason_and_purges_nothing(world):
    _past_records(world)
    out = io.StringIO()
    call_command("retention", date=TODAY.isoformat(), stdout=out)
    text = out.getvalue()
    for key in ("core.audit_trail", "reviews.case_detail", "learning.evidence_files",
                "governance.papers"):
        assert f"[{key}]" in text
    assert "Restricted case detail of serious incidents and rapid reviews [reviews.case_detail]:" \
           " kept 7 years (dated before 2 December 2019); 1 past retention." in text
    assert "Why: " in text and "Limitation Act 1980" in text
    assert SeriousIncident.objects.filter(summary__startswith="Case detail").count() == 2
    assert Evidence.objects.count() == 2


def test_the_purge_clears_only_what_is_past_retention_and_is_audited(world,
                                                                     django_capture_on_commit_callbacks):
    old, recent = _past_records(world)
    version = old.version
    with django_capture_on_commit_callbacks(execute=True):
        call_command("retention", purge=True, date=TODAY.isoformat(), stdout=io.StringIO())
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.summary == "" and old.reference == "Child K" and old.la_aware_on == OLD
    assert old.version == version + 1  # an edit page opened before cannot write it back
    assert RapidReview.objects.get(incident=old).chronology_summary == ""
    assert recent.summary == "Case detail of Child L"
    assert RapidReview.objects.get(incident=recent).immediate_learning == "Learning"
    assert list(Evidence.objects.values_list("description", flat=True)) == ["New evidence"]
    kept = Evidence.objects.get()
    assert default_storage.exists(kept.file.name)
    assert not [n for n in default_storage.listdir(kept.file.name.rsplit("/", 1)[0])[1]
                if n.startswith("old")]  # the purged upload's file is gone
    assert not AuditEvent.objects.filter(object_repr="an old view").exists()
    purges = {e.object_id: e for e in AuditEvent.objects.filter(model="core.Retention")}
    assert set(purges) == {"core.audit_trail", "reviews.case_detail",
                           "learning.evidence_files"}
    assert purges["reviews.case_detail"].changes["records"] == 1
    assert purges["reviews.case_detail"].actor_name == "system"


def test_the_nightly_task_run_twice_does_no_harm(world, monkeypatch):
    _past_records(world)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: TODAY)
    first = tasks.purge_retention.delay().get()  # in-process without a broker
    rows = AuditEvent.objects.count()
    assert first == 3
    assert tasks.purge_retention() == 0
    assert AuditEvent.objects.count() == rows  # nothing purged, nothing written


def test_the_years_are_set_by_settings_and_a_wrong_key_is_named(world, settings):
    old, _ = _past_records(world)
    settings.HUB_RETENTION_YEARS = {"reviews.case_detail": 20}
    rule = next(d for d in retention.due(TODAY) if d.rule.key == "reviews.case_detail")
    assert rule.count == 0 and rule.cutoff == datetime.date(2006, 12, 2)
    settings.HUB_RETENTION_YEARS = {"reviews.case_details": 20}
    with pytest.raises(CommandError, match="names no rule: reviews.case_details"):
        call_command("retention", stdout=io.StringIO())


def test_only_a_platform_administrator_may_purge(world):
    for role in (Role.BUSINESS_UNIT, Role.SCRUTINEER):
        with pytest.raises(PermissionDenied):
            retention.retention_purge(actor=world.users[role], today=TODAY)


def test_a_subject_access_export_holds_everything_about_the_person(world, tmp_path):
    member = world.people[Role.GROUP_MEMBER]
    user = world.users[Role.GROUP_MEMBER]
    AuditEvent.objects.create(actor=user, actor_name=user.username, action="view",
                              object_repr="a record they viewed")
    out = tmp_path / "sar.json"
    err = io.StringIO()
    call_command("subject_access", str(member.pk), out=str(out), stderr=err)
    export = json.loads(out.read_text())
    sections = export["sections"]
    assert sections["core.Person"][0]["name"] == member.name
    assert sections["core.User"][0]["password"] == "(a credential: withheld)"
    assert user.password not in out.read_text()
    assert any(r["role"] == "group_member" for r in sections["core.RoleAssignment"])
    assert any(r["group"] == "Quality and Performance" for r in sections["governance.Membership"])
    assert any(r["title"] == "Refresh the neglect toolkit" for r in sections["learning.Action"])
    assert any(r["object_repr"] == "a record they viewed" for r in sections["core.AuditEvent"])
    assert export["records"] == sum(len(rows) for rows in sections.values())
    assert f"Wrote {export['records']} records" in err.getvalue()
    # Nobody else's records.
    other = world.people[Role.SCRUTINEER]
    assert other.name not in json.dumps(sections["core.Person"])
    assert AuditEvent.objects.filter(action="export", model="core.Person",
                                     object_id=str(member.pk)).exists()


def test_a_panel_members_export_lists_the_review_but_not_the_childs_case_detail(world):
    member = world.people[Role.GROUP_MEMBER]
    incident = make_incident(world.partnership, reference="Child K",
                             summary="Restricted: what happened to Child K")
    make_rapid_review(incident, panel=[member], chronology_summary="Restricted chronology")
    export = subject_access_export(actor=system_actor(), person=member)
    reviews = export["sections"]["reviews.RapidReview"]
    assert [r["incident"] for r in reviews] == ["Child K"]
    assert reviews[0]["chronology_summary"] == "(restricted detail about someone else: withheld)"
    assert "Restricted" not in json.dumps(export)


def test_subject_access_is_for_administrators_and_names_a_bad_person(world):
    member = world.people[Role.GROUP_MEMBER]
    # Another partnership's business unit, and a role that is not the business unit: refused.
    for actor in (world.users["outsider"], world.users[Role.SCRUTINEER]):
        with pytest.raises(PermissionDenied):
            subject_access_export(actor=actor, person=member)
    # The business unit of the only partnership that knows the person may answer (decision
    # 0039); once a second partnership knows them too, only the administrators.
    assert subject_access_export(actor=world.users[Role.BUSINESS_UNIT], person=member)
    RoleAssignment.objects.create(person=member, role=Role.PRACTITIONER,
                                  partnership=world.other)
    with pytest.raises(PermissionDenied):
        subject_access_export(actor=world.users[Role.BUSINESS_UNIT], person=member)
    with pytest.raises(CommandError, match="No person has the id or e-mail"):
        call_command("subject_access", "nobody@example.org", stdout=io.StringIO())
    assert system_actor().is_superuser


def test_background_import_files_past_a_year_are_purged_with_their_jobs(world):
    from core.models import ImportJob

    old, recent = (ImportJob(partnership=world.partnership, kind="performance.data_return",
                             filename=name, created_by=world.users[Role.BUSINESS_UNIT])
                   for name in ("old.csv", "new.csv"))
    for job in (old, recent):
        job.upload.save(job.filename, ContentFile(b"indicator_code\n"), save=True)
    ImportJob.objects.filter(pk=old.pk).update(
        created_at=datetime.datetime(2025, 11, 1, tzinfo=datetime.UTC))  # over a year before
    old_file = old.upload.name
    assert {d.rule.key: d.count for d in retention.due(TODAY)}["core.import_files"] == 1
    retention.retention_purge(actor=system_actor(), today=TODAY)
    assert list(ImportJob.objects.values_list("filename", flat=True)) == ["new.csv"]
    assert not default_storage.exists(old_file) and default_storage.exists(recent.upload.name)
    assert AuditEvent.objects.get(model="core.Retention", object_id="core.import_files"
                                  ).changes["records"] == 1
