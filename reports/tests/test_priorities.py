"""Priorities are records that can be corrected: edit, remove, order, key measures linked to
indicators (latest value and RAG), planned interventions; printed in every format; a
priority with no impact is flagged in the checklist. And the report's structure section is
the structure of its year (issue 9, items 7 and 8)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, Role
from core.services import ConcurrentEditError, system_actor
from governance import services as governance_services
from governance.models import Meeting, Membership
from performance.models import DataReturn, Indicator, IndicatorValue, Target
from reports import selectors, services
from reports.models import Priority, PriorityMeasure
from reports.tests.helpers import add_priority, make_indicator, make_report
from reports.tests.test_report_contents import texts

D = datetime.date


def _bu(world):
    return world.users[Role.BUSINESS_UNIT]


def _orders(report, next_year=False):
    return list(report.priorities.filter(for_next_year=next_year).order_by("order")
                .values_list("title", "order"))


def _value(world, indicator, period, period_type, start, value):
    data_return, _ = DataReturn.objects.get_or_create(partnership=world.partnership,
                                                      method=DataReturn.Method.FORM)
    return IndicatorValue.objects.create(indicator=indicator, area=world.objects["area"],
                                         period=period, period_type=period_type,
                                         period_start=start, value=value,
                                         data_return=data_return)


# ---- services ----

def test_a_priority_is_corrected_with_its_version_and_audited(world):
    report = make_report(world.partnership, 2020)
    priority = add_priority(report, title="Neglect")
    services.priority_update(actor=_bu(world), report=report, priority=priority,
                             data={"impact": "Fewer repeat plans.",
                                   "interventions": "Toolkit training\n- Audit in March\n"},
                             expected_version=1)
    priority.refresh_from_db()
    assert priority.version == 2 and priority.intervention_list == ["Toolkit training",
                                                                    "Audit in March"]
    with pytest.raises(ConcurrentEditError):
        services.priority_update(actor=_bu(world), report=report, priority=priority,
                                 data={"impact": "Overwritten"}, expected_version=1)
    assert Priority.objects.get(pk=priority.pk).impact == "Fewer repeat plans."
    assert AuditEvent.objects.filter(action="change", model="reports.Priority",
                                     object_id=str(priority.pk)).exists()


def test_removing_a_priority_keeps_the_order_unique_and_audits_it(world):
    report = make_report(world.partnership, 2020)
    first, second, third = (add_priority(report, title=t) for t in ("A", "B", "C"))
    with pytest.raises(ConcurrentEditError):
        services.priority_remove(actor=_bu(world), report=report, priority=second,
                                 expected_version=5)
    assert _orders(report) == [("A", 1), ("B", 2), ("C", 3)]
    services.priority_remove(actor=_bu(world), report=report, priority=second,
                             expected_version=1)
    assert _orders(report) == [("A", 1), ("C", 2)]
    event = AuditEvent.objects.get(action="delete", model="reports.Priority")
    assert event.changes["title"] == "B"
    assert _orders(report)[-1] == ("C", 2)
    assert add_priority(report, title="D").order == 3


def test_moving_priorities_up_and_down(world):
    report = make_report(world.partnership, 2020)
    a, b, c = (add_priority(report, title=t) for t in ("A", "B", "C"))
    services.priority_move(actor=_bu(world), report=report, priority=c, direction="up")
    assert _orders(report) == [("A", 1), ("C", 2), ("B", 3)]
    services.priority_move(actor=_bu(world), report=report, priority=a, direction="down")
    assert _orders(report) == [("C", 1), ("A", 2), ("B", 3)]
    with pytest.raises(ValidationError) as error:
        services.priority_move(actor=_bu(world), report=report,
                               priority=Priority.objects.get(pk=b.pk), direction="down")
    assert error.value.messages == ["“B” is already last."]


def test_moving_a_priority_to_the_year_ahead_closes_the_gap(world):
    report = make_report(world.partnership, 2020)
    a, b, c = (add_priority(report, title=t) for t in ("A", "B", "C"))
    add_priority(report, title="Next", for_next_year=True)
    services.priority_update(actor=_bu(world), report=report, priority=a,
                             data={"for_next_year": True}, expected_version=1)
    assert _orders(report) == [("B", 1), ("C", 2)]
    assert _orders(report, True) == [("Next", 1), ("A", 2)]


def test_a_measure_on_another_partnerships_indicator_is_refused_and_nothing_saved(world):
    report = make_report(world.partnership, 2020)
    priority = add_priority(report)
    beta_local = make_indicator("BETA_LOCAL", partnership=world.other)
    with pytest.raises(ValidationError) as error:
        services.measure_add(actor=_bu(world), report=report, priority=priority,
                             indicator=beta_local)
    message = error.value.message_dict["indicator"][0]
    assert "BETA_LOCAL" in message and "another partnership" in message
    assert not PriorityMeasure.objects.exists()
    # National and the partnership's own local indicators are accepted, once each.
    services.measure_add(actor=_bu(world), report=report, priority=priority,
                         indicator=make_indicator("NATIONAL"))
    services.measure_add(actor=_bu(world), report=report, priority=priority,
                         indicator=make_indicator("ALPHA_LOCAL", partnership=world.partnership))
    with pytest.raises(ValidationError):
        services.measure_add(actor=_bu(world), report=report, priority=priority,
                             indicator=Indicator.objects.get(code="NATIONAL"))
    assert priority.measures.count() == 2


def test_a_measure_shows_the_latest_value_of_the_year_and_its_rag(world):
    """Latest up to 31 March of the report's year (not a later year's), RAG against the
    partnership's target."""
    indicator = make_indicator("REREF", unit=Indicator.Unit.PERCENTAGE,
                               polarity=Indicator.Polarity.LOWER)
    Target.objects.create(partnership=world.partnership, indicator=indicator, value=20,
                          tolerance=3)
    _value(world, indicator, "2020-21 Q3", "quarter", D(2020, 10, 1), "19")
    _value(world, indicator, "2020-21 Q4", "quarter", D(2021, 1, 1), "22.5")
    _value(world, indicator, "2021-22 Q1", "quarter", D(2021, 4, 1), "30")
    report = make_report(world.partnership, 2020)
    priority = add_priority(report)
    services.measure_add(actor=_bu(world), report=report, priority=priority,
                         indicator=indicator)
    [row] = selectors.assemble(report, charts=False).priorities[0].measure_rows
    assert row.summary == "Alphaton: 22.5 (2020-21 Q4), Amber"
    later = make_report(world.partnership, 2021)
    services.measure_add(actor=_bu(world), report=later, priority=add_priority(later),
                         indicator=indicator)
    [row] = selectors.assemble(later, charts=False).priorities[0].measure_rows
    assert row.summary == "Alphaton: 30 (2021-22 Q1), Red"
    early = make_report(world.partnership, 2019)
    services.measure_add(actor=_bu(world), report=early, priority=add_priority(early),
                         indicator=indicator)
    [row] = selectors.assemble(early, charts=False).priorities[0].measure_rows
    assert row.summary == "no figure recorded up to 31 March 2020"


