import datetime
import io

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import verify_two_factor
from core.models import Role
from core.services import ConcurrentEditError
from governance.models import Decision
from governance.tests.helpers import make_action, make_meeting
from learning.models import Action, ActionUpdate


def url(name, **kwargs):
    return reverse(name, kwargs={"slug": "alpha", **kwargs})


def _titles(response):
    return [a.title for a in response.context["object_list"]]


def test_an_action_added_at_a_meeting_shows_on_its_owners_home_page(world, login):
    meeting = world.objects["meeting"]
    decision = Decision.objects.create(meeting=meeting, text="Review the threshold document")
    owner = world.people[Role.AGENCY_LEAD]
    client = login(world.users[Role.GROUP_CHAIR])
    form = client.get(url("learning:action_create", pk=meeting.pk),
                      {"decision": decision.pk}).context["form"]
    assert form.initial["decision"] == str(decision.pk)

    due = timezone.localdate() + datetime.timedelta(days=7)
    response = client.post(url("learning:action_create", pk=meeting.pk), {
        "title": "Brief school DSLs on the threshold document", "detail": "",
        "owner_organisation": world.orgs["school"].pk, "owner_person": owner.pk,
        "due_date": due.isoformat(), "decision": decision.pk,
    })
    assert response.status_code == 302
    action = Action.objects.get(title="Brief school DSLs on the threshold document")
    assert (action.source, action.decision, action.owner_person) == (meeting.source, decision,
                                                                     owner)

    home = login(world.users[Role.AGENCY_LEAD]).get(reverse("core:partnership_home",
                                                            kwargs={"slug": "alpha"}))
    assert "Brief school DSLs on the threshold document" in home.content.decode()
    assert url("learning:action_detail", pk=action.pk) in home.content.decode()


def test_adding_an_action_without_a_title_or_due_date_shows_messages_and_saves_nothing(
    world, login
):
    meeting = world.objects["meeting"]
    before = Action.objects.count()
    response = login(world.users[Role.BUSINESS_UNIT]).post(
        url("learning:action_create", pk=meeting.pk),
        {"title": "", "due_date": "", "owner_organisation": world.orgs["police"].pk})
    page = response.content.decode()
    assert "Enter what the action is" in page and "Enter the date the action is due" in page
    assert Action.objects.count() == before


def test_the_second_of_two_concurrent_editors_sees_the_message_and_overwrites_nothing(world):
    """Two people open the edit page; the first saves; the second's save is refused."""
    action = world.objects["action"]
    edit = url("learning:action_edit", pk=action.pk)
    editors = []
    for role in (Role.BUSINESS_UNIT, Role.GROUP_CHAIR):
        client = Client()
        client.force_login(world.users[role])
        verify_two_factor(client, world.users[role])
        form = client.get(edit).context["form"]
        editors.append((client, dict(form.initial)))

    def post(client, initial, **changes):
        data = {**initial, "owner_organisation": initial["owner_organisation"] or "",
                "owner_person": initial["owner_person"] or "", **changes}
        return client.post(edit, data)

    first = post(*editors[0], status="in_progress", detail="First editor")
    assert first.status_code == 302
    second = post(*editors[1], status="dropped", detail="Second editor")

    assert second.status_code == 200
    assert ConcurrentEditError.message in second.content.decode()
    action.refresh_from_db()
    assert (action.status, action.detail, action.version) == ("in_progress", "First editor", 2)


def test_adding_an_update_note_moves_the_status_and_shows_in_the_history(world, login):
    action = world.objects["action"]
    client = login(world.users[Role.GROUP_MEMBER])
    add = url("learning:action_update_add", pk=action.pk)

    response = client.post(add, {"text": "", "status": "completed", "version": action.version})
    assert "Enter what has happened on this action" in response.content.decode()
    assert not ActionUpdate.objects.exists()

    response = client.post(add, {"text": "Toolkit published", "status": "completed",
                                 "version": action.version})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "completed"
    detail = client.get(url("learning:action_detail", pk=action.pk)).content.decode()
    assert "Toolkit published" in detail and "Not started → Completed" in detail


