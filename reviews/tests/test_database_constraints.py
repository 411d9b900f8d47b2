"""The database itself refuses a clashing name or dates out of order on a review, even when
clean() is skipped (a bulk update, the shell, a future import)."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from reviews import models
from reviews.models import PracticeReview, RapidReview, SeriousIncident
from reviews.tests.factories import make_incident, make_practice_review, make_rapid_review

D = datetime.date


def _refused(queryset, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**values)


def test_references_and_pseudonyms_are_unique_whatever_the_case(world):
    incident = make_incident(world.partnership, reference="Child K")
    review = make_practice_review(world.partnership, pseudonym="Kestrel")
    with pytest.raises(IntegrityError), transaction.atomic():
        SeriousIncident.objects.create(partnership=world.partnership, reference="CHILD K",
                                       la_aware_on=D(2024, 1, 1), source=incident.source)
    other = make_practice_review(world.partnership, pseudonym="Kingfisher")
    _refused(PracticeReview.objects.filter(pk=other.pk), pseudonym="kestrel")
    # Another partnership may use the same name.
    assert make_practice_review(world.other, pseudonym="KESTREL").pk != review.pk


def test_an_incident_cannot_be_notified_before_the_council_knew(world):
    incident = make_incident(world.partnership, la_aware_on=D(2024, 3, 10))
    _refused(SeriousIncident.objects.filter(pk=incident.pk), notified_on=D(2024, 3, 9))


def test_a_rapid_review_cannot_be_sent_or_decided_before_the_partners_knew(world):
    incident = make_incident(world.partnership, la_aware_on=D(2024, 3, 10))
    rapid = make_rapid_review(incident, partners_aware_on=D(2024, 3, 11))
    _refused(RapidReview.objects.filter(pk=rapid.pk), sent_on=D(2024, 3, 10))
    _refused(RapidReview.objects.filter(pk=rapid.pk), decided_on=D(2024, 3, 10))


def test_the_database_keeps_every_date_order_clean_keeps(world):
    assert models.PRACTICE_REVIEW_DATE_ORDER == [
        (later, earlier) for later, earlier, _ in PracticeReview.DATE_ORDER]
    review = make_practice_review(world.partnership, pseudonym="Heron",
                                  decided_on=D(2024, 1, 10))
    day = D(2024, 6, 1)
    dates = dict.fromkeys(["reviewer_approved_on", "draft_received_on", "signed_off_on",
                           "sent_to_panel_on", "published_on", "removed_on"], day)
    PracticeReview.objects.filter(pk=review.pk).update(**dates)
    for later, earlier in models.PRACTICE_REVIEW_DATE_ORDER:
        if earlier == "decided_on":
            _refused(PracticeReview.objects.filter(pk=review.pk), **{later: D(2024, 1, 9)})
        else:
            _refused(PracticeReview.objects.filter(pk=review.pk),
                     **{later: day - datetime.timedelta(days=1)})


def test_a_briefing_is_a_file_or_a_link_not_both(world):
    review = make_practice_review(world.partnership, pseudonym="Wren")
    _refused(PracticeReview.objects.filter(pk=review.pk), briefing_file="briefings/w.pdf",
             briefing_url="https://example.org/w")
