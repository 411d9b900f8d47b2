"""Changing and removing the activity of a report's month-by-month account."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, Role
from core.services import ConcurrentEditError, system_actor
from governance.models import AgendaItem, Meeting
from reports import selectors, services
from reports.models import ActivityItem
from reports.tests.helpers import add_activity, make_report

D = datetime.date
NHS_NUMBER = "943 476 5919"  # a valid check digit: core.pii flags it


def _meeting_item(group, on, title, status=Meeting.Status.HELD):
    start = timezone.make_aware(datetime.datetime(on.year, on.month, on.day, 10))
    meeting = Meeting.objects.create(group=group, title=f"{group.name} meeting", starts_at=start,
                                     ends_at=start + datetime.timedelta(hours=2), status=status)
    return AgendaItem.objects.create(meeting=meeting, title=title)


def _changes(item, **data):
    return {"happened_on": item.happened_on, "kind": item.kind, "title": item.title,
            "description": item.description,
            "safeguarding_impact": item.safeguarding_impact, "reach": item.reach,
            "agenda_item": item.agenda_item, **data}


# ---- services ----

def test_a_change_saves_every_field_links_the_meeting_item_and_is_audited(world):
    report = make_report(world.partnership)
    item = add_activity(world.partnership)
    agenda = _meeting_item(world.groups["executive"], D(2023, 9, 12), "Neglect strategy")
    saved = services.activity_update(
        actor=world.users[Role.BUSINESS_UNIT], report=report, item=item,
        data=_changes(item, happened_on=D(2023, 9, 12), kind=ActivityItem.Kind.EVENT,
                      title="Fictional neglect conference", description="A day on neglect.",
                      safeguarding_impact="Referrals name neglect earlier.", reach=80,
                      agenda_item=agenda),
        expected_version=item.version)
    item.refresh_from_db()
    assert (item.happened_on, item.kind, item.title, item.reach, item.agenda_item) == (
        D(2023, 9, 12), "event", "Fictional neglect conference", 80, agenda)
    assert saved.version == item.version == 2
    change = AuditEvent.objects.get(model="reports.ActivityItem", action="change")
    assert change.changes["title"] == {"from": "Fictional neglect training",
                                       "to": "Fictional neglect conference"}
    assert change.actor == world.users[Role.BUSINESS_UNIT]
    # The linked meeting item is told once, through the activity.
    a = selectors.assemble(report, charts=False)
    assert [r.title for m in a.months for r in m.items] == ["Fictional neglect conference"]


def test_a_stale_change_is_refused_and_nothing_is_written(world):
    report = make_report(world.partnership)
    item = add_activity(world.partnership)
    services.activity_update(actor=system_actor(), report=report, item=item,
                             data=_changes(item, title="Theirs"), expected_version=1)
    mine = ActivityItem.objects.get(pk=item.pk)
    with pytest.raises(ConcurrentEditError):
        services.activity_update(actor=system_actor(), report=report, item=mine,
                                 data=_changes(mine, title="Mine"), expected_version=1)
    assert ActivityItem.objects.get(pk=item.pk).title == "Theirs"
    assert AuditEvent.objects.filter(model="reports.ActivityItem", action="change").count() == 1


@pytest.mark.parametrize("role", [Role.PARTNER_DELEGATE, Role.SCRUTINEER, Role.GROUP_CHAIR])
def test_only_the_business_unit_changes_or_removes_activity(world, role):
    report = make_report(world.partnership)
    item = add_activity(world.partnership)
    with pytest.raises(PermissionDenied):
        services.activity_update(actor=world.users[role], report=report, item=item,
                                 data=_changes(item, title="Changed"), expected_version=1)
    with pytest.raises(PermissionDenied):
        services.activity_remove(actor=world.users[role], item=item, expected_version=1)
    with pytest.raises(PermissionDenied):  # beta's business unit, on alpha's record
        services.activity_remove(actor=world.users["outsider"], item=item, expected_version=1)
    assert ActivityItem.objects.get(pk=item.pk).title == "Fictional neglect training"
    assert not AuditEvent.objects.filter(action__in=["change", "delete"]).exists()


def test_an_activity_of_another_partnership_is_refused(world):
    report = make_report(world.partnership)
    beta_item = add_activity(world.other)
    with pytest.raises(PermissionDenied):
        services.activity_update(actor=world.users[Role.BUSINESS_UNIT], report=report,
                                 item=beta_item, data=_changes(beta_item, title="Mine"),
                                 expected_version=1)


def test_only_meeting_items_of_the_partnership_held_in_the_year_can_be_linked(world):
    report = make_report(world.partnership)
    item = add_activity(world.partnership)
    in_year = _meeting_item(world.groups["subgroup"], D(2024, 3, 20), "LADO report")
    refused = [
        _meeting_item(world.groups["executive"], D(2024, 4, 2), "Next year's item"),
        _meeting_item(world.groups["beta"], D(2023, 10, 1), "Beta's item"),
        _meeting_item(world.groups["executive"], D(2023, 11, 1), "Cancelled",
                      status=Meeting.Status.CANCELLED),
    ]
    assert list(selectors.agenda_items_for_report(report)) == [in_year]
    for agenda in refused:
        with pytest.raises(ValidationError) as error:
            services.activity_update(actor=system_actor(), report=report, item=item,
                                     data=_changes(item, agenda_item=agenda),
                                     expected_version=item.version)
        assert "agenda_item" in error.value.message_dict
    assert ActivityItem.objects.get(pk=item.pk).agenda_item is None


def test_a_date_outside_the_reporting_year_or_in_the_future_is_refused(world):
    report = make_report(world.partnership)
    item = add_activity(world.partnership)
    for on in (D(2024, 4, 1), D(2023, 3, 31), timezone.localdate() + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            services.activity_update(actor=system_actor(), report=report, item=item,
                                     data=_changes(item, happened_on=on), expected_version=1)
        assert "happened_on" in error.value.message_dict
    assert ActivityItem.objects.get(pk=item.pk).happened_on == D(2023, 10, 5)


def test_text_that_identifies_a_child_is_refused_when_adding_and_changing(world):
    report = make_report(world.partnership)
    item = add_activity(world.partnership)
    with pytest.raises(ValidationError) as error:
        services.activity_update(
            actor=system_actor(), report=report, item=item, expected_version=1,
            data=_changes(item, description=f"Health visitor checked {NHS_NUMBER}"))
    assert "looks like an NHS number" in error.value.message_dict["description"][0]
    with pytest.raises(ValidationError) as error:
        add_activity(world.partnership, safeguarding_impact="Jamie Smith (04/05/2019) is safe")
    assert "date of birth" in error.value.message_dict["safeguarding_impact"][0]
    assert ActivityItem.objects.count() == 1
    assert ActivityItem.objects.get().description == ""


def test_removing_deletes_the_activity_and_audits_what_it_was(world):
    item = add_activity(world.partnership)
    services.activity_remove(actor=world.users[Role.BUSINESS_UNIT], item=item,
                             expected_version=1)
    assert not ActivityItem.objects.exists()
    row = AuditEvent.objects.get(model="reports.ActivityItem", action="delete")
    assert row.object_id == str(item.pk) and row.partnership == world.partnership
    assert row.changes == {"happened_on": "2023-10-05", "kind": "training",
                           "title": "Fictional neglect training"}


def test_removing_an_activity_changed_since_it_was_shown_is_refused(world):
    report = make_report(world.partnership)
    item = add_activity(world.partnership)
    services.activity_update(actor=system_actor(), report=report, item=item,
                             data=_changes(item, title="Theirs"), expected_version=1)
    with pytest.raises(ConcurrentEditError):
        services.activity_remove(actor=world.users[Role.BUSINESS_UNIT], item=item,
                                 expected_version=1)
    assert ActivityItem.objects.get(pk=item.pk).title == "Theirs"
    assert not AuditEvent.objects.filter(action="delete").exists()


# ---- pages ----

def _url(name, item, report):
    return reverse(f"reports:{name}", kwargs={"slug": report.partnership.slug, "pk": report.pk,
                                               "item": item.pk})


def _post(item, **data):
    values = {"happened_on": item.happened_on.isoformat(), "kind": item.kind,
              "title": item.title, "description": item.description,
              "safeguarding_impact": item.safeguarding_impact, "reach": item.reach or "",
              "agenda_item": item.agenda_item_id or "", "version": item.version}
    return {**values, **data}


def test_the_report_page_offers_change_and_remove_to_the_business_unit_only(world, login):
    report = make_report(world.partnership)
    item = add_activity(world.partnership)
    add_activity(world.partnership, happened_on=D(2024, 4, 2), title="Next year's training")
    page = login(world.users[Role.BUSINESS_UNIT]).get(
        reverse("reports:report_detail", args=["alpha", report.pk])).content.decode()
    assert _url("activity_edit", item, report) in page
    assert _url("activity_remove", item, report) in page
    assert ('Change<span class="govuk-visually-hidden"> Fictional neglect training</span>'
            in page)
    assert ('Remove<span class="govuk-visually-hidden"> Fictional neglect training</span>'
            in page)
    assert "Next year's training" not in page
    page = login(world.users[Role.SCRUTINEER]).get(
        reverse("reports:report_detail", args=["alpha", report.pk])).content.decode()
    assert "Fictional neglect training" in page
    assert _url("activity_edit", item, report) not in page


def test_the_edit_page_saves_a_change_and_offers_the_years_meeting_items(world, login):
    report = make_report(world.partnership)
    item = add_activity(world.partnership, reach=12)
    agenda = _meeting_item(world.groups["executive"], D(2023, 9, 12), "Neglect strategy")
    _meeting_item(world.groups["executive"], D(2022, 9, 12), "Old item")
    client = login(world.users[Role.BUSINESS_UNIT])
    url = _url("activity_edit", item, report)
    page = client.get(url).content.decode()
    assert 'value="Fictional neglect training"' in page and 'value="12"' in page
    assert "Alpha Executive meeting, 12 September 2023: Neglect strategy" in page
    assert "Old item" not in page
    response = client.post(url, _post(item, title="Fictional neglect conference",
                                      agenda_item=agenda.pk))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/reports/{report.pk}/#activity")
    item.refresh_from_db()
    assert item.title == "Fictional neglect conference" and item.agenda_item == agenda


def test_the_edit_page_lists_meeting_items_in_one_query(world, login):
    report = make_report(world.partnership)
    item = add_activity(world.partnership)
    client = login(world.users[Role.BUSINESS_UNIT])
    url = _url("activity_edit", item, report)

    def queries():
        client.get(url)  # warm caches
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _meeting_item(world.groups["executive"], D(2023, 5, 1), "First")
    few = queries()
    for day in range(1, 21):
        _meeting_item(world.groups["subgroup"], D(2023, 6, day), f"Item {day}")
    assert queries() == few


@pytest.mark.parametrize("data,message", [
    ({"title": ""}, "Enter what happened"),
    ({"happened_on": "2023-02-30"}, "Enter the date it happened"),
    ({"happened_on": "2024-06-01"}, "Enter a date in the reporting year"),
    ({"reach": "many"}, "Enter a whole number"),
    ({"safeguarding_impact": ""}, "Enter the safeguarding impact"),
    ({"description": f"NHS {NHS_NUMBER}"}, "looks like an NHS number"),
    ({"agenda_item": "999999"}, "Choose one of the options for “Meeting item it came from”"),
    ({"version": ""}, "This page is out of date. Reload it and make your change again"),
])
def test_bad_input_on_the_edit_page_gets_a_message_and_saves_nothing(world, login, data,
                                                                     message):
    report = make_report(world.partnership)
    item = add_activity(world.partnership)
    response = login(world.users[Role.BUSINESS_UNIT]).post(
        _url("activity_edit", item, report), _post(item, **data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ActivityItem.objects.get(pk=item.pk).version == 1
    assert not AuditEvent.objects.filter(action="change").exists()


def test_a_stale_edit_keeps_the_users_input_and_saves_nothing(world, login):
    report = make_report(world.partnership)
    item = add_activity(world.partnership)
    services.activity_update(actor=system_actor(), report=report, item=item,
                             data=_changes(item, title="Theirs"), expected_version=1)
    response = login(world.users[Role.BUSINESS_UNIT]).post(
        _url("activity_edit", item, report), _post(item, title="Mine", version=1))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this record" in body and 'value="Mine"' in body
    assert ActivityItem.objects.get(pk=item.pk).title == "Theirs"


def test_removing_asks_first_and_only_a_post_removes(world, login):
    report = make_report(world.partnership)
    item = add_activity(world.partnership)
    client = login(world.users[Role.BUSINESS_UNIT])
    url = _url("activity_remove", item, report)
    page = client.get(url).content.decode()
    assert "Remove “Fictional neglect training” from the report?" in page
    assert ActivityItem.objects.filter(pk=item.pk).exists()
    response = client.post(url, {"version": 1}, follow=True)
    assert "“Fictional neglect training” is removed from the report." in (
        response.content.decode())
    assert not ActivityItem.objects.filter(pk=item.pk).exists()
    assert client.get(url).status_code == 404


def test_removing_a_changed_activity_is_refused_with_a_message(world, login):
    report = make_report(world.partnership)
    item = add_activity(world.partnership)
    services.activity_update(actor=system_actor(), report=report, item=item,
                             data=_changes(item, title="Theirs"), expected_version=1)
    client = login(world.users[Role.BUSINESS_UNIT])
    url = _url("activity_remove", item, report)
    response = client.post(url, {"version": 1}, follow=True)
    body = response.content.decode()
    assert "Someone else changed this activity after you opened the page" in body
    assert "Remove “Theirs” from the report?" in body
    response = client.post(url, {}, follow=True)
    assert "nothing was removed" in response.content.decode()
    assert ActivityItem.objects.filter(pk=item.pk).exists()
