"""The database itself refuses a bad meeting or agenda row, even when clean() is skipped."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError

from core.models import Role, RoleAssignment
from core.tests.files import pdf_bytes
from governance.models import AgendaItem, Attendance, Group, Meeting, Membership, Paper


def test_a_meeting_that_ends_before_it_starts_is_refused(world):
    meeting = world.objects["meeting"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(ends_at=meeting.starts_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(group=meeting.group, title="Backwards",
                               starts_at=meeting.starts_at,
                               ends_at=meeting.starts_at - datetime.timedelta(minutes=1),
                               source=meeting.source.__class__.objects.create(
                                   kind="meeting", title="Backwards"))


def test_a_meeting_made_without_a_source_gets_one_and_cannot_lose_it(world):
    group = world.groups["executive"]
    start = world.objects["meeting"].starts_at
    meeting = Meeting.objects.create(group=group, title="Extra", starts_at=start,
                                     ends_at=start + datetime.timedelta(hours=1))
    assert meeting.source.kind == "meeting"
    assert list(meeting.source.partnerships.all()) == list(group.partnerships.all())
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(source=None)


def test_two_agenda_items_cannot_share_a_place(world):
    meeting = world.objects["meeting"]
    AgendaItem.objects.create(meeting=meeting, order=1, title="Welcome")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, order=1, title="Minutes")
    # The same place on another agenda is fine.
    AgendaItem.objects.create(meeting=world.objects["beta_meeting"], order=1, title="Welcome")


def test_a_group_holding_role_assignments_cannot_be_deleted(world):
    group = world.groups["subgroup"]
    held = RoleAssignment.objects.filter(group=group, role=Role.GROUP_CHAIR).count()
    assert held == 1
    with pytest.raises(ProtectedError):
        Group.objects.filter(pk=group.pk).delete()
    assert RoleAssignment.objects.filter(group=group, role=Role.GROUP_CHAIR).count() == held


def test_a_group_with_members_cannot_be_deleted(world):
    group = Group.objects.create(name="Task and finish group", kind=Group.Kind.TASK_AND_FINISH)
    Membership.objects.create(group=group, person=world.people[Role.GROUP_MEMBER],
                              group_role=Membership.GroupRole.CHAIR)
    with pytest.raises(ProtectedError):
        Group.objects.filter(pk=group.pk).delete()
    assert Membership.objects.filter(group=group).count() == 1


def test_a_papers_file_goes_when_the_paper_is_deleted(world, settings, tmp_path,
                                                      django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    item = AgendaItem.objects.create(meeting=world.objects["meeting"], order=1, title="Finance")
    paper = Paper(agenda_item=item, title="Budget")
    paper.file.save("budget.pdf", ContentFile(pdf_bytes("Budget")), save=True)
    stored = tmp_path / paper.file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        paper.delete()
    assert not stored.exists()


def test_groups_and_memberships_cannot_end_before_they_start(world):
    group = world.groups["subgroup"]
    membership = Membership.objects.create(group=group, person=world.people[Role.SCRUTINEER])
    day = datetime.date(2024, 6, 3)
    for rows in (Group.objects.filter(pk=group.pk),
                 Membership.objects.filter(pk=membership.pk)):
        rows.update(started_on=day, ended_on=day)
        with pytest.raises(IntegrityError), transaction.atomic():
            rows.update(ended_on=day - datetime.timedelta(days=1))


def test_a_group_cannot_report_to_itself(world):
    group = world.groups["subgroup"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Group.objects.filter(pk=group.pk).update(reports_to=group)


def test_a_deputy_and_an_assurance_service_must_be_named(world):
    meeting = world.objects["meeting"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting=meeting, person=world.people[Role.GROUP_MEMBER],
                                  status=Attendance.Status.DEPUTY)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, order=9, title="LADO annual report",
                                  kind=AgendaItem.Kind.ASSURANCE)
    AgendaItem.objects.create(meeting=meeting, order=9, title="LADO annual report",
                              kind=AgendaItem.Kind.ASSURANCE,
                              assurance_service=AgendaItem.Service.LADO)
