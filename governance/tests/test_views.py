import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.models import Role
from core.services import ConcurrentEditError
from core.tests.files import pdf_bytes, pdf_upload
from governance.models import AgendaItem, Attendance, Decision, Group, Meeting, Paper
from governance.tests.helpers import make_action, make_meeting
from learning.models import Source


def url(name, **kwargs):
    return reverse(name, kwargs={"slug": "alpha", **kwargs})


def _local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


# ---- Creating and changing meetings ----

def test_a_chair_is_offered_only_the_groups_they_run(world, login):
    client = login(world.users[Role.GROUP_CHAIR])
    form = client.get(url("governance:meeting_create")).context["form"]
    assert list(form.fields["group"].queryset) == [world.groups["subgroup"]]

    start = timezone.now() + datetime.timedelta(days=3)
    response = client.post(url("governance:meeting_create"), {
        "group": world.groups["executive"].pk, "title": "Exec", "starts_at": _local(start),
        "ends_at": _local(start + datetime.timedelta(hours=1)),
    })
    assert "Choose one of the groups you run" in response.content.decode()
    assert not Meeting.objects.filter(group=world.groups["executive"]).exists()


def test_creating_a_meeting_by_hand(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    start = (timezone.now() + datetime.timedelta(days=10)).replace(second=0, microsecond=0)
    response = client.post(url("governance:meeting_create"), {
        "group": world.groups["executive"].pk, "title": "Executive board",
        "starts_at": _local(start), "ends_at": _local(start + datetime.timedelta(hours=2)),
        "location": "Civic Centre",
    })
    meeting = Meeting.objects.get(title="Executive board")
    assert response.status_code == 302
    assert response["Location"] == url("governance:meeting_detail", pk=meeting.pk)
    assert meeting.starts_at == start
    assert meeting.source.kind == Source.Kind.MEETING
    assert list(meeting.source.partnerships.all()) == [world.partnership]


def test_a_meeting_that_ends_before_it_starts_shows_the_message_and_saves_nothing(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    start = timezone.now() + datetime.timedelta(days=10)
    count = Meeting.objects.count()
    response = client.post(url("governance:meeting_create"), {
        "group": world.groups["executive"].pk, "title": "Executive board",
        "starts_at": _local(start), "ends_at": _local(start - datetime.timedelta(hours=2)),
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert "The meeting must end after it starts" in page
    assert "<title>Error: " in page
    assert Meeting.objects.count() == count


def test_a_stale_meeting_save_shows_the_concurrent_edit_message_and_saves_nothing(world, login):
    meeting = world.objects["meeting"]
    client = login(world.users[Role.GROUP_CHAIR])
    edit = url("governance:meeting_edit", pk=meeting.pk)
    form = client.get(edit).context["form"]
    opened = form.initial["version"]
    Meeting.objects.filter(pk=meeting.pk).update(minutes="Someone else's minutes",
                                                 version=opened + 1)

    response = client.post(edit, {
        "title": meeting.title, "status": "held", "starts_at": _local(meeting.starts_at),
        "ends_at": _local(meeting.ends_at), "minutes": "My minutes", "version": opened,
    })

    assert ConcurrentEditError.message in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.status) == ("Someone else's minutes", "planned")


def test_saving_the_minutes(world, login):
    meeting = world.objects["meeting"]
    client = login(world.users[Role.GROUP_CHAIR])
    response = client.post(url("governance:meeting_edit", pk=meeting.pk), {
        "title": meeting.title, "status": "held", "starts_at": _local(meeting.starts_at),
        "ends_at": _local(meeting.ends_at), "minutes": "Agreed the plan.",
        "version": meeting.version,
    })
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.status, meeting.version) == ("Agreed the plan.", "held", 2)


def test_planning_meetings_from_the_cadence(world, login):
    client = login(world.users[Role.GROUP_CHAIR])
    group = world.groups["subgroup"]
    before = group.meetings.count()
    response = client.post(url("governance:meeting_generate", pk=group.pk), {
        "first": "2027-01-07", "last": "2027-03-31", "start_time": "09:30",
        "duration_minutes": "120", "location": "",
    })
    assert response.status_code == 302
    assert group.meetings.count() == before + 2  # 7 Jan and 18 Feb 2027

    response = client.post(url("governance:meeting_generate", pk=group.pk), {
        "first": "2027-03-31", "last": "2027-01-07", "start_time": "09:30",
        "duration_minutes": "120",
    })
    assert "The last date must be the same as or after the first date." in response.content.decode()
    assert group.meetings.count() == before + 2


# ---- Agenda, papers, attendance, decisions, escalation ----

def test_adding_an_assurance_report_needs_the_service(world, login):
    meeting = world.objects["meeting"]
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.post(url("governance:agenda_item_create", pk=meeting.pk), {
        "title": "Private fostering annual report", "kind": "assurance", "presenter": "",
        "assurance_service": "", "findings": "",
    })
    assert "Say which service the assurance report is from." in response.content.decode()
    assert not meeting.agenda_items.exists()

    response = client.post(url("governance:agenda_item_create", pk=meeting.pk), {
        "title": "Private fostering annual report", "kind": "assurance",
        "assurance_service": "private_fostering", "findings": "Notifications remain low.",
        "include_in_annual_report": "on",
    })
    item = meeting.agenda_items.get()
    assert response.status_code == 302
    assert (item.assurance_service, item.include_in_annual_report) == ("private_fostering", True)
    page = login(world.users[Role.GROUP_MEMBER]).get(
        url("governance:meeting_detail", pk=meeting.pk)).content.decode()
    assert "Private fostering annual report" in page and "Notifications remain low." in page


def test_uploading_a_non_document_paper_shows_the_message_and_saves_nothing(world, login):
    item = AgendaItem.objects.create(meeting=world.objects["meeting"], title="Audit")
    client = login(world.users[Role.GROUP_CHAIR])
    response = client.post(url("governance:paper_upload", pk=item.pk), {
        "title": "Script", "file": SimpleUploadedFile("run.exe", b"MZ\x90\x00"),
    })
    assert "The file must be a document" in response.content.decode()
    assert not Paper.objects.exists()


def test_papers_download_only_through_the_permission_checked_view(world, login, client):
    item = AgendaItem.objects.create(meeting=world.objects["meeting"], title="Audit")
    login(world.users[Role.GROUP_CHAIR]).post(url("governance:paper_upload", pk=item.pk), {
        "title": "Audit report", "file": pdf_upload("audit.pdf"),
    })
    paper = Paper.objects.get()
    download = url("governance:paper_download", pk=paper.pk)

    response = login(world.users[Role.GROUP_MEMBER]).get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Disposition"].startswith("attachment")
    assert login(world.users[Role.AGENCY_LEAD]).get(download).status_code == 403
    assert client.get("/media/" + paper.file.name).status_code == 404


def test_recording_attendance(world, login):
    meeting = world.objects["meeting"]
    chair, member = world.people[Role.GROUP_CHAIR], world.people[Role.GROUP_MEMBER]
    client = login(world.users[Role.GROUP_CHAIR])
    edit = url("governance:attendance_edit", pk=meeting.pk)

    response = client.post(edit, {f"status_{chair.pk}": "present",
                                  f"status_{member.pk}": "deputy"})
    assert f"Name the deputy who attended for {member.name}" in response.content.decode()
    assert not Attendance.objects.exists()

    deputy = world.people[Role.AGENCY_LEAD]
    response = client.post(edit, {f"status_{chair.pk}": "present",
                                  f"status_{member.pk}": "deputy",
                                  f"deputy_{member.pk}": deputy.pk})
    assert response.status_code == 302
    assert meeting.attendance.get(person=member).deputy == deputy
    assert meeting.attendance.get(person=chair).status == "present"


def test_a_blank_decision_says_enter_the_decision_and_saves_nothing(world, login):
    meeting = world.objects["meeting"]
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.post(url("governance:decision_create", pk=meeting.pk), {"text": ""})
    assert "Enter the decision" in response.content.decode()
    assert not Decision.objects.exists()

    client.post(url("governance:decision_create", pk=meeting.pk),
                {"text": "Approve the audit programme"})
    assert meeting.decisions.get().text == "Approve the audit programme"


def test_escalating_with_no_planned_parent_meeting_says_so_and_saves_nothing(world, login):
    item = AgendaItem.objects.create(meeting=world.objects["meeting"], title="Drift in plans")
    client = login(world.users[Role.GROUP_CHAIR])
    response = client.post(url("governance:agenda_item_escalate", pk=item.pk), follow=True)
    assert "Alpha Executive has no planned meeting coming up" in response.content.decode()
    assert AgendaItem.objects.count() == 1


def test_escalating_to_the_parent_groups_next_meeting(world, login):
    item = AgendaItem.objects.create(meeting=world.objects["meeting"], title="Drift in plans")
    target = make_meeting(world.groups["executive"], days=21)
    client = login(world.users[Role.GROUP_CHAIR])
    page = client.get(url("governance:meeting_detail", pk=item.meeting_id)).content.decode()
    assert "Escalate to Alpha Executive" in page
    assert client.get(url("governance:agenda_item_escalate", pk=item.pk)).status_code == 405

    client.post(url("governance:agenda_item_escalate", pk=item.pk))
    escalated = target.agenda_items.get()
    assert (escalated.kind, escalated.escalated_from) == ("escalation", item)


# ---- Meeting page: the action log carried over ----

def test_the_meeting_page_shows_its_own_actions_and_the_open_ones_carried_over(world, login):
    group = world.groups["subgroup"]
    earlier = make_meeting(group, days=-40, status=Meeting.Status.HELD)
    later = make_meeting(group, days=40)
    make_action(earlier, world.partnership, title="Carried over open action",
                owner_person=world.people[Role.GROUP_MEMBER])
    make_action(earlier, world.partnership, title="Finished earlier action", status="completed",
                owner_person=world.people[Role.GROUP_MEMBER])
    make_action(later, world.partnership, title="Action from a later meeting",
                owner_person=world.people[Role.GROUP_MEMBER])
    other_group = make_meeting(world.groups["executive"], days=-40)
    make_action(other_group, world.partnership, title="Executive action")

    client = login(world.users[Role.GROUP_MEMBER])
    response = client.get(url("governance:meeting_detail", pk=world.objects["meeting"].pk))
    carried = [a.title for a in response.context["carried_over"]]
    own = [a.title for a in response.context["actions"]]
    assert carried == ["Carried over open action"]
    assert own == ["Refresh the neglect toolkit"]


def test_the_group_page_shows_members_meetings_and_open_action_log(world, login):
    group = world.groups["subgroup"]
    make_meeting(group, days=-20, status=Meeting.Status.HELD, title="Past Q&P")
    response = login(world.users[Role.GROUP_MEMBER]).get(
        url("governance:group_detail", pk=group.pk))
    page = response.content.decode()
    assert "Groupchair Example" in page and "Groupmember Example" in page
    assert [m.title for m in response.context["past"]] == ["Past Q&P"]
    assert [m.pk for m in response.context["upcoming"]] == [world.objects["meeting"].pk]
    assert [a.title for a in response.context["action_log"]] == ["Refresh the neglect toolkit"]


# ---- Lists: filters, exports, scoping, fixed query counts ----

def test_group_list_shows_shared_groups_and_filters_by_kind(world, login):
    tees = Group.objects.create(name="Tees Exploitation Group", kind=Group.Kind.TEES_WIDE)
    tees.partnerships.set([world.partnership, world.other])
    client = login(world.users[Role.PARTNER_DELEGATE])
    response = client.get(url("governance:group_list"), {"kind": "tees_wide"})
    assert [g.name for g in response.context["object_list"]] == ["Tees Exploitation Group"]
    assert "ASCP, BSCP" in response.content.decode()
    all_names = [g.name for g in client.get(url("governance:group_list")).context["object_list"]]
    assert "Beta Executive" not in all_names


def test_a_group_member_sees_only_their_groups_meetings(world, login):
    make_meeting(world.groups["executive"], days=5, title="Executive only")
    response = login(world.users[Role.GROUP_MEMBER]).get(url("governance:meeting_list"))
    titles = [m.title for m in response.context["object_list"]]
    assert titles == ["Quality and Performance sub-group"]


def test_meeting_list_filters_by_group_status_and_date_and_exports(world, login):
    make_meeting(world.groups["executive"], days=-30, status=Meeting.Status.HELD,
                 title="Held executive")
    make_meeting(world.groups["executive"], days=90, title="Later executive")
    client = login(world.users[Role.BUSINESS_UNIT])
    listing = url("governance:meeting_list")
    titles = lambda params: [m.title for m in client.get(listing, params).context["object_list"]]  # noqa: E731
    assert titles({"status": "held"}) == ["Held executive"]
    assert titles({"group": world.groups["executive"].pk, "status": "planned"}) == [
        "Later executive"]
    soon = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    today = timezone.localdate().isoformat()
    assert titles({"date_from": today, "date_to": soon}) == ["Quality and Performance sub-group"]

    body = client.get(listing, {"status": "held", "export": "csv"}).content.decode()
    assert body.splitlines()[0] == "Meeting,Group,Starts,Ends,Where,Status"
    assert body.splitlines()[1].startswith("Held executive,Alpha Executive,")


def test_decision_list_filters_and_exports(world, login):
    meeting = world.objects["meeting"]
    Decision.objects.create(meeting=meeting, text="Adopt the neglect strategy")
    Decision.objects.create(meeting=meeting, text="Commission an audit")
    Decision.objects.create(meeting=world.objects["beta_meeting"], text="Beta decision")
    client = login(world.users[Role.SCRUTINEER])
    listing = url("governance:decision_list")
    rows = client.get(listing, {"text": "neglect"}).context["object_list"]
    assert [d.text for d in rows] == ["Adopt the neglect strategy"]
    everything = [d.text for d in client.get(listing).context["object_list"]]
    assert "Beta decision" not in everything
    sheet = load_workbook(io.BytesIO(client.get(listing, {"export": "xlsx"}).content)).active
    assert [c.value for c in sheet[1]] == ["Date", "Group", "Meeting", "Agenda item", "Decision"]
    assert sheet.max_row == 3


def _count(client, target):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(target)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(world, n):
    groups = Group.objects.bulk_create(
        [Group(name=f"Task group {n}-{i}", kind=Group.Kind.TASK_AND_FINISH,
               chair=world.people[Role.GROUP_CHAIR], reports_to=world.groups["executive"])
         for i in range(n)])
    through = Group.partnerships.through
    through.objects.bulk_create([through(group=g, partnership=world.partnership) for g in groups])
    start = timezone.now()
    # bulk_create skips Meeting.save, so each meeting's learning source is made here.
    sources = Source.objects.bulk_create(
        [Source(kind=Source.Kind.MEETING, title=f"Meeting {n}-{i}") for i in range(n)])
    meetings = Meeting.objects.bulk_create(
        [Meeting(group=groups[i], title=f"Meeting {n}-{i}", starts_at=start,
                 ends_at=start + datetime.timedelta(hours=1), source=sources[i])
         for i in range(n)])
    Decision.objects.bulk_create(
        [Decision(meeting=m, text=f"Decision {m.title}",
                  agenda_item=AgendaItem.objects.create(meeting=m, title="Item"))
         for m in meetings])


@pytest.mark.parametrize("name", ["governance:group_list", "governance:meeting_list",
                                  "governance:decision_list"])
def test_list_pages_run_the_same_number_of_queries_for_5_and_500_rows(world, login, name):
    client = login(world.users[Role.BUSINESS_UNIT])
    target = url(name) + "?" + "page=1"
    _grow(world, 5)
    few = _count(client, target)
    _grow(world, 495)
    assert _count(client, target) == few


def test_a_paper_of_another_partnership_is_never_served(world, login):
    item = AgendaItem.objects.create(meeting=world.objects["beta_meeting"], title="Beta")
    paper = Paper(agenda_item=item, title="Beta paper")
    paper.file.save("beta.pdf", ContentFile(pdf_bytes("Beta paper")), save=True)
    response = login(world.users[Role.BUSINESS_UNIT]).get(
        url("governance:paper_download", pk=paper.pk))
    assert response.status_code == 404


def test_a_paper_download_is_named_typed_audited_and_not_stored(world, login):
    from core.models import AuditEvent

    item = AgendaItem.objects.create(meeting=world.objects["meeting"], title="Audit")
    login(world.users[Role.GROUP_CHAIR]).post(url("governance:paper_upload", pk=item.pk), {
        "title": "Audit report", "file": pdf_upload("audit.pdf"),
    })
    paper = Paper.objects.get()
    download = url("governance:paper_download", pk=paper.pk)
    member = world.users[Role.GROUP_MEMBER]
    response = login(member).get(download)
    name = paper.file.name.rsplit("/", 1)[-1]
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{name}"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    row = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT, model="governance.Paper")
    assert (row.actor, row.object_id, row.partnership) == (member, str(paper.pk),
                                                           world.partnership)
    assert name in row.object_repr
    # A refused download writes no export row.
    assert login(world.users[Role.AGENCY_LEAD]).get(download).status_code == 403
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count() == 1
    # A file gone from storage is a clear 404, not a server error.
    paper.file.delete(save=False)
    assert login(member).get(download).status_code == 404