def test_the_action_log_filters_by_status_overdue_owner_group_and_text(world, login):
    meeting = world.objects["meeting"]
    exec_meeting = make_meeting(world.groups["executive"], days=-10)
    make_action(meeting, world.partnership, title="Late police action", due_in=-3,
                owner_organisation=world.orgs["police"])
    make_action(meeting, world.partnership, title="Done long ago", due_in=-30, status="completed",
                owner_organisation=world.orgs["police"])
    make_action(exec_meeting, world.partnership, title="Executive budget action", due_in=60,
                owner_organisation=world.orgs["council"])
    client = login(world.users[Role.BUSINESS_UNIT])
    listing = url("learning:action_list")

    assert _titles(client.get(listing, {"overdue": "yes"})) == ["Late police action"]
    assert "Late police action" not in _titles(client.get(listing, {"overdue": "no"}))
    assert _titles(client.get(listing, {"status": "completed"})) == ["Done long ago"]
    assert _titles(client.get(listing, {"owner_organisation": world.orgs["police"].pk})) == [
        "Done long ago", "Late police action"]
    assert _titles(client.get(listing, {"group": world.groups["executive"].pk})) == [
        "Executive budget action"]
    assert _titles(client.get(listing, {"q": "BUDGET"})) == ["Executive budget action"]
    soon = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    assert _titles(client.get(listing, {"due_from": timezone.localdate().isoformat(),
                                        "due_to": soon})) == ["Refresh the neglect toolkit"]
    assert "Beta action" not in _titles(client.get(listing))
    page = client.get(listing, {"overdue": "yes"}).content.decode()
    assert "Overdue" in page