def test_a_priority_without_impact_is_flagged_in_the_checklist(world):
    report = make_report(world.partnership, 2020)
    services.activity_add(actor=system_actor(), partnership=world.partnership, data={
        "happened_on": D(2020, 6, 1), "kind": "training", "title": "Neglect training",
        "safeguarding_impact": "Practitioners use the toolkit."})
    add_priority(report, title="Neglect", impact="Fewer repeat plans.")
    silent = add_priority(report, title="Exploitation")
    add_priority(report, title="Next year's", for_next_year=True)

    def impact_check():
        return next(c for c in selectors.assemble(report, charts=False).checklist
                    if c.item.test == "impact")

    check = impact_check()
    assert not check.met
    assert "No impact is recorded for priority 2, “Exploitation”." in check.detail
    services.priority_update(actor=system_actor(), report=report, priority=silent,
                             data={"impact": "Two disruption plans."}, expected_version=1)
    assert impact_check().met


def test_priorities_print_with_measures_and_interventions_in_every_format(world):
    indicator = make_indicator("CPP", name="Child protection plans")
    _value(world, indicator, "2020-21", "year", D(2020, 4, 1), "245")
    report = make_report(world.partnership, 2020)
    priority = add_priority(report, title="Neglect", impact="Fewer repeat plans.",
                            interventions="Neglect toolkit training\nMulti-agency audit")
    services.measure_add(actor=system_actor(), report=report, priority=priority,
                         indicator=indicator, note="fewer plans")
    add_priority(report, title="Exploitation next year", for_next_year=True,
                 interventions="Disruption panel")
    for fmt, text in texts(selectors.assemble(report)).items():
        assert "CPP Child protection plans" in text, fmt
        assert "Alphaton" in text and "245" in text and "2020-21" in text, fmt
        assert "Neglect toolkit training" in text and "Multi-agency audit" in text, fmt
        assert "Disruption panel" in text, fmt


def test_the_report_prints_the_structure_of_its_year_in_every_format(world):
    bu, alpha = _bu(world), world.partnership
    governance_services.group_create(actor=bu, partnership=alpha, **{
        "name": "Covid task group", "kind": "task_and_finish", "started_on": D(2020, 4, 20),
        "ended_on": D(2021, 3, 31)})
    subgroup = world.groups["subgroup"]
    Membership.objects.filter(group=subgroup, group_role="chair").update(
        started_on=D(2019, 4, 1))
    governance_services.group_chair_change(actor=bu, partnership=alpha, group=subgroup,
                                           person=world.people[Role.PARTNER_DELEGATE],
                                           from_date=D(2020, 10, 1))
    start = timezone.make_aware(datetime.datetime(2020, 11, 3, 10))
    Meeting.objects.create(group=subgroup, title="Q&P", starts_at=start,
                           ends_at=start + datetime.timedelta(hours=1),
                           status=Meeting.Status.HELD)
    chair, delegate = world.people[Role.GROUP_CHAIR].name, world.people[Role.PARTNER_DELEGATE].name

    first = selectors.assemble(make_report(alpha, 2020))
    rows = {g.name: g for g in first.groups}
    assert rows["Quality and Performance"].meetings_held == 1
    assert rows["Quality and Performance"].chair == (
        f"{chair} (to 30 September 2020); {delegate} (from 1 October 2020)")
    for fmt, text in texts(first).items():
        assert "Covid task group" in text, fmt
        assert f"{chair} (to 30 September 2020)" in text, fmt

    second = selectors.assemble(make_report(alpha, 2021))
    rows = {g.name: g for g in second.groups}
    assert "Covid task group" not in rows
    assert rows["Quality and Performance"].chair == delegate
    assert rows["Quality and Performance"].meetings_held == 0
    for fmt, text in texts(second).items():
        assert "Covid task group" not in text, fmt


