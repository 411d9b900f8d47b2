"""Shared fixtures: a small two-partnership world with one user per role, and logins."""

import datetime
import importlib
import os
import re
from dataclasses import dataclass, field

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import Organisation, Role
from core.policy import forget_scope, requires_two_factor
from core.tests.factories import (
    AreaFactory,
    AreaPopulationFactory,
    OrganisationFactory,
    PartnershipFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
)

ROLES = [r.value for r in Role]


@dataclass
class World:
    partnership: object
    other: object
    users: dict = field(default_factory=dict)  # role -> user, plus "outsider"
    people: dict = field(default_factory=dict)
    orgs: dict = field(default_factory=dict)
    groups: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)


def make_person_with_role(role, partnership, *, username, organisation=None, group=None):
    user = UserFactory(username=username)
    person = PersonFactory(name=f"{username.title()} Example", user=user,
                           organisation=organisation or OrganisationFactory())
    RoleAssignmentFactory(person=person, role=role, partnership=partnership, group=group,
                          organisation=organisation if role == Role.AGENCY_LEAD else None)
    return user, person


@pytest.fixture
def world(db):
    """Partnership 'alpha' with a user per role, and 'beta' whose business unit is an outsider."""
    from governance.models import Group, Meeting, Membership
    from learning.models import Action, Source

    alpha = PartnershipFactory(slug="alpha", name="Alpha Safeguarding Children Partnership",
                               short_name="ASCP")
    beta = PartnershipFactory(slug="beta", name="Beta Safeguarding Children Partnership",
                              short_name="BSCP")
    area = AreaFactory(partnership=alpha, ons_code="E06009991", name="Alphaton")
    AreaPopulationFactory(area=area, year=2023, children=40000)
    w = World(partnership=alpha, other=beta)
    w.orgs["council"] = OrganisationFactory(name="Alphaton Council",
                                            kind=Organisation.Kind.LOCAL_AUTHORITY)
    w.orgs["police"] = OrganisationFactory(name="Alpha Police", kind=Organisation.Kind.POLICE)
    w.orgs["school"] = OrganisationFactory(name="Alpha Academy", kind=Organisation.Kind.SCHOOL)
    for org in w.orgs.values():
        org.partnerships.add(alpha)

    executive = Group.objects.create(name="Alpha Executive", kind=Group.Kind.EXECUTIVE,
                                     cadence_every=2, cadence_unit="months")
    executive.partnerships.add(alpha)
    subgroup = Group.objects.create(name="Quality and Performance", kind=Group.Kind.SUB_GROUP,
                                    reports_to=executive, cadence_every=6, cadence_unit="weeks")
    subgroup.partnerships.add(alpha)
    beta_group = Group.objects.create(name="Beta Executive", kind=Group.Kind.EXECUTIVE)
    beta_group.partnerships.add(beta)
    w.groups.update(executive=executive, subgroup=subgroup, beta=beta_group)

    for role in ROLES:
        org = w.orgs["school"] if role == Role.AGENCY_LEAD else w.orgs["council"]
        group = subgroup if role in (Role.GROUP_CHAIR, Role.GROUP_MEMBER) else None
        user, person = make_person_with_role(role, alpha, username=role.replace("_", ""),
                                             organisation=org, group=group)
        w.users[role], w.people[role] = user, person
        if group is not None:
            Membership.objects.create(
                group=group, person=person,
                group_role="chair" if role == Role.GROUP_CHAIR else "member",
            )
    w.users["outsider"], w.people["outsider"] = make_person_with_role(
        Role.BUSINESS_UNIT, beta, username="outsider", organisation=OrganisationFactory()
    )

    start = timezone.now() + datetime.timedelta(days=7)
    meeting = Meeting.objects.create(
        group=subgroup, title="Quality and Performance sub-group", starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        source=Source.objects.create(kind=Source.Kind.MEETING, title="Q&P meeting"),
    )
    meeting.source.partnerships.add(alpha)
    beta_start = start + datetime.timedelta(days=1)
    beta_meeting = Meeting.objects.create(
        group=beta_group, title="Beta Executive", starts_at=beta_start,
        ends_at=beta_start + datetime.timedelta(hours=2),
        source=Source.objects.create(kind=Source.Kind.MEETING, title="Beta exec meeting"),
    )
    action = Action.objects.create(
        partnership=alpha, source=meeting.source, title="Refresh the neglect toolkit",
        owner_organisation=w.orgs["school"], owner_person=w.people[Role.GROUP_MEMBER],
        due_date=timezone.localdate() + datetime.timedelta(days=5),
    )
    beta_action = Action.objects.create(
        partnership=beta, source=beta_meeting.source, title="Beta action",
        due_date=timezone.localdate() + datetime.timedelta(days=5),
    )
    w.objects.update(meeting=meeting, action=action, beta_meeting=beta_meeting,
                     beta_action=beta_action, area=area)
    return w


