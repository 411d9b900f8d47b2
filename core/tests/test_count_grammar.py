"""Counts read as English wherever they are printed (issue 11, item 5): one helper,
core.templatetags.hub.count_noun, for pages and report text."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from core.models import Role
from core.templatetags.hub import count_noun


@pytest.mark.parametrize(("number", "noun", "expected"), [
    (0, "item", "0 items"),
    (1, "item", "1 item"),
    (2, "item", "2 items"),
    (1, "training activity", "1 training activity"),
    (2, "training activity", "2 training activities"),
    (0, "priority", "0 priorities"),
    (2, "day", "2 days"),  # a vowel before the y: no "dais"
    (2, "box", "2 boxes"),
    (1, "record of feedback,records of feedback", "1 record of feedback"),
    (3, "record of feedback,records of feedback", "3 records of feedback"),
    (1234, "record", "1,234 records"),
    ([1, 2], "action", "2 actions"),  # a list counts its members
    ([], "action", "0 actions"),
])
def test_count_noun(number, noun, expected):
    assert count_noun(number, noun) == expected


def test_count_noun_in_a_template_with_its_verb():
    template = Template('{% load hub %}{{ missing|length }} of {{ items|count_noun:"item" }} '
                        '{{ missing|length|pluralize:"is,are" }} missing.')
    assert template.render(Context({"missing": [1], "items": range(8)})) == \
        "1 of 8 items is missing."
    assert template.render(Context({"missing": [1, 2], "items": range(8)})) == \
        "2 of 8 items are missing."


def test_something_that_is_not_a_number_prints_nothing():
    assert count_noun(None, "item") == ""


def _items_in_force(report):
    from reports.models import ChecklistItem, guidance_for

    return ChecklistItem.objects.filter(guidance=guidance_for(report)).count()


def _page(world, login, report):
    client = login(world.users[Role.BUSINESS_UNIT])
    return client.get(reverse("reports:report_detail", kwargs={
        "slug": report.partnership.slug, "pk": report.pk})).content.decode()


def test_the_report_page_counts_in_english(world, login):
    from reports.tests.helpers import add_activity, make_report

    report = make_report(world.partnership)
    add_activity(world.partnership)  # one training activity
    page = _page(world, login, report)
    total = _items_in_force(report)
    assert total > 2
    assert f"{total - 1} of {total} items are missing." in page  # the training's impact is recorded
    assert "1 activity in the month-by-month account" in page
    assert "0 priorities for the year" in page
    assert "1 activities" not in page


def test_one_missing_checklist_item_reads_in_the_singular(world, login):
    from reports.models import ActivityItem
    from reports.tests.helpers import make_report
    from reports.tests.test_services import _complete

    report = make_report(world.partnership)
    _complete(world, report)
    # Everything recorded but the feedback from children and families.
    ActivityItem.objects.filter(kind=ActivityItem.Kind.VOICE).delete()
    report.refresh_from_db()
    page = _page(world, login, report)
    assert f"1 of {_items_in_force(report)} items is missing." in page
    assert "0 records of feedback from children and families" in page


def test_the_checklist_text_counts_in_english(world):
    from reports import selectors
    from reports.tests.helpers import add_activity, make_report

    report = make_report(world.partnership)
    add_activity(world.partnership)  # one training activity, with its impact
    checks = {c.key: c for c in selectors.assemble(report, charts=False).checklist}
    detail = next(c.detail for c in checks.values() if "training" in c.detail)
    assert "1 activity and 0 priorities record their impact" in detail
    assert "1 training activity records theirs" in detail
