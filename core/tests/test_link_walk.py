"""The link walk: as every role, start at the partnership's home page and follow every
same-site link breadth-first; no link may lead to a page the role cannot open (403), to a
server error (5xx), to a missing page (404) or to a POST-only address (405: that must be a
form's button, not a link).

The world is the shared `world` fixture made rich by every permission case's object
builders (core/tests/walk.py and each app's tests/url_cases.py), so meetings, actions,
sources, improvement plans, reports, reviews and an escalation all exist."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.db import transaction
from django.urls import resolve, reverse

from core.tests.walk import ALL_ROLES, all_cases

MAX_PAGES = 500  # per role: enough for every page of the world, bounded if it grows
MAX_QUERY_VARIANTS = 4  # per path: filters and pages of one list add little after a few
SKIPPED_PREFIXES = ("/static/", "/media/", "/account/logout/", "/admin/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_of(page_url: str, html: str) -> list[str]:
    """The same-site addresses a page links to, absolute paths with their query string."""
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        href = urldefrag(href)[0]
        if not href or href.startswith(("mailto:", "tel:", "javascript:")):
            continue
        parts = urlsplit(urljoin(page_url, href))
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue  # another site
        if parts.path.startswith(SKIPPED_PREFIXES):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def enrich(world) -> None:
    """Create every record a permission case builds, each in its own savepoint (a builder
    that clashes with an earlier one's records is simply skipped), plus an escalation."""
    for case in all_cases():
        for build in (case.kwargs, case.secrets):
            if build is None:
                continue
            try:
                with transaction.atomic():
                    build(world)
            except Exception:  # noqa: BLE001 - a clash with an earlier builder's rows
                pass
    escalate(world)


def escalate(world) -> None:
    """An item of the sub-group's meeting escalated to the Executive's next meeting, which
    the sub-group's chair and member do not sit on."""
    import datetime

    from django.utils import timezone

    from core.services import system_actor
    from governance.models import AgendaItem, Meeting
    from governance.services import agenda_item_escalate

    start = timezone.now() + datetime.timedelta(days=14)
    Meeting.objects.create(group=world.groups["executive"], title="Alpha Executive",
                           starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    item = AgendaItem.objects.create(meeting=world.objects["meeting"], order=99,
                                     title="Neglect strategy", kind=AgendaItem.Kind.DISCUSSION)
    agenda_item_escalate(actor=system_actor(), partnership=world.partnership, agenda_item=item)


def walk(client, start: str) -> tuple[list[str], set[str]]:
    """Breadth-first from `start`: the problems found, each naming the page with the link,
    and the names of the views whose pages opened."""
    problems: list[str] = []
    opened: set[str] = set()
    seen = {start}
    variants: dict[str, int] = {}
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    visited = 0
    while queue and visited < MAX_PAGES:
        url, referrer = queue.popleft()
        response = client.get(url)
        visited += 1
        status = response.status_code
        if status in (403, 404, 405) or status >= 500:
            problems.append(f"{status} {url} (linked from {referrer})")
            continue
        opened.add(resolve(urlsplit(url).path).view_name)
        if status in (301, 302, 303, 307, 308):
            targets = [response["Location"]]
        elif status == 200 and response.get("Content-Type", "").startswith("text/html"):
            targets = links_of(url, response.content.decode(errors="replace"))
        else:
            continue
        for target in targets:
            target = urldefrag(urljoin(url, target))[0]
            if target in seen or urlsplit(target).path.startswith(SKIPPED_PREFIXES):
                continue
            path, _, query = target.partition("?")
            if query:
                if variants.get(path, 0) >= MAX_QUERY_VARIANTS:
                    continue
                variants[path] = variants.get(path, 0) + 1
            seen.add(target)
            queue.append((target, url))
    return problems, opened


# Pages each role must reach by links from its home page, so the walk cannot pass by seeing
# little: a world or a menu that lost them would make the walk vacuous.
MUST_REACH = {
    "business_unit": {"governance:meeting_detail", "governance:group_detail",
                      "learning:action_detail", "learning:source_detail",
                      "learning:improvement_plan_detail", "reports:report_detail",
                      "reports:block_edit", "reviews:incident_detail"},
    "partner_delegate": {"governance:meeting_detail", "learning:action_detail",
                         "reports:report_detail", "reports:publication_event_add"},
    "scrutineer": {"governance:meeting_detail", "reports:report_detail", "reports:block_edit"},
    "group_chair": {"governance:meeting_detail", "governance:meeting_edit",
                    "learning:action_detail", "learning:improvement_plan_detail",
                    "learning:source_detail"},
    "group_member": {"governance:meeting_detail", "governance:group_detail",
                     "learning:action_detail", "learning:source_detail",
                     "reviews:incident_detail"},
    "agency_lead": {"learning:action_detail", "learning:source_detail",
                    "learning:improvement_plan_detail"},
    "practitioner": {"core:partnership_home", "public:briefing"},
}


@pytest.fixture
def rich_world(world):
    enrich(world)
    return world


@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_every_link_a_role_is_shown_opens(role, rich_world, login):
    client = login(rich_world.users[role])
    problems, opened = walk(client, f"/p/{rich_world.partnership.slug}/")
    assert not problems, f"{role} follows links that fail:\n" + "\n".join(problems)
    assert MUST_REACH[role] <= opened, f"{role} never reached {MUST_REACH[role] - opened}"


def test_links_of_keeps_same_site_addresses_only():
    html = ('<a href="/p/a/x/#top">x</a><a href="https://example.org/">e</a>'
            '<a href="/static/s.css">s</a><a href="y/?page=2">y</a><a href="mailto:a@b">m</a>'
            '<a href="/account/logout/">out</a>')
    assert links_of("/p/a/", html) == ["/p/a/x/", "/p/a/y/?page=2"]


def test_walk_names_the_page_carrying_a_forbidden_link(rich_world, login, client):
    """The walk can fail: the practitioner opening the business unit's audit trail (a 403)
    is reported with the page that linked to it."""
    client = login(rich_world.users["practitioner"])
    home = f"/p/{rich_world.partnership.slug}/"
    response = client.get(home)
    assert response.status_code == 200
    audit = reverse("core:audit_list", kwargs={"slug": rich_world.partnership.slug})
    problems, _ = walk(client, audit)
    assert problems == [f"403 {audit} (linked from (start))"]


def test_walk_reports_a_link_to_a_post_only_address(rich_world, login, client):
    """A link must not lead to an address that only takes a form's POST (a 405)."""
    from governance.models import AgendaItem

    client = login(rich_world.users["business_unit"])
    item = AgendaItem.objects.filter(meeting=rich_world.objects["meeting"]).first()
    url = reverse("governance:agenda_item_escalate",
                  kwargs={"slug": rich_world.partnership.slug, "pk": item.pk})
    problems, _ = walk(client, url)
    assert problems == [f"405 {url} (linked from (start))"]


def _meeting_url(world, meeting):
    return reverse("governance:meeting_detail",
                   kwargs={"slug": world.partnership.slug, "pk": meeting.pk})


def _meeting_page(client, world, meeting):
    return client.get(_meeting_url(world, meeting))


def test_escalated_to_links_only_for_those_who_sit_on_or_read_the_executive(rich_world, login):
    from governance.models import Meeting

    executive = Meeting.objects.get(group=rich_world.groups["executive"])
    exec_url = _meeting_url(rich_world, executive)
    page = _meeting_page(login(rich_world.users["group_member"]), rich_world,
                         rich_world.objects["meeting"]).content.decode()
    assert "Escalated to" in page and str(executive) in page
    assert exec_url not in page  # the name, without a link
    page = _meeting_page(login(rich_world.users["business_unit"]), rich_world,
                         rich_world.objects["meeting"]).content.decode()
    assert f'href="{exec_url}"' in page


def test_a_link_to_an_object_page_must_name_the_object_its_view_checks(rich_world, rf):
    from django.core.exceptions import ImproperlyConfigured

    from core.templatetags.hub import may_open

    request = rf.get("/")
    request.user = rich_world.users["business_unit"]
    request.partnership = rich_world.partnership
    action = rich_world.objects["action"]
    url = reverse("learning:action_detail",
                  kwargs={"slug": rich_world.partnership.slug, "pk": action.pk})
    assert may_open(request, url, action)
    with pytest.raises(ImproperlyConfigured):
        may_open(request, url)
    request.user = rich_world.users["practitioner"]
    assert not may_open(request, url, action)
    assert may_open(request, "/public/")  # not a partnership page: not the policy's to refuse
