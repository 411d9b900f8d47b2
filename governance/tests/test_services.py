import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.models import AuditEvent, Role
from core.services import ConcurrentEditError
from core.tests.factories import PersonFactory
from core.tests.files import pdf_bytes, pdf_upload
from governance import services
from governance.models import AgendaItem, Attendance, Decision, Group, Meeting, Paper
from governance.tests.helpers import make_meeting
from learning.models import Source


def _at(day: datetime.date, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def bu(world):
    return world.users[Role.BUSINESS_UNIT]


# ---- Meetings ----

def test_creating_a_meeting_creates_its_learning_source_for_every_partnership_of_the_group(
    world, bu
):
    tees = Group.objects.create(name="Tees Procedures Group", kind=Group.Kind.TEES_WIDE)
    tees.partnerships.set([world.partnership, world.other])
    start = _at(datetime.date(2027, 1, 14))

    meeting = services.meeting_create(actor=bu, partnership=world.partnership, group=tees,
                                      title="Procedures group", starts_at=start,
                                      ends_at=start + datetime.timedelta(hours=2))

    meeting.refresh_from_db()
    assert meeting.source.kind == Source.Kind.MEETING
    assert set(meeting.source.partnerships.all()) == {world.partnership, world.other}
    assert AuditEvent.objects.filter(model="governance.Meeting", object_id=str(meeting.pk),
                                     action="create", partnership=world.partnership).exists()


def test_a_meeting_that_ends_before_it_starts_is_refused_and_nothing_is_saved(world, bu):
    meetings, sources = Meeting.objects.count(), Source.objects.count()
    start = _at(datetime.date(2027, 1, 14))

    with pytest.raises(ValidationError) as error:
        services.meeting_create(actor=bu, partnership=world.partnership,
                                group=world.groups["subgroup"], title="Q&P",
                                starts_at=start, ends_at=start - datetime.timedelta(hours=1))

    assert "The meeting must end after it starts" in str(error.value.message_dict["ends_at"])
    assert (Meeting.objects.count(), Source.objects.count()) == (meetings, sources)


def test_only_people_who_run_the_group_can_create_its_meetings(world):
    start = _at(datetime.date(2027, 1, 14))
    with pytest.raises(PermissionDenied):
        services.meeting_create(actor=world.users[Role.GROUP_CHAIR], partnership=world.partnership,
                                group=world.groups["executive"], title="Executive",
                                starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    assert not Meeting.objects.filter(group=world.groups["executive"]).exists()


def test_a_stale_meeting_edit_is_refused_and_the_newer_version_is_kept(world, bu):
    meeting = world.objects["meeting"]
    opened_at = meeting.version
    services.meeting_update(actor=bu, partnership=world.partnership,
                            meeting=Meeting.objects.get(pk=meeting.pk),
                            data={"minutes": "First editor's minutes"},
                            expected_version=opened_at)

    with pytest.raises(ConcurrentEditError):
        services.meeting_update(actor=world.users[Role.GROUP_CHAIR],
                                partnership=world.partnership,
                                meeting=Meeting.objects.get(pk=meeting.pk),
                                data={"minutes": "Second editor's minutes"},
                                expected_version=opened_at)

    meeting.refresh_from_db()
    assert meeting.minutes == "First editor's minutes"
    assert meeting.version == opened_at + 1


# ---- Generating meetings from the cadence ----

def test_cadence_generation_plans_one_meeting_per_step_and_skips_days_already_taken(world, bu):
    group = world.groups["subgroup"]  # every 6 weeks
    first = datetime.date(2027, 1, 7)
    existing = make_meeting(group, title="Already planned")
    existing.starts_at = _at(first + datetime.timedelta(weeks=6), hour=14)
    existing.ends_at = existing.starts_at + datetime.timedelta(hours=1)
    existing.save()

    created = services.meetings_generate(
        actor=bu, partnership=world.partnership, group=group, first=first,
        last=datetime.date(2027, 6, 30), start_time=datetime.time(10), duration_minutes=90,
        location="Civic Centre",
    )

    days = [timezone.localtime(m.starts_at).date() for m in created]
    assert days == [first + datetime.timedelta(weeks=w) for w in (0, 12, 18, 24)]
    assert all(m.source and m.source.kind == Source.Kind.MEETING for m in created)
    assert all(m.ends_at - m.starts_at == datetime.timedelta(minutes=90) for m in created)
    assert timezone.localtime(created[0].starts_at).time() == datetime.time(10)

    again = services.meetings_generate(
        actor=bu, partnership=world.partnership, group=group, first=first,
        last=datetime.date(2027, 6, 30), start_time=datetime.time(10), duration_minutes=90,
    )
    assert again == []


def test_monthly_cadence_keeps_the_day_of_the_month_after_a_short_month(world, bu):
    group = Group.objects.create(name="Monthly", kind=Group.Kind.SUB_GROUP, cadence_every=1,
                                 cadence_unit="months")
    group.partnerships.add(world.partnership)
    assert services.cadence_dates(group, datetime.date(2027, 1, 31), datetime.date(2027, 4, 30)) == [
        datetime.date(2027, 1, 31), datetime.date(2027, 2, 28), datetime.date(2027, 3, 31),
        datetime.date(2027, 4, 30),
    ]


def test_a_group_without_a_cadence_cannot_generate_meetings(world, bu):
    group = world.groups["executive"]
    group.cadence_every, group.cadence_unit = None, ""
    group.save()
    with pytest.raises(ValidationError, match="has no meeting cadence"):
        services.meetings_generate(actor=bu, partnership=world.partnership, group=group,
                                   first=datetime.date(2027, 1, 1),
                                   last=datetime.date(2027, 12, 31),
                                   start_time=datetime.time(10), duration_minutes=60)
    assert not group.meetings.exists()


def test_too_long_a_range_is_refused_before_anything_is_saved(world, bu):
    group = world.groups["subgroup"]
    before = group.meetings.count()
    with pytest.raises(ValidationError, match="the most at once is"):
        services.meetings_generate(actor=bu, partnership=world.partnership, group=group,
                                   first=datetime.date(2027, 1, 1),
                                   last=datetime.date(2037, 1, 1),
                                   start_time=datetime.time(10), duration_minutes=60)
    assert group.meetings.count() == before


# ---- Agenda, papers, attendance, decisions ----

def test_an_assurance_report_needs_its_service(world, bu):
    meeting = world.objects["meeting"]
    with pytest.raises(ValidationError) as error:
        services.agenda_item_create(actor=bu, partnership=world.partnership, meeting=meeting,
                                    title="LADO annual report", kind=AgendaItem.Kind.ASSURANCE)
    assert "Say which service" in str(error.value.message_dict["assurance_service"])
    assert not meeting.agenda_items.exists()

    item = services.agenda_item_create(actor=bu, partnership=world.partnership, meeting=meeting,
                                       title="LADO annual report",
                                       kind=AgendaItem.Kind.ASSURANCE, assurance_service="lado",
                                       findings="Referrals up; timeliness good.")
    second = services.agenda_item_create(actor=bu, partnership=world.partnership,
                                         meeting=meeting, title="Any other business")
    assert (item.order, second.order) == (1, 2)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("run.exe", b"MZ\x90\x00", "must be a document"),
        ("fake.pdf", b"MZ not really a pdf", "its content is not"),
        # a real PDF, so only its size can be what is refused
        ("big.pdf", pdf_bytes() + b" " * 4096, "must be smaller than"),
    ],
)
def test_papers_that_are_not_documents_or_too_large_are_refused_and_nothing_is_saved(
    world, bu, settings, name, content, message
):
    settings.HUB_UPLOAD_MAX_BYTES = 2048
    item = AgendaItem.objects.create(meeting=world.objects["meeting"], title="Audit")
    with pytest.raises(ValidationError) as error:
        services.paper_upload(actor=bu, partnership=world.partnership, agenda_item=item,
                              title="Paper", file=SimpleUploadedFile(name, content))
    assert message in " ".join(error.value.message_dict["file"])
    assert not Paper.objects.exists()
    papers_dir = settings.MEDIA_ROOT / "papers"
    assert not papers_dir.exists() or not any(papers_dir.rglob("*"))


