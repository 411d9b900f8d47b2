"""The limits every form and API serializer shares (core.forms.LimitsMixin,
core.serializers.TextLimitsMixin): dates in a sensible range with the reason, free text of a
length a real paper needs, named in the message."""

import datetime

from django import forms
from django.urls import reverse
from django.utils import timezone

from api.tests.helpers import api_client
from core.forms import HubDateField, HubForm, check_date_range
from core.models import Role
from core.services import system_actor
from governance.forms import MeetingEditForm
from governance.models import Meeting
from reports.forms import ActivityForm
from reviews.forms import IncidentForm

TODAY = datetime.date.today()


def _local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def meeting_data(meeting, **changes):
    return {"title": meeting.title, "status": "planned", "starts_at": _local(meeting.starts_at),
            "ends_at": _local(meeting.ends_at), "location": "", "minutes": "",
            "version": meeting.version, **changes}


class PlainForm(HubForm):
    """A form that gives no limits of its own."""

    name = forms.CharField()
    summary = forms.CharField(widget=forms.Textarea)
    description = forms.CharField(widget=forms.Textarea)
    due_on = HubDateField(label="Due date")
    happened_on = HubDateField(label="Date it happened", past_only=True)


# ---- dates ----

def test_a_date_before_2000_is_refused_with_the_reason(db):
    form = IncidentForm(data={"reference": "Kestrel", "la_aware_on": "1999-12-31"})
    assert not form.is_valid()
    assert form.errors["la_aware_on"] == [
        "Enter a date on or after 1 January 2000 for the date the local authority became "
        "aware: the hub holds no records before then."]


def test_a_date_more_than_five_years_ahead_is_refused_with_the_reason(world):
    meeting = world.objects["meeting"]
    far = timezone.localtime(meeting.starts_at).replace(year=TODAY.year + 6)
    form = MeetingEditForm(data=meeting_data(
        meeting, starts_at=far.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(far + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")))
    assert not form.is_valid()
    assert "dates more than 5 years ahead are usually a typing slip" in form.errors["starts_at"][0]


def test_a_date_something_happened_on_cannot_be_in_the_future(db):
    tomorrow = TODAY + datetime.timedelta(days=1)
    form = ActivityForm(data={"happened_on": tomorrow.isoformat(), "kind": "training",
                              "title": "Briefing", "safeguarding_impact": "Better referrals"})
    assert not form.is_valid()
    assert "cannot be in the future" in form.errors["happened_on"][0]
    # A due date may be ahead; a date a thing happened on may be today.
    plain = PlainForm(data={"name": "x", "summary": "x", "description": "x",
                            "due_on": tomorrow.isoformat(), "happened_on": TODAY.isoformat()})
    assert plain.is_valid(), plain.errors


def test_the_range_check_alone():
    check_date_range(datetime.date(2000, 1, 1), label="the date")
    check_date_range(TODAY.replace(year=TODAY.year + 4), label="the date")
    for day, reason in [(datetime.date(1900, 1, 1), "no records before then"),
                        (datetime.date(2205, 1, 1), "typing slip")]:
        try:
            check_date_range(day, label="the date")
        except Exception as error:  # noqa: BLE001 - the message is what is checked
            assert reason in str(error)
        else:
            raise AssertionError(f"{day} was accepted")


# ---- free text ----

def test_free_text_without_a_limit_gets_one_by_kind(db):
    form = PlainForm()
    assert form.fields["name"].max_length == 300
    assert form.fields["summary"].max_length == 20_000
    assert form.fields["description"].max_length == 2_000


def test_an_over_long_title_is_refused_with_the_message(world):
    meeting = world.objects["meeting"]
    form = MeetingEditForm(data=meeting_data(meeting, title="T" * 201))
    assert not form.is_valid()
    assert form.errors["title"] == ["Enter 200 characters or fewer for the title (it has 201)."]


def test_over_long_minutes_are_refused_with_the_message_and_nothing_saved(world, login):
    meeting = world.objects["meeting"]
    client = login(world.users[Role.GROUP_CHAIR])
    response = client.post(reverse("governance:meeting_edit",
                                   kwargs={"slug": "alpha", "pk": meeting.pk}),
                           meeting_data(meeting, minutes="M" * 20_001))
    assert response.status_code == 200
    assert ("Enter 20,000 characters or fewer for the minutes (it has 20001)."
            in response.content.decode())
    assert Meeting.objects.get(pk=meeting.pk).minutes == ""


def test_minutes_of_a_real_paper_length_are_kept(world):
    meeting = world.objects["meeting"]
    form = MeetingEditForm(data=meeting_data(meeting, minutes="M" * 20_000))
    assert form.is_valid(), form.errors


def test_the_api_limits_free_text_too(world):
    from performance import catalogue, services

    services.catalogue_import(actor=system_actor(), rows=catalogue.rows())
    client = api_client(world.users[Role.BUSINESS_UNIT])
    new = {"code": "LONG_ONE", "name": "N" * 201, "definition": "D" * 2_001,
           "section": "safe", "topic": "child_protection", "unit": "count"}
    response = client.post("/api/v1/indicators/", new, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["definition"] == ["Enter 2,000 characters or fewer for the definition."]
    assert body["name"] == ["Enter 200 characters or fewer for the name."]
