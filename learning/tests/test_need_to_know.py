"""Need-to-know holds wherever an action or a theme points at a restricted review: the owner
works the action, but the review's name and its recommendation's text are shown only to
those who may read the review (decision 0005)."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.models import Role
from learning import services
from learning.need_to_know import RESTRICTED_SOURCE, source_access
from learning.tests import factories
from learning.tests.factories import audit_thread, restricted_finding, theme
from reviews.tests.factories import make_practice_review

REC_TEXT = factories.RESTRICTED_REC_TEXT
ACTION_TITLE = "Invite schools to strategy meetings"
# Only the business unit and the rapid review's panel (the group member) may read it.
MAY_READ = {Role.BUSINESS_UNIT, Role.GROUP_MEMBER}
# Who can see the action but not the review: readers, the owning agency's lead and the owner.
ACTION_ONLY = [Role.PARTNER_DELEGATE, Role.SCRUTINEER, Role.AGENCY_LEAD, Role.PRACTITIONER]
LEAKS = ("Child P", REC_TEXT)


def url(name, world, **kwargs):
    return reverse(f"learning:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


@pytest.fixture
def restricted_action(world):
    return factories.restricted_action(world)


@pytest.mark.parametrize("role", ACTION_ONLY)
def test_the_owner_and_readers_work_the_action_without_seeing_the_review(
        role, world, login, restricted_action):
    client = login(world.users[role])
    page = client.get(url("action_detail", world, pk=restricted_action.pk)).content.decode()
    assert ACTION_TITLE in page
    assert RESTRICTED_SOURCE in page and "Withheld" in page
    for text in LEAKS:
        assert text not in page, f"{role} sees {text!r}"


def test_the_business_unit_sees_the_review_and_its_recommendation(world, login,
                                                                  restricted_action):
    page = login(world.users[Role.BUSINESS_UNIT]).get(
        url("action_detail", world, pk=restricted_action.pk)).content.decode()
    assert "Rapid review: Child P" in page and REC_TEXT in page
    assert RESTRICTED_SOURCE not in page


@pytest.mark.parametrize("role", [Role.PARTNER_DELEGATE, Role.SCRUTINEER, Role.AGENCY_LEAD])
@pytest.mark.parametrize("page", ["plan", "my_actions", "action_list"])
def test_lists_and_their_exports_withhold_the_review(role, page, world, login,
                                                     restricted_action):
    client = login(world.users[role])
    target = url(page, world)
    html = client.get(target).content.decode()
    csv_text = client.get(target, {"export": "csv"}).content.decode()
    sheet = load_workbook(io.BytesIO(client.get(target, {"export": "xlsx"}).content)).active
    xlsx_text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row)
    if page != "my_actions" or role == Role.AGENCY_LEAD:
        assert ACTION_TITLE in html and ACTION_TITLE in csv_text and ACTION_TITLE in xlsx_text
        assert RESTRICTED_SOURCE in csv_text
    for text in LEAKS:
        for where, content in (("page", html), ("csv", csv_text), ("xlsx", xlsx_text)):
            assert text not in content, f"{page} {where} shows {text!r} to {role}"


def test_the_business_units_plan_export_carries_the_recommendation(world, login,
                                                                   restricted_action):
    client = login(world.users[Role.BUSINESS_UNIT])
    csv_text = client.get(url("plan", world), {"export": "csv"}).content.decode()
    assert REC_TEXT in csv_text and "Rapid review: Child P" in csv_text


@pytest.mark.parametrize("role", [Role.PARTNER_DELEGATE, Role.PRACTITIONER])
def test_the_thread_of_an_action_withholds_the_review(role, world, login, restricted_action):
    page = login(world.users[role]).get(
        url("thread_action", world, pk=restricted_action.pk)).content.decode()
    assert ACTION_TITLE in page
    for text in (*LEAKS, "Information held by school"):
        assert text not in page


def test_the_plan_stays_at_a_fixed_query_count_with_many_restricted_sources(world, login):
    """The need-to-know rule is asked once per page, not once per row or per source."""
    from reviews.tests.factories import make_incident, make_rapid_review

    bu = world.users[Role.BUSINESS_UNIT]
    client = login(world.users[Role.SCRUTINEER])

    def add_reviews(n, start):
        for i in range(start, start + n):
            incident = make_incident(world.partnership, reference=f"Child R{i}")
            make_rapid_review(incident, panel=[world.people[Role.GROUP_MEMBER]])
            finding = services.finding_create(
                actor=bu, partnership=world.partnership, source=incident.rapid_review.source,
                text=f"Finding {i}", themes=[theme("Neglect")])
            rec = services.recommendation_create(actor=bu, finding=finding,
                                                 **{"text": f"Secret {i}"})
            services.action_create_for_recommendation(
                actor=bu, recommendation=rec, title=f"Action {i}",
                due_date=timezone.localdate() + datetime.timedelta(days=5),
                owner_organisation=world.orgs["school"])

    def count(target):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(target)
            assert response.status_code == 200
        return len(ctx.captured_queries), response.content.decode()

    add_reviews(2, 0)
    few, _ = count(url("plan", world))
    add_reviews(8, 2)
    many, page = count(url("plan", world))
    assert many == few
    assert "Secret" not in page and "Child R" not in page


def test_source_access_agrees_with_the_review_records_own_rules(world, restricted_action):
    """The one rule for many sources gives, role by role, what the review predicates give."""
    from django.utils import timezone as tz

    unpublished = make_practice_review(world.partnership, pseudonym="Heron",
                                       panel=[world.people[Role.AGENCY_LEAD]])
    published = make_practice_review(world.partnership, pseudonym="Wren")
    published.published_on = tz.localdate()
    published.save()
    rapid = restricted_action.source
    audit = audit_thread(world)
    sources = [rapid, unpublished.source, published.source, audit,
               world.objects["meeting"].source, world.objects["beta_meeting"].source]
    for who, user in world.users.items():
        access = source_access(user, sources)
        expected = {
            rapid.pk: user.has_perm("reviews.view_incident", rapid.rapid_review.incident),
            unpublished.source.pk: user.has_perm("reviews.view_practice_review", unpublished),
        }
        for source_id, allowed in expected.items():
            assert (source_id in access.readable) == allowed, (who, source_id)
        assert rapid.pk in access.restricted and unpublished.source.pk in access.restricted
        assert published.source.pk not in access.restricted
        works = who not in ("practitioner", "outsider")
        assert (published.source.pk in access.readable) == works, who
        assert (audit.pk in access.readable) == works, who


@pytest.mark.parametrize("role", [Role.SCRUTINEER, Role.PARTNER_DELEGATE])
def test_thematic_analysis_counts_a_restricted_review_without_naming_it(role, world, login):
    restricted_finding(world)
    audit_thread(world)
    page = login(world.users[role]).get(url("thematic_analysis", world)).content.decode()
    assert "Multi-agency working and information sharing" in page  # the theme is counted
    assert RESTRICTED_SOURCE in page
    assert "Child P" not in page
    assert "Multi-agency audit: neglect" in page  # an audit is not need-to-know

    bu_page = login(world.users[Role.BUSINESS_UNIT]).get(
        url("thematic_analysis", world)).content.decode()
    assert "Rapid review: Child P" in bu_page and RESTRICTED_SOURCE not in bu_page


def test_reminders_and_the_home_page_name_only_the_action(world, login, restricted_action):
    """The owner is reminded of and sees their action by its own title, never the review's."""
    from learning.reminders import actions_due

    owner = world.people[Role.PRACTITIONER]
    owner.email = "owner@example.org"
    owner.save()
    texts = [r.text for r in actions_due(timezone.localdate())
             if r.path.endswith(f"/actions/{restricted_action.pk}/")]
    assert texts and all(ACTION_TITLE in t for t in texts)
    assert not any(leak in t for t in texts for leak in LEAKS)
    page = login(world.users[Role.PRACTITIONER]).get(
        reverse("core:partnership_home", kwargs={"slug": "alpha"})).content.decode()
    assert ACTION_TITLE in page
    for text in LEAKS:
        assert text not in page


def test_a_challenge_event_on_a_restricted_review_does_not_name_it(world, login,
                                                                   restricted_action):
    event = services.challenge_event_create(
        actor=world.users[Role.BUSINESS_UNIT], partnership=world.partnership,
        challenged_source=restricted_action.source, title="Action plan challenge event")
    client = login(world.users[Role.SCRUTINEER])
    for target in (url("challenge_list", world), url("challenge_detail", world, pk=event.pk)):
        page = client.get(target).content.decode()
        assert "Action plan challenge event" in page and RESTRICTED_SOURCE in page
        assert "Child P" not in page
    csv_text = client.get(url("challenge_list", world), {"export": "csv"}).content.decode()
    assert RESTRICTED_SOURCE in csv_text and "Child P" not in csv_text
    page = login(world.users[Role.BUSINESS_UNIT]).get(
        url("challenge_detail", world, pk=event.pk)).content.decode()
    assert "Rapid review: Child P" in page