def verify_two_factor(client, user):
    """Mark the client's session as having passed the TOTP check (as django_otp.login does)."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def login(client):
    """login(user) signs the test client in, passing the TOTP check where the role needs it."""

    def _login(user):
        forget_scope(user)
        client.force_login(user)
        if requires_two_factor(user):
            verify_two_factor(client, user)
        return client

    return _login


@pytest.fixture(autouse=True, scope="session")
def _tasks_in_process():
    """Celery tasks run in the test's process even when REDIS_URL names a broker (CI's
    PostgreSQL pass): no worker runs beside the tests."""
    from hub.celery import app

    app.conf.task_always_eager = True


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Fast hashing: tests create many users; production keeps Django's default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Rows the migrations seed and the app relies on. A live-server test's database is emptied
# after the test, taking them too, so they are put back before each such test.
SEEDED_BY_MIGRATIONS = [
    ("core.migrations.0007_deadline_rules_one_model", "add_defaults"),
    ("governance.migrations.0008_procedures_moved_from_the_public_site", "add_rule"),
    ("learning.migrations.0002_findings_evidence_and_learning_records", "add_themes"),
    ("reports.migrations.0002_checklist_and_rules", "add_checklist"),
    ("business.migrations.0002_national_response_dates_from_a_deadline_rule", "add_rule"),
]


@pytest.fixture(autouse=True)
def _fresh_state(request):
    """Each test starts with an empty cache (pages cache figures) and the seeded rows."""
    from django.core.cache import cache

    cache.clear()
    if "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        from django.apps import apps

        for module, function in SEEDED_BY_MIGRATIONS:
            getattr(importlib.import_module(module), function)(apps, None)
    yield
    cache.clear()


# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the
# live server thread and fixtures are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# ---- Browser tests: Playwright driving Debian's Chromium, with axe-core checks ----

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _chromium_path() -> str:
    return os.environ.get("HUB_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def _playwright_browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=_chromium_path(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(_playwright_browser, live_server):
    context = _playwright_browser.new_context(base_url=live_server.url, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    errors = []
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.console_errors = errors
    yield pg
    context.close()


def _axe_source() -> str:
    from django.conf import settings

    return (settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js").read_text()


def assert_accessible(page) -> None:
    """Run axe-core on the current page and fail with a readable list of any violations.

    axe is injected through the DevTools protocol (evaluate), so the page's strict CSP,
    which forbids inline scripts, stays in force. It waits for the page to load first:
    after a click the new document may still be parsing."""
    page.wait_for_load_state()
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in result["violations"]
    ]
    assert not violations, f"axe-core violations on {page.url}:\n" + "\n".join(violations)


def expect_error_page(page, message: str | None = None) -> None:
    """Wait for a refused form to come back (title "Error: ..."), then for the message.

    A refused POST re-renders the same URL, so nothing else waits for the new page:
    reading the title at once can see the old page or none (a flaky test)."""
    from playwright.sync_api import expect

    expect(page).to_have_title(re.compile(r"^Error:"))
    page.wait_for_load_state()
    if message:
        expect(page.get_by_text(message).first).to_be_visible()


def totp_now(user) -> str:
    from django_otp.oath import totp

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def browser_login(page):
    """Sign in through the real login page (and the 2FA page where the role needs it)."""

    def _login(user, password="correct horse battery"):
        if requires_two_factor(user):
            # Already enrolled (decision 0008: enrolling needs a code from the business unit).
            device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True,
                                                         defaults={"name": "Authenticator app"})
            # django-otp refuses a code from a time step already used, so a second sign-in
            # within the same 30 seconds would fail; the test's authenticator moves on instead.
            TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
        page.goto("/account/login/")
        assert_accessible(page)
        page.get_by_label("Username").fill(user.get_username())
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        if requires_two_factor(user):
            page.wait_for_url("**/account/two-factor/**")
            assert_accessible(page)
            page.get_by_label("Security code").fill(totp_now(user))
            page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state()
        return page

    return _login