def test_the_action_log_exports_the_filtered_rows_with_their_timeliness(world, login):
    make_action(world.objects["meeting"], world.partnership, title="Late action", due_in=-3,
                owner_organisation=world.orgs["police"])
    client = login(world.users[Role.BUSINESS_UNIT])
    listing = url("learning:action_list")

    lines = client.get(listing, {"overdue": "yes", "export": "csv"}).content.decode().splitlines()
    assert lines[0].split(",")[:8] == ["Action", "Source", "Group", "Owner organisation", "Owner",
                                       "Due", "Status", "Timeliness"]
    assert len(lines) == 2 and lines[1].startswith("Late action,") and ",Overdue," in lines[1]

    sheet = load_workbook(io.BytesIO(client.get(listing, {"export": "xlsx"}).content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"Late action", "Refresh the neglect toolkit"}
    assert rows["Refresh the neglect toolkit"][7] == "Due soon"


def test_an_agency_lead_sees_only_their_organisations_actions(world, login):
    make_action(world.objects["meeting"], world.partnership, title="Police action",
                owner_organisation=world.orgs["police"])
    response = login(world.users[Role.AGENCY_LEAD]).get(url("learning:action_list"))
    assert _titles(response) == ["Refresh the neglect toolkit"]


def test_the_action_log_runs_the_same_number_of_queries_for_5_and_500_rows(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    target = url("learning:action_list")
    meeting = world.objects["meeting"]

    def grow(n):
        Action.objects.bulk_create([
            Action(partnership=world.partnership, source=meeting.source, title=f"A {n}-{i}",
                   owner_organisation=world.orgs["police"],
                   owner_person=world.people[Role.AGENCY_LEAD],
                   due_date=timezone.localdate() + datetime.timedelta(days=i - 10))
            for i in range(n)])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(target).status_code == 200
        return len(ctx.captured_queries)

    grow(5)
    few = count()
    grow(495)
    assert count() == few


# ---- optimistic locking cannot be skipped (decision 0002) ----

OUT_OF_DATE = "This page is out of date"
STALE_POSTS = [({}, OUT_OF_DATE), ({"version": "0"}, OUT_OF_DATE)]


def _finding_post(world, text, themes, **extra):
    from learning.tests.factories import theme

    return {"text": text, "themes": [theme(name).pk for name in themes], **extra}


def test_a_finding_post_without_a_version_or_with_0_leaves_the_newer_save(world, login):
    from learning.models import Finding
    from learning.tests.factories import audit_thread

    audit_thread(world)
    finding = world.objects["finding"]
    client = login(world.users[Role.BUSINESS_UNIT])
    edit = url("learning:finding_edit", pk=finding.pk)
    newer = client.post(edit, _finding_post(world, "Newer wording", ["Neglect"], version=1))
    assert newer.status_code == 302
    for extra, message in STALE_POSTS:
        page = client.post(edit, _finding_post(world, "Older wording", ["Neglect"], **extra))
        assert page.status_code == 200 and message in page.content.decode()
        saved = Finding.objects.get(pk=finding.pk)
        assert (saved.text, saved.version) == ("Newer wording", 2)


def test_a_themes_only_finding_post_is_version_checked(world, login):
    from learning.models import Finding
    from learning.tests.factories import audit_thread

    audit_thread(world)
    finding = world.objects["finding"]
    client = login(world.users[Role.BUSINESS_UNIT])
    edit = url("learning:finding_edit", pk=finding.pk)
    themes_only = _finding_post(world, finding.text, ["Neglect", "Exploitation"], version=1)
    assert client.post(edit, themes_only).status_code == 302
    saved = Finding.objects.get(pk=finding.pk)
    assert saved.version == 2
    assert sorted(t.name for t in saved.themes.all()) == ["Exploitation", "Neglect"]
    stale = client.post(edit, _finding_post(world, finding.text, ["Neglect"], version=1))
    assert stale.status_code == 200
    assert ConcurrentEditError.message in stale.content.decode()
    saved = Finding.objects.get(pk=finding.pk)
    assert saved.version == 2
    assert sorted(t.name for t in saved.themes.all()) == ["Exploitation", "Neglect"]


def test_a_recommendation_post_without_a_version_or_with_0_leaves_the_newer_save(world, login):
    from learning.models import Recommendation
    from learning.tests.factories import audit_thread

    audit_thread(world)
    rec = world.objects["recommendation"]
    client = login(world.users[Role.BUSINESS_UNIT])
    edit = url("learning:recommendation_edit", pk=rec.pk)
    form = {"text": "Newer recommendation", "lead_organisation": rec.lead_organisation_id,
            "measure": rec.measure, "target_date": rec.target_date.isoformat(),
            "specific": "on", "measurable": "on", "achievable": "on", "relevant": "on",
            "time_bound": "on"}
    assert client.post(edit, {**form, "version": 1}).status_code == 302
    for extra, message in STALE_POSTS:
        page = client.post(edit, {**form, "text": "Older recommendation", **extra})
        assert page.status_code == 200 and message in page.content.decode()
        saved = Recommendation.objects.get(pk=rec.pk)
        assert (saved.text, saved.version) == ("Newer recommendation", 2)


def test_challenge_question_and_milestone_pages_need_the_version_they_showed(world, login):
    from learning.models import ActionMilestone, ChallengeQuestion
    from learning.tests.factories import challenge_question, improvement_plan

    question = challenge_question(world)
    improvement_plan(world)
    milestone = world.objects["milestone"]
    client = login(world.users[Role.BUSINESS_UNIT])
    question_edit = url("learning:challenge_question_edit", pk=question.pk)
    assert client.get(question_edit).context["form"].initial["version"] == 1
    milestone_edit = url("learning:milestone_status", pk=milestone.pk)
    for extra, message in [*STALE_POSTS, ({"version": "1"}, ConcurrentEditError.message)]:
        if extra.get("version") == "1":  # someone else saved both after the pages opened
            ChallengeQuestion.objects.filter(pk=question.pk).update(text="Theirs?", version=2)
            ActionMilestone.objects.filter(pk=milestone.pk).update(evidence="Theirs", version=2)
        page = client.post(question_edit, {"text": "Mine?", **extra})
        assert page.status_code == 200 and message in page.content.decode()
        page = client.post(milestone_edit, {"status": "at_risk", "evidence": "", **extra})
        assert page.status_code == 200 and message in page.content.decode()
    assert ChallengeQuestion.objects.get(pk=question.pk).text != "Mine?"
    assert ActionMilestone.objects.get(pk=milestone.pk).status == "not_started"
