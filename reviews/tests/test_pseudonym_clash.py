"""A practice review named like an existing one: the message suggests adding the year."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from core.models import Role
from reviews import services
from reviews.models import PracticeReview
from reviews.tests.factories import make_practice_review

D = datetime.date


def _new(world, pseudonym):
    return services.practice_review_create(
        actor=world.users[Role.BUSINESS_UNIT], partnership=world.partnership,
        data={"pseudonym": pseudonym, "kind": "individual", "decided_on": D(2024, 2, 5)})


def test_a_name_clash_suggests_the_year_of_the_new_review_and_saves_nothing(world):
    make_practice_review(world.partnership, pseudonym="Liam", decided_on=D(2019, 5, 1))
    with pytest.raises(ValidationError) as error:
        _new(world, "liam")
    message = " ".join(error.value.message_dict["pseudonym"])
    assert "There is already a review called “liam”" in message
    assert "for example “liam (2024)”" in message
    assert PracticeReview.objects.filter(partnership=world.partnership).count() == 1
    assert _new(world, "Liam (2024)").pseudonym == "Liam (2024)"


def test_when_the_suggestion_is_taken_too_it_asks_for_another_name(world):
    make_practice_review(world.partnership, pseudonym="Liam", decided_on=D(2019, 5, 1))
    make_practice_review(world.partnership, pseudonym="Liam (2024)", decided_on=D(2024, 1, 5))
    with pytest.raises(ValidationError, match="Choose another pseudonym"):
        _new(world, "Liam")
