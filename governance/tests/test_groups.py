"""Groups as dated records: the business unit creates and changes them and records chair
changes; a year's structure is the one in force in that year (issue 9, item 7)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, Role
from core.services import ConcurrentEditError, system_actor
from governance import selectors, services
from governance.models import Group, Meeting, Membership

D = datetime.date


def url(name, **kwargs):
    return reverse(name, kwargs={"slug": "alpha", **kwargs})


def _bu(world):
    return world.users[Role.BUSINESS_UNIT]


def _group_post(world, **extra):
    return {"name": "Neglect task group", "kind": "task_and_finish",
            "partnerships": [world.partnership.pk], "reports_to": "", "purpose": "",
            "chair_rota": "", "cadence_every": "", "cadence_unit": "", "started_on": "",
            "ended_on": "", **extra}


# ---- services ----

def test_the_business_unit_creates_a_dated_group_with_an_audit_row(world):
    group = services.group_create(
        actor=_bu(world), partnership=world.partnership,
        **{"name": " Neglect task group ", "kind": "task_and_finish",
              "reports_to": world.groups["executive"], "started_on": D(2020, 5, 1),
              "ended_on": D(2021, 2, 28), "cadence_every": 1, "cadence_unit": "months"})
    assert group.name == "Neglect task group"
    assert list(group.partnerships.all()) == [world.partnership]
    assert (group.started_on, group.ended_on) == (D(2020, 5, 1), D(2021, 2, 28))
    assert AuditEvent.objects.filter(action="create", model="governance.Group",
                                     object_id=str(group.pk)).exists()


def test_a_group_that_ends_before_it_starts_is_refused_naming_both_dates(world):
    count = Group.objects.count()
    with pytest.raises(ValidationError) as error:
        services.group_create(actor=_bu(world), partnership=world.partnership,
                              **{"name": "Backwards", "kind": "sub_group",
                                    "started_on": D(2021, 4, 1), "ended_on": D(2020, 3, 31)})
    message = error.value.message_dict["ended_on"][0]
    assert "31 March 2020" in message and "1 April 2021" in message
    assert Group.objects.count() == count


def test_a_group_reporting_to_itself_is_refused_and_nothing_changes(world):
    group = world.groups["subgroup"]
    with pytest.raises(ValidationError) as error:
        services.group_update(actor=_bu(world), partnership=world.partnership, group=group,
                              **{"reports_to": group}, expected_version=group.version)
    assert error.value.message_dict["reports_to"] == [
        "Quality and Performance cannot report to itself."]
    group.refresh_from_db()
    assert group.reports_to == world.groups["executive"] and group.version == 1


def test_a_reporting_loop_is_refused(world):
    executive = world.groups["executive"]
    with pytest.raises(ValidationError) as error:
        services.group_update(actor=_bu(world), partnership=world.partnership, group=executive,
                              **{"reports_to": world.groups["subgroup"]},
                              expected_version=executive.version)
    assert "reports to Alpha Executive" in error.value.message_dict["reports_to"][0]
    executive.refresh_from_db()
    assert executive.reports_to is None


def test_a_stale_group_edit_is_refused(world):
    group = world.groups["subgroup"]
    services.group_update(actor=_bu(world), partnership=world.partnership, group=group,
                          **{"purpose": "First"}, expected_version=1)
    with pytest.raises(ConcurrentEditError):
        services.group_update(actor=_bu(world), partnership=world.partnership,
                              group=Group.objects.get(pk=group.pk),
                              **{"purpose": "Second"}, expected_version=1)
    assert Group.objects.get(pk=group.pk).purpose == "First"


def test_a_group_must_serve_the_partnership_it_is_recorded_in(world):
    with pytest.raises(ValidationError) as error:
        services.group_create(actor=_bu(world), partnership=world.partnership,
                              **{"name": "Elsewhere", "kind": "sub_group"},
                              partnerships=[world.other])
    assert "partnerships" in error.value.message_dict


def test_another_partnerships_business_unit_cannot_change_the_group(world):
    with pytest.raises(PermissionDenied):
        services.group_update(actor=world.users["outsider"], partnership=world.partnership,
                              group=world.groups["subgroup"], **{"purpose": "Taken"},
                              expected_version=1)
    with pytest.raises(PermissionDenied):
        services.group_update(actor=world.users["outsider"], partnership=world.other,
                              group=world.groups["subgroup"], **{"purpose": "Taken"},
                              expected_version=1)


def test_a_chair_change_ends_the_old_chair_the_day_before(world):
    group = world.groups["subgroup"]
    old = Membership.objects.get(group=group, group_role="chair")
    old.started_on = D(2019, 4, 1)
    old.save()
    new_chair = world.people[Role.BUSINESS_UNIT]
    membership = services.group_chair_change(actor=_bu(world), partnership=world.partnership,
                                             group=group, person=new_chair,
                                             from_date=D(2020, 10, 1))
    old.refresh_from_db()
    assert old.ended_on == D(2020, 9, 30)
    assert (membership.person, membership.group_role, membership.started_on) == (
        new_chair, "chair", D(2020, 10, 1))
    group.refresh_from_db()
    assert group.chair == new_chair
    with pytest.raises(ValidationError) as error:
        services.group_chair_change(actor=_bu(world), partnership=world.partnership,
                                    group=group, person=world.people[Role.GROUP_MEMBER],
                                    from_date=D(2020, 9, 1))
    assert "1 October 2020" in error.value.message_dict["from_date"][0]


# ---- the structure of a year ----

def _held(group, day):
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    return Meeting.objects.create(group=group, title=group.name, starts_at=start,
                                  ends_at=start + datetime.timedelta(hours=1),
                                  status=Meeting.Status.HELD)


def test_a_years_structure_shows_the_groups_and_chairs_of_that_year(world):
    """A group that ended before 2021-22 shows in 2020-21 only; a chair who changed on
    1 October 2020 shows as two chairs in 2020-21 and as the new chair alone in 2021-22."""
    bu, alpha = _bu(world), world.partnership
    ended = services.group_create(actor=bu, partnership=alpha, **{
        "name": "Covid task group", "kind": "task_and_finish", "started_on": D(2020, 4, 20),
        "ended_on": D(2021, 3, 31)})
    later = services.group_create(actor=bu, partnership=alpha, **{
        "name": "Exploitation group", "kind": "sub_group", "started_on": D(2021, 4, 1)})
    subgroup = world.groups["subgroup"]
    Membership.objects.filter(group=subgroup, group_role="chair").update(
        started_on=D(2019, 4, 1))
    services.group_chair_change(actor=bu, partnership=alpha, group=subgroup,
                                person=world.people[Role.PARTNER_DELEGATE],
                                from_date=D(2020, 10, 1))
    _held(ended, D(2021, 3, 31))
    _held(subgroup, D(2020, 4, 1))
    _held(subgroup, D(2021, 4, 1))

    first = {g.name: g for g in selectors.groups_in_year(alpha, D(2020, 4, 1), D(2021, 3, 31))}
    assert set(first) == {"Alpha Executive", "Quality and Performance", "Covid task group"}
    assert first["Covid task group"].held == 1 and first["Quality and Performance"].held == 1
    chair, delegate = world.people[Role.GROUP_CHAIR].name, world.people[Role.PARTNER_DELEGATE].name
    assert selectors.chair_text(first["Quality and Performance"], D(2020, 4, 1),
                                D(2021, 3, 31)) == (
        f"{chair} (to 30 September 2020); {delegate} (from 1 October 2020)")

    second = {g.name: g for g in selectors.groups_in_year(alpha, D(2021, 4, 1), D(2022, 3, 31))}
    assert set(second) == {"Alpha Executive", "Quality and Performance", "Exploitation group"}
    assert second["Quality and Performance"].held == 1
    assert selectors.chair_text(second["Quality and Performance"], D(2021, 4, 1),
                                D(2022, 3, 31)) == delegate
    assert later.pk in {g.pk for g in second.values()}


def test_a_group_without_dated_chairs_shows_its_current_chair_as_undated(world):
    group = world.groups["executive"]
    group.chair = world.people[Role.PARTNER_DELEGATE]
    group.save()
    rows = {g.pk: g for g in selectors.groups_in_year(world.partnership, D(2020, 4, 1),
                                                      D(2021, 3, 31))}
    assert selectors.chair_text(rows[group.pk], D(2020, 4, 1), D(2021, 3, 31)) == (
        f"{group.chair.name} (current chair; dates not recorded)")


# ---- pages ----

def test_the_business_unit_adds_a_group_through_the_page(world, login):
    client = login(_bu(world))
    assert "Add a group" in client.get(url("governance:group_list")).content.decode()
    response = client.post(url("governance:group_create"), _group_post(
        world, reports_to=world.groups["executive"].pk, started_on="2020-05-01"))
    group = Group.objects.get(name="Neglect task group")
    assert response.status_code == 302
    assert response["Location"] == url("governance:group_detail", pk=group.pk)
    assert group.reports_to == world.groups["executive"] and group.started_on == D(2020, 5, 1)


def test_an_end_before_the_start_shows_both_dates_on_the_page_and_saves_nothing(world, login):
    client = login(_bu(world))
    count = Group.objects.count()
    response = client.post(url("governance:group_create"), _group_post(
        world, started_on="2021-04-01", ended_on="2020-03-31"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The date the group ended (31 March 2020) cannot be before the date it started " \
           "(1 April 2021)." in page
    assert Group.objects.count() == count


def test_a_group_reporting_to_itself_shows_the_message_on_the_page(world, login):
    client = login(_bu(world))
    group = world.groups["subgroup"]
    response = client.post(url("governance:group_edit", pk=group.pk), _group_post(
        world, name=group.name, kind=group.kind, reports_to=group.pk, version=group.version,
        cadence_every=6, cadence_unit="weeks"))
    assert "Quality and Performance cannot report to itself." in response.content.decode()
    group.refresh_from_db()
    assert group.reports_to == world.groups["executive"] and group.version == 1


def test_changing_a_group_through_the_page_needs_its_version(world, login):
    client = login(_bu(world))
    group = world.groups["subgroup"]
    data = _group_post(world, name="Quality and Assurance", kind=group.kind,
                       reports_to=world.groups["executive"].pk, cadence_every=6,
                       cadence_unit="weeks", ended_on="2026-03-31")
    response = client.post(url("governance:group_edit", pk=group.pk), data)
    assert "This page is out of date" in response.content.decode()
    assert Group.objects.get(pk=group.pk).name == "Quality and Performance"
    response = client.post(url("governance:group_edit", pk=group.pk), {**data, "version": 1})
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.ended_on, group.version) == (
        "Quality and Assurance", D(2026, 3, 31), 2)
    assert AuditEvent.objects.filter(action="change", model="governance.Group",
                                     object_id=str(group.pk)).exists()


def test_recording_a_new_chair_through_the_page(world, login):
    client = login(_bu(world))
    group = world.groups["subgroup"]
    person = world.people[Role.PARTNER_DELEGATE]
    response = client.post(url("governance:group_chair", pk=group.pk),
                           {"person": person.pk, "from_date": "2024-10-01"})
    assert response.status_code == 302
    assert Membership.objects.get(group=group, person=person).group_role == "chair"
    page = client.get(url("governance:group_detail", pk=group.pk)).content.decode()
    assert "from 1 October 2024" in page and "to 30 September 2024" in page


def test_the_group_list_filters_by_the_day_a_group_existed(world, login):
    services.group_create(actor=system_actor(), partnership=world.partnership, **{
        "name": "Old task group", "kind": "task_and_finish", "ended_on": D(2019, 3, 31)})
    client = login(_bu(world))
    names = [g.name for g in client.get(url("governance:group_list"),
                                        {"in_force_on": "2020-06-01"}).context["object_list"]]
    assert "Old task group" not in names and "Alpha Executive" in names
    names = [g.name for g in client.get(url("governance:group_list"),
                                        {"in_force_on": "2019-01-01"}).context["object_list"]]
    assert "Old task group" in names
