"""load_demo: the fictional Tees demo loads, loads again without changes, and logs people in."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.calendar import DUE_SOON
from core.demo import tees
from core.demo.totp import demo_key
from core.models import TWO_FACTOR_ROLES, Area, Partnership, Person, Role, RoleAssignment, User
from governance.models import AgendaItem, Group, Meeting, Membership
from learning.models import Action, Source

pytestmark = pytest.mark.django_db

OPEN = [Action.Status.NOT_STARTED, Action.Status.IN_PROGRESS]


def load(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def demo(db):
    """The core demo only; the tests that need the apps' demo loaders call load()."""
    return load("--no-extensions")


@pytest.fixture
def meetings(demo):
    """The core demo plus the Tees groups, meetings and their actions (governance's and
    learning's parts of it), without the other apps' demo loaders."""
    from governance.demo import TeesGovernance
    from learning.demo import TeesMeetingActions

    TeesGovernance().run()
    TeesMeetingActions().run()
    return demo


def counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def last_changes():
    """Newest updated_at per model of the apps the core demo writes."""
    stamps = {}
    for label in ("core", "governance", "learning"):
        for model in apps.get_app_config(label).get_models():
            if any(f.name == "updated_at" for f in model._meta.fields):
                stamps[model._meta.label] = sorted(
                    model._default_manager.values_list("pk", "updated_at")
                )
    return stamps


def test_runs_with_app_loaders_and_prints_logins(db):
    demo = load()
    assert tees.DEMO_PASSWORD in demo
    assert "http://127.0.0.1:8000/" in demo
    for username in tees.USERS:
        assert username in demo
    assert "code: .venv/bin/python manage.py demo_totp bu.hsscp" in demo


def test_second_run_changes_nothing(db):
    load()
    before, stamps = counts(), last_changes()
    load()
    assert counts() == before
    assert last_changes() == stamps


def test_partnerships_areas_and_populations(demo):
    hsscp = Partnership.objects.get(slug="hsscp")
    stscp = Partnership.objects.get(slug="stscp")
    assert hsscp.short_name == "HSSCP" and stscp.short_name == "STSCP"
    assert hsscp.name == "Hartlepool and Stockton-on-Tees Safeguarding Children Partnership"
    assert stscp.name == "South Tees Safeguarding Children Partnership"
    assert hsscp.summary and stscp.summary
    expected = {
        "E06000001": ("Hartlepool", hsscp), "E06000002": ("Middlesbrough", stscp),
        "E06000003": ("Redcar and Cleveland", stscp), "E06000004": ("Stockton-on-Tees", hsscp),
    }
    for code, (name, partnership) in expected.items():
        area = Area.objects.get(ons_code=code)
        assert (area.name, area.partnership) == (name, partnership)
        latest = area.latest
        assert latest is not None and latest.children > 0 and "seed" in latest.source
    assert Area.objects.get(ons_code="E06000001").populations.get(year=2020).children == 20054


def test_structure(meetings):
    for group in Group.objects.filter(kind=Group.Kind.TEES_WIDE):
        assert set(group.partnerships.values_list("slug", flat=True)) == {"hsscp", "stscp"}
    assert Group.objects.filter(kind=Group.Kind.TEES_WIDE).count() >= 4
    assert Group.objects.filter(kind=Group.Kind.TASK_AND_FINISH, ended_on__isnull=False).exists()
    engine = Group.objects.get(name="HSSCP Engine Room")
    assert engine.kind == Group.Kind.ENGINE_ROOM
    assert (engine.cadence_every, engine.cadence_unit) == (6, "weeks")
    assert engine.chair_rota and engine.reports_to.name == "HSSCP Executive"
    assert Group.objects.get(name="HSSCP Executive").cadence_display == "Every 2 months"
    assert Group.objects.get(name="STSCP Development Group").kind == Group.Kind.ENGINE_ROOM
    chair = User.objects.get(username="chair.hsscp").person
    assert engine.chair == chair
    assert Membership.objects.filter(group=engine, person=chair, group_role="chair").exists()
    for org in ("Hartlepool Borough Council", "Cleveland Police", "Middlesbrough Council"):
        assert Person.objects.filter(organisation__name=org).exists()


