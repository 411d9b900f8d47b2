"""National response dates come from the one deadline-rule model (decision 0036): the
partnership's rule for national items, unless the letter sets its own date; overdue flags
and reminders follow the rule; the upgrade keeps every existing item's date."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from business import clock, selectors, services
from business.reminders import national_responses_due
from core.calendar import add_months, add_working_days
from core.models import DeadlineRule, Role
from core.services import save_deadline_rule, system_actor

TODAY = datetime.date.today


def _item(world, issued, **data):
    return services.national_item_create(
        actor=system_actor(), partnership=world.partnership,
        data={"kind": "letter", "issuer": "dfe", "title": f"Letter of {issued}",
              "issued_on": issued, "status": "in_hand", **data})


def _row(world, item, today=None):
    return selectors.national_list(world.partnership, today).get(pk=item.pk)


def test_the_default_rule_is_a_national_response_rule_the_business_unit_may_change(world):
    from core.deadlines import deadline_kinds

    rule = clock.rule_for(world.partnership)
    assert (rule.key, rule.applies_to, rule.partnership_id) == (clock.RULE_KEY, clock.KIND,
                                                                None)
    assert deadline_kinds()[clock.KIND].perm == "business.manage_business"
    assert world.users[Role.BUSINESS_UNIT].has_perm("business.manage_business",
                                                    world.partnership)


def test_the_response_is_due_under_the_rule_and_overdue_after_it(world):
    issued = TODAY() - datetime.timedelta(days=120)
    item = _item(world, issued)
    row = _row(world, item)
    assert item.letter_due is None and item.due_basis == "rule"
    assert row.due_on == add_months(issued, 3) and row.overdue
    assert not _row(world, item, today=add_months(issued, 3)).overdue  # due that day


def test_a_change_to_the_partnerships_rule_moves_due_dates_flags_and_reminders(world):
    bu = world.people[Role.BUSINESS_UNIT]
    bu.email = "unit@example.org"
    bu.save()
    issued = TODAY() - datetime.timedelta(days=20)
    item = _item(world, issued)
    assert not _row(world, item).overdue
    assert list(national_responses_due(TODAY())) == []
    default = DeadlineRule.objects.get(key=clock.RULE_KEY, partnership__isnull=True)
    save_deadline_rule(actor=world.users[Role.BUSINESS_UNIT], partnership=world.partnership,
                       rule=default, expected_version=default.version,
                       data={"count": 10, "unit": "working_days"})
    row = _row(world, item)
    assert row.due_on == add_working_days(issued, 10) and row.overdue
    assert [r.email for r in national_responses_due(TODAY())] == [bu.email]
    # The other partnership keeps the default.
    assert clock.rule_for(world.other) == default


def test_a_date_the_letter_sets_is_kept_and_recorded_as_the_letters(world):
    issued = TODAY() - datetime.timedelta(days=20)
    item = _item(world, issued, due_basis="letter", letter_due=issued + datetime.timedelta(3))
    row = _row(world, item)
    assert row.due_on == issued + datetime.timedelta(3) and row.overdue
    assert row.get_due_basis_display() == "A date the letter itself sets"


def test_an_item_with_no_response_asked_is_never_overdue(world):
    item = _item(world, TODAY() - datetime.timedelta(days=400), due_basis="none",
                 letter_due=TODAY())
    row = _row(world, item)
    assert (row.due_on, row.overdue, row.letter_due) == (None, False, None)
    assert list(national_responses_due(TODAY())) == []


def test_an_answered_item_is_not_overdue(world):
    item = _item(world, TODAY() - datetime.timedelta(days=200))
    services.national_item_update(actor=system_actor(), item=item, expected_version=item.version,
                                  data={"status": "noted", "closed_on": TODAY()})
    assert not _row(world, item).overdue


# ---- the upgrade keeps existing items' dates ----

BEFORE = [("business", "0001_initial"), ("core", "0007_deadline_rules_one_model")]
AFTER = [("business", "0002_national_response_dates_from_a_deadline_rule")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before(transactional_db):
    apps = _migrate(BEFORE)
    yield apps
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_upgrade_keeps_every_items_response_date(before):
    Partnership = before.get_model("core", "Partnership")
    Source = before.get_model("learning", "Source")
    Item = before.get_model("business", "NationalItem")
    alpha = Partnership.objects.create(slug="alpha", name="Alpha", short_name="A")
    issued = datetime.date(2023, 5, 31)
    dates = {"as the rule": add_months(issued, 3),  # 31 August 2023
             "the letter's": datetime.date(2023, 6, 30), "none": None}
    for title, due in dates.items():
        source = Source.objects.create(kind="national_review", title=title)
        Item.objects.create(partnership=alpha, source=source, kind="letter", issuer="dfe",
                            title=title, issued_on=issued, response_due=due, version=2)

    apps = _migrate(AFTER)
    Item = apps.get_model("business", "NationalItem")
    assert {i.title: (i.due_basis, i.letter_due, i.version) for i in Item.objects.all()} == {
        "as the rule": ("rule", None, 2),
        "the letter's": ("letter", datetime.date(2023, 6, 30), 2),
        "none": ("none", None, 2)}
    rule = apps.get_model("core", "DeadlineRule").objects.get(key="national-response")
    assert (rule.count, rule.unit, rule.start_event, rule.met_event) == (
        3, "months", "issued", "responded")
    # Read through today's code, each item is due on the date it had.
    from business.models import NationalItem

    due = {n.title: n.due_on for n in selectors.national_list(
        NationalItem.objects.get(title="none").partnership)}
    assert due == dates


def test_the_business_unit_finds_the_rule_on_the_one_rule_list_and_the_item(world, login):
    from django.urls import reverse

    item = _item(world, TODAY() - datetime.timedelta(days=10))
    client = login(world.users[Role.BUSINESS_UNIT])
    rules = client.get(reverse("core:rule_list", args=[world.partnership.slug]),
                       {"applies_to": clock.KIND}).content.decode()
    assert "Response to a national letter, review or guidance" in rules
    page = client.get(reverse("business:national_detail",
                              args=[world.partnership.slug, item.pk])).content.decode()
    assert "time limit for national items" in page
    assert f"{selectors.national_list(world.partnership).get(pk=item.pk).due_on:%-d %B %Y}" in (
        page)
