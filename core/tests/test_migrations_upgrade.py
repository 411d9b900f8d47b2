"""The database constraints release applied to a database made by the previous release:
rows that release allowed are brought into line, none is lost, and the rules then hold."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# The leaf migrations of the release before the database constraints.
PREVIOUS = [
    ("core", "0005_area_kind_and_population_checks"),
    ("governance", "0003_group_dates_and_version"),
    ("learning", "0005_version_on_challenge_questions_and_action_milestones"),
    ("reviews", "0005_back_entered_history"),
    ("reports", "0008_priority_measures_interventions_and_unique_order"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def previous_release(transactional_db):
    apps = _migrate(PREVIOUS)
    yield apps
    # Leave the database as every other test expects it: fully migrated.
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_upgrade_gives_meetings_sources_renumbers_agendas_and_tells_apart_pseudonyms(
        previous_release):
    apps = previous_release
    Partnership = apps.get_model("core", "Partnership")
    Group = apps.get_model("governance", "Group")
    Meeting = apps.get_model("governance", "Meeting")
    AgendaItem = apps.get_model("governance", "AgendaItem")
    Source = apps.get_model("learning", "Source")
    SeriousIncident = apps.get_model("reviews", "SeriousIncident")
    PracticeReview = apps.get_model("reviews", "PracticeReview")

    alpha = Partnership.objects.create(slug="alpha", name="Alpha")
    group = Group.objects.create(name="Executive", kind="executive")
    group.partnerships.add(alpha)
    start = timezone.make_aware(datetime.datetime(2024, 3, 5, 10))
    # The previous release let a meeting exist without its learning source.
    orphan = Meeting.objects.create(group=group, title="Executive", starts_at=start,
                                    ends_at=start + datetime.timedelta(hours=2))
    first = AgendaItem.objects.create(meeting=orphan, order=1, title="Welcome")
    second = AgendaItem.objects.create(meeting=orphan, order=1, title="Minutes")
    third = AgendaItem.objects.create(meeting=orphan, order=2, title="Finance")
    for reference in ("Child K", "child k"):
        SeriousIncident.objects.create(
            partnership=alpha, reference=reference, la_aware_on=datetime.date(2024, 1, 2),
            source=Source.objects.create(kind="rapid_review", title=reference))
    PracticeReview.objects.create(partnership=alpha, pseudonym="Kestrel",
                                  source=Source.objects.create(kind="practice_review",
                                                               title="Kestrel"))
    PracticeReview.objects.create(partnership=alpha, pseudonym="KESTREL",
                                  source=Source.objects.create(kind="practice_review",
                                                               title="KESTREL"))

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from governance.models import AgendaItem as NewAgendaItem
    from governance.models import Meeting as NewMeeting
    from reviews.models import PracticeReview as NewReview
    from reviews.models import SeriousIncident as NewIncident

    meeting = NewMeeting.objects.get(pk=orphan.pk)
    assert meeting.source.kind == "meeting"
    assert meeting.source.title == "Executive (05 Mar 2024)"
    assert list(meeting.source.partnerships.values_list("slug", flat=True)) == ["alpha"]
    # Same items, in the order they had (ties by entry), each in its own place.
    assert [(i.pk, i.order) for i in NewAgendaItem.objects.filter(meeting=meeting)] == [
        (first.pk, 1), (second.pk, 2), (third.pk, 3)]
    assert sorted(NewIncident.objects.values_list("reference", flat=True)) == [
        "Child K", "child k (2)"]
    assert sorted(NewReview.objects.values_list("pseudonym", flat=True)) == [
        "KESTREL (2)", "Kestrel"]

    # The rules now hold in the database itself.
    incident = NewIncident.objects.get(reference="Child K")
    with pytest.raises(IntegrityError), transaction.atomic():
        NewIncident.objects.create(partnership=incident.partnership, reference="CHILD K",
                                   la_aware_on=datetime.date(2024, 1, 2),
                                   source=incident.source.__class__.objects.create(
                                       kind="rapid_review", title="dup"))
    with pytest.raises(IntegrityError), transaction.atomic():
        NewMeeting.objects.filter(pk=meeting.pk).update(source=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        NewAgendaItem.objects.filter(pk=third.pk).update(order=1)


# The leaf migrations of the release before questions and objectives kept unique places.
BEFORE_UNIQUE_PLACES = [("learning", "0007_recommendation_smart_is_computed")]


def test_upgrade_gives_questions_and_objectives_one_place_each(transactional_db):
    """count + 1 could give two questions one place (remove one, add one); the upgrade
    renumbers them in the order they were shown, keeps every row, then the place is unique."""
    apps = _migrate(BEFORE_UNIQUE_PLACES)
    Partnership = apps.get_model("core", "Partnership")
    Source = apps.get_model("learning", "Source")
    ChallengeEvent = apps.get_model("learning", "ChallengeEvent")
    ChallengeQuestion = apps.get_model("learning", "ChallengeQuestion")
    ImprovementPlan = apps.get_model("learning", "ImprovementPlan")
    PlanObjective = apps.get_model("learning", "PlanObjective")
    alpha = Partnership.objects.create(slug="alpha", name="Alpha")
    audit = Source.objects.create(kind="audit", title="Neglect audit")
    event = ChallengeEvent.objects.create(
        partnership=alpha, title="Challenge", challenged_source=audit,
        source=Source.objects.create(kind="challenge_event", title="Challenge"))
    questions = [ChallengeQuestion.objects.create(event=event, text=t, order=o)
                 for t, o in (("One?", 1), ("Three?", 3), ("Four?", 3))]
    plan = ImprovementPlan.objects.create(
        partnership=alpha, title="SEND",
        source=Source.objects.create(kind="improvement_plan", title="SEND"))
    objectives = [PlanObjective.objects.create(plan=plan, text=t, order=o)
                  for t, o in (("B", 2), ("A", 2))]

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from learning.models import ChallengeQuestion as NewQuestion
    from learning.models import PlanObjective as NewObjective

    assert list(NewQuestion.objects.filter(event_id=event.pk).values_list("pk", "order")) == [
        (questions[0].pk, 1), (questions[1].pk, 2), (questions[2].pk, 3)]
    assert list(NewObjective.objects.filter(plan_id=plan.pk).values_list("pk", "order")) == [
        (objectives[0].pk, 1), (objectives[1].pk, 2)]
    with pytest.raises(IntegrityError), transaction.atomic():
        NewQuestion.objects.filter(pk=questions[2].pk).update(order=1)
