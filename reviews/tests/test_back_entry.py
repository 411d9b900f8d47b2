"""Issue 9, item 10: history entered after the event raises no alarms.

A record ticked "recorded after the event" shows each deadline as met, met late or not
recorded, never overdue or due soon; it stays off the business unit's home panel and out of
the reminders; its dates may be known to the month only, which the pages and the yearly
report say. Each test has a control record, entered as news, that does raise the alarm, so
the test fails if the rule stops working."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core import reminders
from core.deadlines import Status
from core.models import Role
from core.services import system_actor
from reviews import selectors, services
from reviews.clock import deadlines_for
from reviews.models import Milestone, PracticeReview, SeriousIncident

from .factories import make_incident, make_practice_review, make_rapid_review

D = datetime.date
HISTORY = {"recorded_after": True}
MONTH_ONLY = {"recorded_after": True, "date_precision": "month"}


def _statuses(record, partnership):
    return {d.rule.key: d.status for d in deadlines_for(record, selectors.rules_for(partnership))}


# ---- the clock (service level) ----

def test_an_old_incident_never_notified_is_not_recorded_rather_than_overdue(world):
    old = make_incident(world.partnership, reference="Child H", la_aware_on=D(2019, 3, 1))
    services.update_incident(actor=system_actor(), incident=old, data=HISTORY,
                             expected_version=old.version)
    old.refresh_from_db()
    news = make_incident(world.partnership, reference="Child N", la_aware_on=D(2019, 3, 1))
    assert set(_statuses(old, world.partnership).values()) == {Status.NOT_RECORDED}
    assert set(_statuses(news, world.partnership).values()) == {Status.OVERDUE}
    open_refs = {record.reference for record, _ in selectors.open_deadlines(world.partnership)}
    assert "Child N" in open_refs and "Child H" not in open_refs


def _history_incident(partnership, reference, **data):
    return services.notify_incident(
        actor=system_actor(), partnership=partnership,
        data={"reference": reference, "summary": "Fictional.", **HISTORY, **data})


def test_dates_that_are_recorded_show_met_or_met_late(world):
    on_time = _history_incident(world.partnership, "Child A", la_aware_on=D(2019, 3, 1),
                                notified_on=D(2019, 3, 4))
    late = _history_incident(world.partnership, "Child B", la_aware_on=D(2019, 3, 1),
                             notified_on=D(2019, 6, 3))
    assert set(_statuses(on_time, world.partnership).values()) == {Status.MET}
    assert set(_statuses(late, world.partnership).values()) == {Status.MET_LATE}


def test_a_back_entered_rapid_review_and_practice_review_are_not_overdue(world):
    incident = _history_incident(world.partnership, "Child R", la_aware_on=D(2019, 3, 1),
                                 notified_on=D(2019, 3, 4))
    rapid = make_rapid_review(incident, partners_aware_on=D(2019, 3, 1), local_review=True,
                              decided_on=D(2019, 3, 20), **HISTORY)
    assert set(_statuses(rapid, world.partnership).values()) == {Status.NOT_RECORDED}
    review = make_practice_review(world.partnership, pseudonym="Heron", rapid_review=rapid,
                                  decided_on=D(2019, 3, 20), signed_off_on=D(2019, 8, 1),
                                  published_on=D(2019, 9, 1), **MONTH_ONLY)
    statuses = _statuses(review, world.partnership)
    assert statuses["lcspr-published"] == Status.MET
    assert statuses["public-site"] == Status.MET
    assert statuses["final-report-sent"] == Status.NOT_RECORDED
    assert Status.OVERDUE not in statuses.values()
    # The same review entered as news is overdue: the rule above is what changes it.
    news = make_practice_review(world.partnership, pseudonym="Wren", decided_on=D(2019, 3, 20))
    assert Status.OVERDUE in _statuses(news, world.partnership).values()
    assert {r.reference for r, _ in selectors.open_deadlines(world.partnership)} == {"Wren"}


def test_milestones_of_a_back_entered_review_are_not_overdue(world):
    review = make_practice_review(world.partnership, pseudonym="Heron",
                                  decided_on=D(2019, 3, 20), **HISTORY)
    news = make_practice_review(world.partnership, pseudonym="Wren", decided_on=D(2019, 3, 20))
    for r in (review, news):
        services.milestone_add(actor=system_actor(), review=r, name="Draft report",
                               due_on=D(2019, 9, 1))
    rows = selectors.with_review_deadlines(
        selectors.practice_review_list(PracticeReview.objects.filter(pk__in=[review.pk,
                                                                             news.pk])),
        selectors.rules_for(world.partnership))
    by_name = {r.pseudonym: r for r in rows}
    assert by_name["Heron"].overdue_milestones == []
    assert by_name["Heron"].milestone_list[0].status == Status.NOT_RECORDED
    assert len(by_name["Wren"].overdue_milestones) == 1
    assert Milestone.objects.count() == 2


def test_month_only_needs_recorded_after_the_event_and_saves_nothing(world):
    with pytest.raises(ValidationError) as error:
        services.notify_incident(
            actor=system_actor(), partnership=world.partnership,
            data={"reference": "Child M", "la_aware_on": D(2019, 3, 1),
                  "date_precision": "month"})
    assert "Recorded after the event" in error.value.message_dict["date_precision"][0]
    assert not SeriousIncident.objects.filter(reference="Child M").exists()
    with pytest.raises(ValidationError) as error:
        make_practice_review(world.partnership, pseudonym="Kite", date_precision="month")
    assert "date_precision" in error.value.message_dict
    assert not PracticeReview.objects.filter(pseudonym="Kite").exists()


def test_date_order_still_applies_to_history(world):
    with pytest.raises(ValidationError) as error:
        _history_incident(world.partnership, "Child O", la_aware_on=D(2019, 3, 1),
                          notified_on=D(2019, 2, 1), date_precision="month")
    assert "notified_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_practice_review(world.partnership, pseudonym="Kite", decided_on=D(2019, 3, 20),
                             signed_off_on=D(2019, 1, 1), **MONTH_ONLY)
    assert "signed_off_on" in error.value.message_dict
    assert not SeriousIncident.objects.filter(reference="Child O").exists()
    assert not PracticeReview.objects.filter(pseudonym="Kite").exists()


def test_month_only_dates_read_as_month_and_year(world):
    review = make_practice_review(world.partnership, pseudonym="Heron",
                                  decided_on=D(2019, 3, 1), signed_off_on=D(2020, 1, 1),
                                  published_on=D(2020, 2, 1), **MONTH_ONLY)
    exact = make_practice_review(world.partnership, pseudonym="Wren", decided_on=D(2019, 3, 1),
                                 signed_off_on=D(2020, 1, 1), published_on=D(2020, 2, 3))
    assert review.published_shown == "February 2020 (month only)"
    assert exact.published_shown == "3 February 2020"


# ---- the forms (view level) ----

def _incident_post(**extra):
    return {"reference": "Child F", "la_aware_on": "2019-03-01", "notified_on": "",
            "summary": "Fictional.", **extra}


def test_the_incident_form_offers_the_tick_and_the_precision(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    page = client.get(reverse("reviews:incident_create", kwargs={"slug": "alpha"})).content.decode()
    assert "Recorded after the event" in page
    assert 'name="date_precision"' in page and "The month and year only" in page


def test_the_incident_form_records_history_to_the_month(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.post(reverse("reviews:incident_create", kwargs={"slug": "alpha"}),
                           _incident_post(recorded_after="on", date_precision="month"))
    assert response.status_code == 302
    incident = SeriousIncident.objects.get(reference="Child F")
    assert incident.recorded_after and incident.month_only
    page = client.get(response.url).content.decode()
    assert "March 2019 (month only)" in page
    assert "Not recorded" in page and "Overdue" not in page


def test_the_incident_form_refuses_month_only_without_the_tick(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.post(reverse("reviews:incident_create", kwargs={"slug": "alpha"}),
                           _incident_post(date_precision="month"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dates known to the month only are for records entered after the event" in page
    # The error summary links to the first choice (radios have no label of their own).
    assert 'href="#id_date_precision_0"' in page and 'id="id_date_precision_0"' in page
    assert not SeriousIncident.objects.filter(reference="Child F").exists()


def test_the_incident_form_still_checks_the_date_range_and_order(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reviews:incident_create", kwargs={"slug": "alpha"})
    response = client.post(url, _incident_post(la_aware_on="1999-03-01", recorded_after="on"))
    assert "on or after 1 January 2000" in response.content.decode()
    response = client.post(url, _incident_post(notified_on="2019-02-01", recorded_after="on"))
    assert "cannot be before the date the local authority became aware" in (
        response.content.decode())
    assert not SeriousIncident.objects.filter(reference="Child F").exists()


def test_a_rapid_review_starts_as_history_when_its_incident_is(world, login):
    incident = _history_incident(world.partnership, "Child R", la_aware_on=D(2019, 3, 1),
                                 date_precision="month")
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.get(reverse("reviews:rapid_review_edit",
                                  kwargs={"slug": "alpha", "pk": incident.pk}))
    form = response.context["form"]
    assert form.initial["recorded_after"] is True
    assert form.initial["date_precision"] == "month"


def test_the_practice_review_form_records_a_review_published_years_ago(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.post(reverse("reviews:practice_review_create", kwargs={"slug": "alpha"}),
                           {"pseudonym": "Heron", "kind": "individual",
                            "decided_on": "2018-05-01", "signed_off_on": "2019-01-01",
                            "published_on": "2019-02-01", "recorded_after": "on",
                            "date_precision": "month"})
    assert response.status_code == 302, response.context["form"].errors
    review = PracticeReview.objects.get(pseudonym="Heron")
    assert review.recorded_after and review.month_only
    page = client.get(response.url).content.decode()
    assert "February 2019 (month only)" in page and "Overdue" not in page


# ---- the home page and the reminders ----

def test_history_stays_off_the_home_panel_and_out_of_the_reminders(world, login):
    _history_incident(world.partnership, "Child H", la_aware_on=D(2019, 3, 1))
    make_practice_review(world.partnership, pseudonym="Heron", decided_on=D(2018, 5, 1),
                         signed_off_on=D(2019, 1, 1), published_on=D(2019, 2, 1), **MONTH_ONLY)
    today = D.today()
    bu = world.people[Role.BUSINESS_UNIT]
    bu.email = "business.unit@example.org"  # reminders go to people with an address
    bu.save()
    client = login(world.users[Role.BUSINESS_UNIT])
    home = reverse("core:partnership_home", kwargs={"slug": "alpha"})
    page = client.get(home).content.decode()
    assert "Child H" not in page and "Heron" not in page
    assert "No statutory deadline is overdue" in page
    assert not [r for r in reminders.collect(today) if "Child H" in r.text or "Heron" in r.text]
    # The control: the same incident entered as news raises both alarms.
    make_incident(world.partnership, reference="Child N", la_aware_on=D(2019, 3, 1))
    page = client.get(home).content.decode()
    assert "Child N" in page and "Overdue" in page
    assert [r for r in reminders.collect(today) if r.text.startswith("Child N:")]


# ---- in the browser: the tick, the month-only choice and its error, axe-core ----

@pytest.mark.browser
def test_business_unit_enters_an_old_incident_to_the_month(world, page, browser_login):
    from playwright.sync_api import expect

    from conftest import assert_accessible, expect_error_page

    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto("/p/alpha/reviews/incidents/new/")
    page.get_by_label("Pseudonym or reference").fill("Child Y")
    page.get_by_label("Date the local authority became aware").fill("2019-03-01")
    page.get_by_label("The month and year only").check()
    page.get_by_role("button", name="Save incident").click()
    expect_error_page(page)
    assert_accessible(page)
    page.get_by_role("link", name="Dates known to the month only", exact=False).click()
    expect(page.get_by_label("The exact dates")).to_be_focused()
    page.get_by_label("The month and year only").check()
    page.get_by_label("Recorded after the event").check()
    page.get_by_role("button", name="Save incident").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Child Y"
    expect(page.get_by_text("March 2019 (month only)")).to_be_visible()
    expect(page.get_by_text("Not recorded", exact=True)).to_be_visible()
    assert_accessible(page)
    page.goto("/p/alpha/")
    expect(page.get_by_text("No statutory deadline is overdue", exact=False)).to_be_visible()
    assert not page.console_errors, page.console_errors
