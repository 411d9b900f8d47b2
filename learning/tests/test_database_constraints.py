"""The database itself refuses evidence without exactly one of file and link, and a plan
that ends before it starts, even when the services' checks are skipped."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from learning.models import Evidence, ImprovementPlan, Source
from learning.tests.factories import improvement_plan


@pytest.mark.parametrize("file, url", [("", ""), ("evidence/2024/a.pdf", "https://example.org")])
def test_evidence_needs_a_file_or_a_link_but_not_both(world, file, url):
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(action=world.objects["action"], description="Audit",
                                file=file, url=url)


def test_evidence_with_a_file_or_a_link_is_kept(world):
    action = world.objects["action"]
    Evidence.objects.create(action=action, description="Link", url="https://example.org")
    Evidence.objects.create(action=action, description="File", file="evidence/2024/a.pdf")
    assert action.evidence.count() == 2


def test_a_plan_cannot_end_before_it_starts(world):
    plan = improvement_plan(world)
    plans = ImprovementPlan.objects.filter(pk=plan.pk)
    plans.update(starts_on=datetime.date(2024, 4, 1), ends_on=datetime.date(2024, 4, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        plans.update(ends_on=datetime.date(2024, 3, 31))


def test_sources_are_indexed_by_kind(db):
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Source._meta.db_table)
    assert any(c["index"] and c["columns"] == ["kind"] for c in found.values())


def test_questions_keep_one_place_each_after_a_removal(world):
    """count + 1 used to give the next question the place of the last one after a removal;
    now places close up on removal, the next goes last, and the database refuses a shared
    place."""
    from core.models import Role
    from learning import services
    from learning.models import ChallengeQuestion
    from learning.tests.factories import challenge_event

    bu = world.users[Role.BUSINESS_UNIT]
    event = challenge_event(world)
    first, second, third = (services.challenge_question_add(actor=bu, event=event, text=t)
                            for t in ("One?", "Two?", "Three?"))
    services.challenge_question_remove(actor=bu, question=second)
    fourth = services.challenge_question_add(actor=bu, event=event, text="Four?")
    assert list(event.questions.values_list("text", "order")) == [
        ("One?", 1), ("Three?", 2), ("Four?", 3)]
    services.challenge_question_remove(actor=bu, question=first)
    assert list(event.questions.values_list("text", "order")) == [("Three?", 1), ("Four?", 2)]
    with pytest.raises(IntegrityError), transaction.atomic():
        ChallengeQuestion.objects.filter(pk=fourth.pk).update(order=1)
    assert third.pk in event.questions.values_list("pk", flat=True)


def test_objectives_take_the_next_free_place_and_never_share_one(world):
    from core.models import Role
    from learning import services
    from learning.models import PlanObjective

    plan = improvement_plan(world)
    # A gap (from data entered before places were kept in order) is not reused.
    plan.objectives.update(order=5)
    added = services.plan_objective_add(actor=world.users[Role.BUSINESS_UNIT], plan=plan,
                                        text="Every audit reported in 8 weeks")
    assert added.order == 6
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanObjective.objects.filter(pk=added.pk).update(order=5)


@pytest.mark.parametrize("model_name, later, earlier", [
    ("ChallengeEvent", "held_on", "questions_sent_on"),
    ("Inquiry", "reported_on", "commissioned_on"),
    ("Action", "signed_off_on", "completed_on"),
])
def test_a_later_date_cannot_come_before_the_earlier_one(world, model_name, later, earlier):
    """Each pair of dates that clean() keeps in order is kept in order by the database too:
    the same day is fine, the day before is refused."""
    from learning import models
    from learning.tests.factories import challenge_event, inquiry

    record = {"ChallengeEvent": challenge_event, "Inquiry": inquiry,
              "Action": lambda w: w.objects["action"]}[model_name](world)
    rows = getattr(models, model_name).objects.filter(pk=record.pk)
    day = datetime.date(2024, 6, 3)
    rows.update(**{earlier: day, later: day})
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(**{later: day - datetime.timedelta(days=1)})
    rows.update(**{later: None})  # either date may be unknown