# ---- pages ----

def url(name, report, **kwargs):
    return reverse(name, kwargs={"slug": "alpha", "pk": report.pk, **kwargs})


def test_the_report_page_lists_priorities_with_change_and_remove_links(world, login):
    report = make_report(world.partnership, 2020)
    priority = add_priority(report, title="Neglect")
    page = login(_bu(world)).get(url("reports:report_detail", report)).content.decode()
    assert url("reports:priority_edit", report, priority=priority.pk) in page
    assert url("reports:priority_remove", report, priority=priority.pk) in page
    assert url("reports:measure_add", report, priority=priority.pk) in page
    assert "No impact recorded" in page
    reader = login(world.users[Role.SCRUTINEER]).get(url("reports:report_detail", report))
    assert url("reports:priority_edit", report, priority=priority.pk) not in (
        reader.content.decode())


def test_editing_a_priority_through_the_page(world, login):
    report = make_report(world.partnership, 2020)
    priority = add_priority(report, title="Neglect")
    client = login(_bu(world))
    data = {"title": "", "impact": "Fewer plans", "version": 1}
    response = client.post(url("reports:priority_edit", report, priority=priority.pk), data)
    assert "Enter the priority" in response.content.decode()
    assert Priority.objects.get(pk=priority.pk).impact == ""
    response = client.post(url("reports:priority_edit", report, priority=priority.pk),
                           {**data, "title": "Neglect and poverty",
                            "interventions": "Training"})
    assert response.status_code == 302
    priority.refresh_from_db()
    assert (priority.title, priority.impact, priority.interventions) == (
        "Neglect and poverty", "Fewer plans", "Training")


def test_removing_a_priority_asks_first_then_removes(world, login):
    report = make_report(world.partnership, 2020)
    priority = add_priority(report, title="Neglect")
    client = login(_bu(world))
    target = url("reports:priority_remove", report, priority=priority.pk)
    assert "Remove the priority “Neglect”?" in client.get(target).content.decode()
    assert Priority.objects.filter(pk=priority.pk).exists()
    client.post(target, {"version": 1})
    assert not Priority.objects.filter(pk=priority.pk).exists()


def test_moving_a_priority_through_the_page(world, login):
    report = make_report(world.partnership, 2020)
    add_priority(report, title="A")
    b = add_priority(report, title="B")
    client = login(_bu(world))
    client.post(url("reports:priority_move", report, priority=b.pk), {"direction": "up"})
    assert _orders(report) == [("B", 1), ("A", 2)]


def test_a_measure_on_another_partnerships_indicator_shows_a_clear_message(world, login):
    report = make_report(world.partnership, 2020)
    priority = add_priority(report)
    beta_local = make_indicator("BETA_LOCAL", partnership=world.other)
    client = login(_bu(world))
    target = url("reports:measure_add", report, priority=priority.pk)
    form_page = client.get(target).content.decode()
    assert "BETA_LOCAL" not in form_page  # never offered
    response = client.post(target, {"indicator": beta_local.pk})
    assert ("another partnership&#x27;s local indicator cannot measure this priority"
            in response.content.decode())
    assert not PriorityMeasure.objects.exists()
    national = make_indicator("NATIONAL")
    assert client.post(target, {"indicator": national.pk}).status_code == 302
    measure = PriorityMeasure.objects.get()
    client.post(url("reports:measure_remove", report, priority=priority.pk,
                    measure=measure.pk))
    assert not PriorityMeasure.objects.exists()
    assert AuditEvent.objects.filter(action="delete", model="reports.PriorityMeasure").exists()


def test_the_migration_renumbers_duplicate_places(world):
    """The data step of migration 0008, on rows that share a place."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "reports.migrations.0008_priority_measures_interventions_and_unique_order")
    report = make_report(world.partnership, 2020)
    a = add_priority(report, title="A")
    b = add_priority(report, title="B")
    Priority.objects.filter(pk=a.pk).update(order=7)
    Priority.objects.filter(pk=b.pk).update(order=9)
    migration.renumber(apps, None)
    assert _orders(report) == [("A", 1), ("B", 2)]