def test_a_document_is_stored_with_its_title_or_file_name(world, bu, settings):
    item = AgendaItem.objects.create(meeting=world.objects["meeting"], title="Audit")
    paper = services.paper_upload(actor=bu, partnership=world.partnership, agenda_item=item,
                                  title="", file=pdf_upload("audit.pdf"))
    assert paper.title == "audit.pdf"
    assert paper.uploaded_by == bu
    assert paper.file.read() == pdf_bytes()


def test_attendance_with_a_deputy_sent_needs_the_deputy_and_saves_nothing_otherwise(world, bu):
    meeting = world.objects["meeting"]
    chair, member = world.people[Role.GROUP_CHAIR], world.people[Role.GROUP_MEMBER]
    with pytest.raises(ValidationError, match="Name the deputy who attended for"):
        services.attendance_record(actor=bu, partnership=world.partnership, meeting=meeting,
                                   entries=[{"person": chair, "status": "present"},
                                            {"person": member, "status": "deputy"}])
    assert not Attendance.objects.exists()

    deputy = PersonFactory(name="Deputy Example")
    services.attendance_record(actor=bu, partnership=world.partnership, meeting=meeting,
                               entries=[{"person": chair, "status": "present"},
                                        {"person": member, "status": "deputy",
                                         "deputy": deputy}])
    assert dict(meeting.attendance.values_list("person_id", "status")) == {
        chair.pk: "present", member.pk: "deputy"}
    assert meeting.attendance.get(person=member).deputy == deputy

    # A blank status clears the record; a changed one is updated in place.
    services.attendance_record(actor=bu, partnership=world.partnership, meeting=meeting,
                               entries=[{"person": chair, "status": ""},
                                        {"person": member, "status": "apologies",
                                         "deputy": deputy}])
    assert list(meeting.attendance.values_list("person_id", "status", "deputy_id")) == [
        (member.pk, "apologies", None)]


