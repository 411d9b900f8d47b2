"""Every page passes axe-core in a real browser (WCAG 2.2 AA), not only the pages of the
journeys: as each role in turn, walk the links from its home page in the link walk's rich
world (every permission case's records) and check one page of every view that no earlier
walk checked; then the public site, signed out.

A page is fetched once to find its links (the browser's own request context, with the
role's session) and opened in the page for axe only the first time its view is met, so the
cost grows with the number of views, not of records."""

from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import Resolver404, resolve, reverse

from conftest import assert_accessible
from core.tests.test_link_walk import SKIPPED_PREFIXES, enrich, links_of
from core.tests.walk import all_cases, named_urls

pytestmark = [
    pytest.mark.browser,
    # The markup does not depend on the database: CI runs the walk in its SQLite pass only,
    # which keeps its PostgreSQL pass two minutes shorter.
    pytest.mark.skipif("postgresql" in settings.DATABASES["default"]["ENGINE"],
                       reason="accessibility of the markup is checked in the SQLite pass"),
]

MAX_PAGES = 600  # fetched per walk: a bound; every view of the world is met before
PER_VIEW = 2
# The business unit sees nearly every page; the others add the pages of their own view.
WALKS = ["business_unit", "scrutineer", "practitioner", None]
# Downloads and images are not pages.
NOT_PAGES = ("text/csv", "application/", "image/", "text/calendar")


def _view(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


def _walk(page, start: str, checked: dict[str, str], violations: list[str]) -> int:
    seen, queue, fetched = {start}, deque([start]), 0
    per_view: dict[str | None, int] = {}
    while queue and fetched < MAX_PAGES:
        url = queue.popleft()
        response = page.request.get(url)
        fetched += 1
        kind = response.headers.get("content-type", "")
        if (response.status != 200 or kind.startswith(NOT_PAGES) or "html" not in kind
                or "attachment" in response.headers.get("content-disposition", "")):
            continue  # the link walk names failing links; here only pages matter
        final = urlsplit(response.url)
        here = final.path + (f"?{final.query}" if final.query else "")
        view = _view(here)
        if view and view not in checked:
            checked[view] = here
            page.goto(here)
            try:
                assert_accessible(page)
            except AssertionError as problem:
                violations.append(str(problem))
        for target in links_of(here, response.text()):
            target = urldefrag(urljoin(here, target))[0]
            path = urlsplit(target).path
            # One address per path: filters and pages of a list are the same page to axe.
            if path in seen or target in seen or path.startswith(SKIPPED_PREFIXES):
                continue
            seen.update({target, path})
            # Two pages of a view (two meetings, two actions) show every link kind it has.
            target_view = _view(target)
            if per_view.get(target_view, 0) >= PER_VIEW:
                continue
            per_view[target_view] = per_view.get(target_view, 0) + 1
            queue.append(target)
    return fetched


def _pages_no_link_reached(page, browser_login, world, checked, violations) -> None:
    """The views no walk met (a form reached only from one record's state, a link sent by
    e-mail): opened from their permission case, as a role the case allows."""
    by_role: dict[str | None, list[str]] = {}
    for case in all_cases():
        if case.name in checked or case.method != "get" or 200 not in case.ok_status:
            continue
        who = None if case.public else (
            "business_unit" if "business_unit" in case.allowed else min(case.allowed, default=""))
        if who == "":
            continue
        try:
            with transaction.atomic():
                url = reverse(case.name, kwargs=case.kwargs(world))
        except Exception:  # noqa: BLE001 - a builder clashing with the rich world's rows
            continue
        by_role.setdefault(who, []).append(url)
    for who, urls in by_role.items():
        page.context.clear_cookies()
        if who is not None:
            browser_login(world.users[who])
        for url in urls:
            response = page.request.get(url)
            kind = response.headers.get("content-type", "")
            if (response.status != 200 or "html" not in kind
                    or "attachment" in response.headers.get("content-disposition", "")):
                continue
            view = _view(url)
            if view in checked:
                continue
            checked[view or url] = url
            page.goto(url)
            try:
                assert_accessible(page)
            except AssertionError as problem:
                violations.append(str(problem))


def test_every_page_each_role_reaches_passes_axe(world, page, browser_login):
    enrich(world)
    checked: dict[str, str] = {}
    violations: list[str] = []
    for role in WALKS:
        page.context.clear_cookies()
        if role is None:
            _walk(page, "/", checked, violations)
            _walk(page, "/public/", checked, violations)
        else:
            browser_login(world.users[role])
            _walk(page, f"/p/{world.partnership.slug}/", checked, violations)
    _pages_no_link_reached(page, browser_login, world, checked, violations)
    assert not violations, "\n\n".join(violations)
    # Not vacuous: the walks must have reached the pages of every app.
    apps = {view.split(":")[0] for view in checked if ":" in view}
    assert {"core", "governance", "reviews", "learning", "performance", "reports", "finance",
            "assurance", "training", "business", "public"} <= apps, sorted(apps)
    print(f"\n{len(checked)} views checked with axe-core; not opened as pages (POST-only, "
          f"downloads, JSON, redirects): {sorted(named_urls() - set(checked))}")
    assert len(checked) > 200, f"only {len(checked)} views checked"