def test_meetings_sources_and_agendas(meetings):
    now = timezone.now()
    meetings = Meeting.objects.select_related("source", "group")
    assert meetings.filter(starts_at__lt=now, status=Meeting.Status.HELD).exists()
    assert meetings.filter(starts_at__gt=now, status=Meeting.Status.PLANNED).exists()
    assert not meetings.filter(starts_at__gt=now, status=Meeting.Status.HELD).exists()
    for meeting in meetings:
        assert meeting.source is not None and meeting.source.kind == Source.Kind.MEETING
        assert set(meeting.source.partnerships.all()) == set(meeting.group.partnerships.all())
        if meeting.status == Meeting.Status.HELD:
            assert meeting.minutes and meeting.attendance.exists()
    assert meetings.filter(attendance__status="deputy", attendance__deputy__isnull=False).exists()
    assert meetings.filter(attendance__status="apologies").exists()
    services = set(AgendaItem.objects.filter(kind="assurance")
                   .values_list("assurance_service", flat=True))
    assert {"early_help", "lado", "iro", "private_fostering", "front_door", "cdop"} <= services
    escalation = AgendaItem.objects.filter(kind="escalation").select_related(
        "escalated_from__meeting__group", "meeting__group").first()
    assert escalation is not None
    assert escalation.meeting.group.kind == Group.Kind.EXECUTIVE
    assert escalation.escalated_from.meeting.group.kind == Group.Kind.ENGINE_ROOM


def test_actions_at_every_stage(meetings):
    today = timezone.localdate()
    soon = DUE_SOON.last_day(today)
    actions = Action.objects.all()
    assert actions.filter(status=Action.Status.COMPLETED, completed_on__isnull=False).exists()
    assert actions.filter(status=Action.Status.IN_PROGRESS, due_date__gt=today).exists()
    for username in ("member.hsscp", "chair.hsscp"):
        mine = actions.filter(owner_person__user__username=username, status__in=OPEN)
        assert mine.filter(due_date__lt=today).exists(), username
        assert mine.filter(due_date__gte=today, due_date__lte=soon).exists(), username
    lead = RoleAssignment.objects.get(person__user__username="agencylead.hsscp",
                                      role=Role.AGENCY_LEAD)
    theirs = actions.filter(owner_organisation=lead.organisation, status__in=OPEN)
    assert theirs.filter(due_date__lt=today).exists()
    assert theirs.filter(due_date__gte=today, due_date__lte=soon).exists()
    for action in actions.select_related("source__meeting"):
        assert action.source.meeting is not None
        assert action.owner_person.organisation_id == action.owner_organisation_id
    assert Action.objects.filter(updates__isnull=False).exists()


def test_a_demo_login_per_role_with_two_factor(meetings):
    users = User.objects.filter(is_demo=True)
    roles = set(RoleAssignment.objects.filter(person__user__in=users)
                .values_list("role", flat=True))
    assert roles == {r.value for r in Role}
    bu_tees = RoleAssignment.objects.filter(person__user__username="bu.tees")
    assert set(bu_tees.values_list("partnership__slug", flat=True)) == {"hsscp", "stscp"}
    for user in users:
        assert user.check_password(tees.DEMO_PASSWORD)
        user_roles = set(RoleAssignment.objects.filter(person__user=user)
                         .values_list("role", flat=True))
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if user_roles & {r.value for r in TWO_FACTOR_ROLES}:
            assert device is not None and device.key == demo_key(user.username)
        else:
            assert device is None
    for a in RoleAssignment.objects.filter(role__in=[Role.GROUP_CHAIR, Role.GROUP_MEMBER]):
        assert a.group_id and Membership.objects.filter(group=a.group, person=a.person).exists()