def test_a_blank_decision_is_refused_with_a_clear_message(world, bu):
    meeting = world.objects["meeting"]
    with pytest.raises(ValidationError) as error:
        services.decision_record(actor=bu, partnership=world.partnership, meeting=meeting,
                                 text="   ")
    assert error.value.message_dict["text"] == ["Enter the decision"]
    assert not Decision.objects.exists()

    decision = services.decision_record(actor=bu, partnership=world.partnership,
                                        meeting=meeting, text="Adopt the neglect strategy.")
    assert decision.recorded_by == bu
    assert AuditEvent.objects.filter(model="governance.Decision", action="create").count() == 1


def test_a_decision_cannot_point_at_another_meetings_item(world, bu):
    other = make_meeting(world.groups["subgroup"], days=30)
    item = AgendaItem.objects.create(meeting=other, title="Elsewhere")
    with pytest.raises(ValidationError, match="agenda item of this meeting"):
        services.decision_record(actor=bu, partnership=world.partnership,
                                 meeting=world.objects["meeting"], text="Yes",
                                 agenda_item=item)
    assert not Decision.objects.exists()


# ---- Escalation ----

def test_escalating_without_a_planned_parent_meeting_is_refused_and_saves_nothing(world):
    item = AgendaItem.objects.create(meeting=world.objects["meeting"], title="Neglect audit")
    make_meeting(world.groups["executive"], days=-14, status=Meeting.Status.HELD)
    make_meeting(world.groups["executive"], days=20, status=Meeting.Status.CANCELLED)
    count = AgendaItem.objects.count()

    with pytest.raises(ValidationError, match="Alpha Executive has no planned meeting coming up"):
        services.agenda_item_escalate(actor=world.users[Role.GROUP_CHAIR],
                                      partnership=world.partnership, agenda_item=item)
    assert AgendaItem.objects.count() == count


def test_escalating_puts_the_item_on_the_parent_groups_next_planned_meeting(world):
    item = AgendaItem.objects.create(meeting=world.objects["meeting"], title="Neglect audit",
                                     findings="Drift in plans.")
    make_meeting(world.groups["executive"], days=60)
    nearest = make_meeting(world.groups["executive"], days=30)

    escalated = services.agenda_item_escalate(actor=world.users[Role.GROUP_CHAIR],
                                              partnership=world.partnership, agenda_item=item)

    assert escalated.meeting == nearest
    assert escalated.kind == AgendaItem.Kind.ESCALATION
    assert escalated.escalated_from == item
    assert escalated.findings == "Drift in plans."
    with pytest.raises(ValidationError, match="already on the agenda"):
        services.agenda_item_escalate(actor=world.users[Role.BUSINESS_UNIT],
                                      partnership=world.partnership, agenda_item=item)
    assert nearest.agenda_items.count() == 1


def test_a_group_that_reports_to_nobody_cannot_escalate(world, bu):
    meeting = make_meeting(world.groups["executive"], days=3)
    item = AgendaItem.objects.create(meeting=meeting, title="Budget")
    with pytest.raises(ValidationError, match="does not report to another group"):
        services.agenda_item_escalate(actor=bu, partnership=world.partnership, agenda_item=item)
    assert AgendaItem.objects.count() == 1
