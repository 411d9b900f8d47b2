"""The menu: sections by what people do, each app's pages in its section, only what the
reader may open, and the current section and page marked."""

import re

from django.urls import reverse

from core import nav
from core.models import Role


def _sections(page):
    menu = page.split('id="navigation"')[1].split("</nav>")[0]
    return re.findall(r'<li class="govuk-service-navigation__item[^"]*">\s*<a[^>]*>'
                      r'(?:<strong[^>]*>)?([^<]+)', menu)


def _get(login, world, role, name):
    return login(world.users[role]).get(reverse(name, kwargs={"slug": "alpha"})).content.decode()


def test_the_business_unit_sees_every_section_in_order(world, login):
    page = _get(login, world, Role.BUSINESS_UNIT, "core:partnership_home")
    # The year's work in the order a partnership manager runs it: meetings, learning, case
    # reviews and quality assurance, training, the figures, the yearly report, then the
    # partnership's business and its administration.
    assert _sections(page) == ["Home", "Governance", "Learning", "Case reviews", "Assurance",
                               "Training", "Performance", "Yearly report",
                               "Partnership business", "Partnership"]
    assert 'aria-controls="navigation"' in page  # the Menu button on phones


def test_a_practitioner_sees_home_and_their_actions_and_an_agency_lead_no_partnership_admin(
        world, login):
    page = _get(login, world, Role.PRACTITIONER, "core:partnership_home")
    # Their own actions, nothing else of learning; the training programme to book on.
    assert _sections(page) == ["Home", "Learning", "Training"]
    assert reverse("learning:plan", kwargs={"slug": "alpha"}) not in page
    page = _get(login, world, Role.AGENCY_LEAD, "core:partnership_home")
    assert "Governance" not in _sections(page)
    assert reverse("core:audit_list", kwargs={"slug": "alpha"}) not in page
    assert reverse("api_tokens:token_list", kwargs={"slug": "alpha"}) not in page


def test_the_current_section_and_page_are_marked_and_the_side_navigation_lists_its_pages(
    world, login
):
    page = _get(login, world, Role.BUSINESS_UNIT, "learning:plan")
    plan = reverse("learning:plan", kwargs={"slug": "alpha"})
    actions = reverse("learning:action_list", kwargs={"slug": "alpha"})
    side = page.split('class="hub-side-nav"')[1].split("</nav>")[0]
    assert 'aria-label="Learning pages"' in page
    assert f'href="{plan}" aria-current="page"' in side
    assert f'href="{actions}"' in side and "Improvement plans" in side
    menu = page.split('id="navigation"')[1].split("</ul>")[0]
    assert re.search(rf'href="{actions}" aria-current="true"><strong[^>]*>Learning', menu)


def test_a_page_outside_the_menu_marks_its_apps_section(world, login):
    meeting = world.objects["meeting"]
    page = login(world.users[Role.BUSINESS_UNIT]).get(reverse(
        "governance:meeting_detail", kwargs={"slug": "alpha", "pk": meeting.pk})).content.decode()
    assert 'aria-current="true"><strong class="govuk-service-navigation__active-fallback">' \
           "Governance" in page


def test_a_new_app_adds_its_section_without_editing_core(world, monkeypatch):
    class Example:
        nav = [nav.NavEntry("Example", 44, "Courses", "core:area_list", "core.view_areas")]

    real = nav.apps.get_app_configs
    monkeypatch.setattr(nav.apps, "get_app_configs", lambda: [*real(), Example()])
    sections = nav.menu_for(world.users[Role.BUSINESS_UNIT], world.partnership, "/")
    names = [s["name"] for s in sections]
    assert names.index("Case reviews") < names.index("Example") < names.index("Performance")
    member = nav.menu_for(world.users[Role.PRACTITIONER], world.partnership, "/")
    assert "Example" not in [s["name"] for s in member]