def test_no_demo_person_is_named_in_the_seeds(demo):
    seeds = settings.BASE_DIR.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("seed documents not present")
    text = " ".join(p.read_text(errors="ignore") for p in seeds.glob("*.txt"))
    text = re.sub(r"\s+", " ", text).lower()
    names = list(Person.objects.values_list("name", flat=True))
    assert len(names) >= 40
    assert [n for n in names if n.lower() in text] == []


def test_demo_totp_prints_a_working_code(demo):
    out = StringIO()
    call_command("demo_totp", "bu.hsscp", stdout=out)
    code = re.search(r"Code for bu\.hsscp: (\d{6})", out.getvalue()).group(1)
    assert "Secret (base32" in out.getvalue()
    device = TOTPDevice.objects.get(user__username="bu.hsscp")
    assert device.verify_token(code)


def test_demo_totp_refuses_other_users(demo):
    User.objects.create_user("real.person", password="x" * 12)
    with pytest.raises(CommandError, match="not a demo login"):
        call_command("demo_totp", "real.person", stdout=StringIO())
    with pytest.raises(CommandError, match="no authenticator"):
        call_command("demo_totp", "member.hsscp", stdout=StringIO())
    with pytest.raises(CommandError, match="No user"):
        call_command("demo_totp", "nobody.here", stdout=StringIO())


@pytest.mark.parametrize("username", ["member.hsscp", "chair.hsscp", "agencylead.hsscp"])
def test_home_page_shows_the_demo_users_actions(meetings, login, username):
    user = User.objects.get(username=username)
    today = timezone.localdate()
    mine = Action.objects.filter(owner_person=user.person, status__in=OPEN)
    overdue = mine.filter(due_date__lt=today).first()
    soon = mine.filter(due_date__gte=today, due_date__lte=DUE_SOON.last_day(today)).first()
    page = login(user).get("/p/hsscp/")
    assert page.status_code == 200
    html = page.content.decode()
    assert overdue.title.replace("'", "&#x27;") in html
    assert soon.title.replace("'", "&#x27;") in html


def test_tees_business_unit_sees_both_partnerships(meetings, login):
    client = login(User.objects.get(username="bu.tees"))
    assert client.get("/p/hsscp/").status_code == 200
    assert client.get("/p/stscp/").status_code == 200


def test_refuses_to_take_over_a_real_login(db):
    User.objects.create_user("bu.hsscp", password="a-real-password-1")
    with pytest.raises(CommandError, match="real login"):
        load("--no-extensions")
    assert not Partnership.objects.filter(slug="hsscp").exists()  # all or nothing
    assert User.objects.get(username="bu.hsscp").check_password("a-real-password-1")


def test_the_demo_writes_as_the_system_actor_named_in_the_audit_trail(db):
    from core.models import AuditEvent
    from core.services import SYSTEM_USERNAME

    load()
    rows = AuditEvent.objects.all()
    assert rows.exists()
    system = User.objects.get(username=SYSTEM_USERNAME)
    assert not system.has_usable_password()
    # Every row the loader wrote (reviews, learning, performance, reports) names the system,
    # but a survey response, which names nobody by design (decision 0035).
    anonymous = rows.filter(actor__isnull=True)
    assert set(anonymous.values_list("model", "action", "object_repr")) == {
        ("assurance.Return", "create", f"A response to {title}") for title in (
            "Practitioner survey 2024-25", "Young people's survey: feeling safe 2024-25")}
    assert set(rows.exclude(pk__in=anonymous).values_list("actor_id", "actor_name")
               .distinct()) == {(system.pk, SYSTEM_USERNAME)}
    assert {"reviews.seriousincident", "learning.action", "performance.datareturn",
            "governance.meeting"} <= {m.lower() for m in rows.values_list("model", flat=True)}
