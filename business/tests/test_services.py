import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from business import selectors, services
from business.models import CommunicationItem, NationalItem, ScrutinyActivity, VoiceItem
from core.models import AuditEvent, Role
from core.services import ConcurrentEditError, system_actor
from core.tabular import RowsRejected, read_table
from learning.models import Source, Theme

from .factories import (
    WITHHELD_SAID,
    national_item,
    scrutiny_activity,
    statement,
    voice_item,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _days(n):
    return TODAY() - datetime.timedelta(days=n)


def test_a_scrutiny_findings_action_is_in_the_combined_plan_without_re_entry(world, login):
    """Issue 14, done means: the scrutiny activity's source takes its finding and
    recommendation, the action answering it is in the combined learning action plan."""
    from learning import services as learning_services

    bu = world.users[Role.BUSINESS_UNIT]
    activity = scrutiny_activity(world)
    assert activity.source.kind == Source.Kind.SCRUTINY
    finding = learning_services.finding_create(
        actor=bu, partnership=world.partnership, source=activity.source,
        text="Arrangements for exploitation differ across the four areas.")
    recommendation = learning_services.recommendation_create(
        actor=bu, finding=finding, text="Agree one Teesside exploitation model.")
    learning_services.action_create_for_recommendation(
        actor=bu, recommendation=recommendation, title="Draft a joint exploitation protocol",
        due_date=TODAY() + datetime.timedelta(days=60), owner_organisation=world.orgs["police"])

    page = login(bu).get(reverse("learning:plan", kwargs={"slug": world.partnership.slug}))
    text = page.content.decode()
    assert "Draft a joint exploitation protocol" in text
    assert activity.title in text  # the plan names the scrutiny activity as its source
    row = selectors.scrutiny_list(world.partnership).get(pk=activity.pk)
    assert (row.finding_count, row.recommendation_count, row.action_count) == (1, 1, 1)


def test_scrutiny_source_links_back_to_its_activity(world, login):
    activity = scrutiny_activity(world)
    page = login(world.users[Role.BUSINESS_UNIT]).get(reverse(
        "learning:source_detail", kwargs={"slug": world.partnership.slug,
                                          "pk": activity.source_id}))
    assert reverse("business:scrutiny_detail", kwargs={
        "slug": world.partnership.slug, "pk": activity.pk}) in page.content.decode()


def test_a_national_item_is_overdue_until_it_is_answered(world):
    item = national_item(world)
    assert selectors.national_overdue_count(world.partnership) == 1
    assert selectors.national_list(world.partnership).get(pk=item.pk).overdue
    services.national_item_update(actor=world.users[Role.BUSINESS_UNIT], item=item,
                                  data={"status": "done", "closed_on": TODAY(),
                                        "outcome": "Findings taken to the Executive."},
                                  expected_version=item.version)
    assert selectors.national_overdue_count(world.partnership) == 0
    assert AuditEvent.objects.filter(model="business.NationalItem",
                                     action=AuditEvent.Action.CHANGE).exists()


@pytest.mark.parametrize("data, field", [
    ({"title": ""}, "title"),
    ({"status": "done", "closed_on": None}, "closed_on"),
    ({"letter_due": _days(400)}, "letter_due"),  # before it was issued
    ({"due_basis": "letter", "letter_due": None}, "letter_due"),  # the letter's date, empty
    ({"due_basis": "soon"}, "due_basis"),
    ({"outcome": "Seen by Jane Smith (12/03/2015)"}, "outcome"),  # personal data
])
def test_bad_national_item_is_refused_naming_the_field(world, data, field):
    item = national_item(world)
    before = NationalItem.objects.get(pk=item.pk)
    with pytest.raises(ValidationError) as error:
        services.national_item_update(actor=world.users[Role.BUSINESS_UNIT], item=item,
                                      data=data, expected_version=item.version)
    assert field in error.value.message_dict
    after = NationalItem.objects.get(pk=item.pk)
    assert (after.version, after.title, after.status) == (before.version, before.title,
                                                          before.status)


def test_a_stale_edit_is_refused(world):
    item = national_item(world)
    services.national_item_update(actor=system_actor(), item=item, data={"outcome": "A"},
                                  expected_version=item.version)
    stale = NationalItem.objects.get(pk=item.pk)
    stale.version -= 1
    with pytest.raises(ConcurrentEditError):
        services.national_item_update(actor=system_actor(), item=stale, data={"outcome": "B"},
                                      expected_version=stale.version)
    assert NationalItem.objects.get(pk=item.pk).outcome == "A"


def test_only_the_business_unit_keeps_the_records(world):
    for role in (Role.PARTNER_DELEGATE, Role.SCRUTINEER, Role.GROUP_CHAIR):
        with pytest.raises(PermissionDenied):
            services.scrutiny_activity_create(
                actor=world.users[role], partnership=world.partnership,
                data={"kind": "report", "title": "A report", "held_on": _days(1)})
    assert not ScrutinyActivity.objects.exists()


def test_a_response_needs_its_date(world):
    activity = scrutiny_activity(world)
    with pytest.raises(ValidationError) as error:
        services.scrutiny_activity_update(actor=system_actor(), activity=activity,
                                          data={"response": "accepted"},
                                          expected_version=activity.version)
    assert "response_on" in error.value.message_dict


def test_only_the_scrutineer_writes_and_approves_the_statement(world):
    year = selectors.year_start_of(TODAY()) - 1
    for role in (Role.BUSINESS_UNIT, Role.PARTNER_DELEGATE):
        with pytest.raises(PermissionDenied):
            services.statement_save(actor=world.users[role], partnership=world.partnership,
                                    year_start=year, text="Words", expected_version=0)
    scrutineer = world.users[Role.SCRUTINEER]
    written = services.statement_save(actor=scrutineer, partnership=world.partnership,
                                      year_start=year, text="The report is accurate.",
                                      expected_version=0)
    with pytest.raises(PermissionDenied):
        services.statement_approve(actor=world.users[Role.BUSINESS_UNIT], statement=written,
                                   expected_version=written.version)
    approved = services.statement_approve(actor=scrutineer, statement=written,
                                          expected_version=written.version)
    assert approved.is_approved and approved.approved_by == scrutineer
    # A rewrite withdraws the approval: the report prints only what was approved.
    rewritten = services.statement_save(actor=scrutineer, partnership=world.partnership,
                                        year_start=year, text="The report is accurate; more.",
                                        expected_version=approved.version)
    assert not rewritten.is_approved
    start, end = selectors.year_bounds(year)
    assert selectors.report_section(world.partnership, start, end).statement is None


def test_voice_refuses_a_name_and_date_of_birth(world):
    with pytest.raises(ValidationError) as error:
        services.voice_create(actor=system_actor(), partnership=world.partnership, data={
            "heard_on": _days(3), "channel": "individual", "voice": "children",
            "age_band": "5-10", "said": "Amy Jones, 03/04/2015 said she felt safe"})
    assert "said" in error.value.message_dict
    assert not VoiceItem.objects.exists()


def test_consent_needs_its_date(world):
    with pytest.raises(ValidationError) as error:
        services.voice_create(actor=system_actor(), partnership=world.partnership, data={
            "heard_on": _days(3), "channel": "survey", "voice": "young_people",
            "age_band": "16-17", "said": "More youth workers", "consent": True})
    assert "consent_recorded_on" in error.value.message_dict


def test_an_item_without_consent_never_leaves_the_partnership(world):
    shown, withheld = voice_item(world), voice_item(world, consent=False)
    start, end = _days(365), TODAY()
    assert list(selectors.publishable_voice(world.partnership)) == [shown]
    section = selectors.report_section(world.partnership, start, end)
    assert section.voice == [shown] and section.voice_withheld == 1
    assert withheld.said == WITHHELD_SAID


def _csv(text: str):
    upload = io.BytesIO(text.encode())
    upload.name = "communication.csv"
    return upload


def test_communication_import_is_all_or_nothing_with_problems_by_row(world):
    Theme.objects.get_or_create(name="Neglect")
    rows = read_table(_csv(
        "kind,title,date,audience,theme,reach,measure\n"
        "newsletter,Spring newsletter,2021-03-31,partners,Neglect,120,sent_to\n"
        "bulletin,April bulletin,2021-04-30,practitioners,,,\n"
        "leaflet,Bad kind,2021-05-01,partners,,,\n"
        "forum,DSL forum,31/05/2021,schools,Nonsense,-4,attended\n"),
        required=services.COMMUNICATION_COLUMNS)
    with pytest.raises(RowsRejected) as rejected:
        services.communication_import(actor=system_actor(), partnership=world.partnership,
                                      rows=rows)
    problems = {(p.row, p.field) for p in rejected.value.errors}
    assert problems == {(3, "kind"), (4, "date"), (4, "theme"), (4, "reach")}
    assert not CommunicationItem.objects.exists()

    good = rows[:2]
    saved = services.communication_import(actor=system_actor(), partnership=world.partnership,
                                          rows=good)
    assert len(saved) == 2
    assert saved[0].theme.name == "Neglect" and saved[0].reach == 120


def test_communication_totals_per_reporting_year(world):
    for day, kind, reach, measure in ((datetime.date(2021, 3, 31), "newsletter", 100,
                                       "sent_to"),
                                      (datetime.date(2020, 6, 30), "newsletter", 80, "sent_to"),
                                      (datetime.date(2020, 9, 1), "forum", 35, "attended"),
                                      (datetime.date(2021, 4, 1), "newsletter", 10, "sent_to")):
        services.communication_create(actor=system_actor(), partnership=world.partnership,
                                      data={"kind": kind, "title": f"{kind} {day}",
                                            "issued_on": day, "audience": "partners",
                                            "reach": reach, "measure": measure})
    years = {y.label: y for y in selectors.communication_years(world.partnership)}
    assert set(years) == {"2020-21", "2021-22"}
    kinds = {k.kind: k for k in years["2020-21"].kinds}
    assert kinds["newsletter"].items == 2
    assert kinds["newsletter"].reach == [("People or organisations sent to", 180)]
    assert kinds["forum"].reach == [("People attending", 35)]
    assert years["2021-22"].items == 1
    totals = selectors.communication_totals(world.partnership, datetime.date(2020, 4, 1),
                                            datetime.date(2021, 3, 31))
    assert [(k.kind, k.items) for k in totals] == [("newsletter", 2), ("forum", 1)]


def test_reach_needs_what_it_counts(world):
    with pytest.raises(ValidationError) as error:
        services.communication_create(actor=system_actor(), partnership=world.partnership,
                                      data={"kind": "website", "title": "Website",
                                            "issued_on": _days(1), "audience": "public",
                                            "reach": 25490})
    assert "measure" in error.value.message_dict


def test_the_statement_of_a_year_is_in_the_section_once_approved(world):
    made = statement(world, approved=True)
    start, end = selectors.year_bounds(made.year_start)
    assert selectors.report_section(world.partnership, start, end).statement == made


def test_the_business_unit_is_reminded_of_a_late_national_response(world):
    from business.reminders import national_responses_due

    bu = world.people[Role.BUSINESS_UNIT]
    bu.email = "unit@example.org"
    bu.save()
    item = national_item(world)
    reminders = list(national_responses_due(TODAY()))
    assert [(r.email, "overdue since" in r.text) for r in reminders] == [(bu.email, True)]
    services.national_item_update(actor=system_actor(), item=item,
                                  data={"status": "noted", "closed_on": TODAY()},
                                  expected_version=item.version)
    assert not list(national_responses_due(TODAY()))
