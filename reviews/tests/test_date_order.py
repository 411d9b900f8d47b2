"""Dates that follow one another are refused in the wrong order, with a message naming both
(the rule lives in model.clean, so every route that saves through a service is covered)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import Role
from core.services import system_actor
from governance.models import Meeting, Membership
from learning.models import ChallengeEvent, ImprovementPlan, Inquiry, Source
from reviews import services
from reviews.models import RapidReview

from .factories import make_incident, make_rapid_review

LA_AWARE = datetime.date(2024, 3, 4)
TWO_MONTHS_EARLIER = datetime.date(2024, 1, 4)
BOTH_DATES = ("The date the safeguarding partners became aware (4 January 2024) cannot be "
              "before the date the local authority became aware (4 March 2024).")


def test_partners_cannot_become_aware_before_the_local_authority(world):
    incident = make_incident(world.partnership, la_aware_on=LA_AWARE)
    with pytest.raises(ValidationError) as error:
        make_rapid_review(incident, partners_aware_on=TWO_MONTHS_EARLIER)
    assert error.value.message_dict["partners_aware_on"] == [BOTH_DATES]
    assert not RapidReview.objects.filter(incident=incident).exists()
    # The same day, or later, is fine: the deadline runs from it.
    assert make_rapid_review(incident, partners_aware_on=LA_AWARE).partners_aware_on == LA_AWARE


def test_the_rapid_review_form_shows_both_dates(world, login):
    incident = make_incident(world.partnership, la_aware_on=LA_AWARE)
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.post(reverse("reviews:rapid_review_edit",
                                   kwargs={"slug": "alpha", "pk": incident.pk}),
                           {"partners_aware_on": TWO_MONTHS_EARLIER.isoformat(),
                            "local_review": "", "national_review_suggested": "", "version": 0})
    assert response.status_code == 200
    assert BOTH_DATES in response.content.decode()
    assert not RapidReview.objects.filter(incident=incident).exists()


def test_the_incident_cannot_move_after_its_rapid_review(world):
    incident = make_incident(world.partnership, la_aware_on=TWO_MONTHS_EARLIER)
    make_rapid_review(incident, partners_aware_on=TWO_MONTHS_EARLIER)
    with pytest.raises(ValidationError) as error:
        services.update_incident(actor=system_actor(), incident=incident,
                                 **{"la_aware_on": LA_AWARE},
                                 expected_version=incident.version)
    assert "4 January 2024" in error.value.message_dict["la_aware_on"][0]
    assert "4 March 2024" in error.value.message_dict["la_aware_on"][0]


def test_a_meeting_cannot_end_before_it_starts_and_the_message_names_both(world):
    meeting = world.objects["meeting"]
    meeting.ends_at = meeting.starts_at - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    message = error.value.message_dict["ends_at"][0]
    assert message.startswith("The meeting must end after it starts")
    starts = timezone.localtime(meeting.starts_at)
    assert f"{starts:%B %Y, %H:%M}" in message
    assert Meeting.objects.get(pk=meeting.pk).ends_at > meeting.starts_at


@pytest.mark.parametrize(("make", "field", "words"), [
    (lambda w: Membership(group=w.groups["subgroup"], person=w.people[Role.SCRUTINEER],
                          started_on=datetime.date(2024, 5, 1),
                          ended_on=datetime.date(2024, 4, 1)),
     "ended_on", ("1 April 2024", "1 May 2024")),
    (lambda w: ImprovementPlan(partnership=w.partnership, source=Source.objects.create(
        kind=Source.Kind.MEETING, title="Plan"), title="Neglect plan",
        starts_on=datetime.date(2024, 6, 1), ends_on=datetime.date(2024, 2, 1)),
     "ends_on", ("1 February 2024", "1 June 2024")),
    (lambda w: Inquiry(partnership=w.partnership, source=Source.objects.create(
        kind=Source.Kind.MEETING, title="KLOE"), kind="kloe", title="KLOE",
        commissioned_on=datetime.date(2024, 6, 1), reported_on=datetime.date(2024, 5, 1)),
     "reported_on", ("1 May 2024", "1 June 2024")),
    (lambda w: ChallengeEvent(partnership=w.partnership, source=Source.objects.create(
        kind=Source.Kind.MEETING, title="Challenge"),
        challenged_source=w.objects["meeting"].source, title="Challenge",
        questions_sent_on=datetime.date(2024, 6, 1), held_on=datetime.date(2024, 5, 1)),
     "held_on", ("1 May 2024", "1 June 2024")),
])
def test_learning_and_governance_dates_in_the_wrong_order_are_refused(world, make, field,
                                                                      words):
    record = make(world)
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    message = error.value.message_dict[field][0]
    assert "cannot be before" in message and all(w in message for w in words)
