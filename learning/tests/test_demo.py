import pytest
from django.utils import timezone

from core.demo import loader
from learning.models import Action, Evidence, Finding, Recommendation


@pytest.mark.django_db
def test_the_demo_has_a_learning_plan_at_every_stage_and_loads_once():
    loader.load()
    counts = (Finding.objects.count(), Recommendation.objects.count(),
              Action.objects.exclude(recommendation=None).count(), Evidence.objects.count())
    loader.load()
    assert (Finding.objects.count(), Recommendation.objects.count(),
            Action.objects.exclude(recommendation=None).count(),
            Evidence.objects.count()) == counts
    plan = Action.objects.exclude(recommendation=None)
    assert {"signed_off", "completed", "in_progress", "not_started"} <= set(
        plan.values_list("status", flat=True))
    assert plan.filter(status="not_started", due_date__lt=timezone.localdate()).exists()
    assert all(a.evidence.exists() for a in plan.filter(status="signed_off"))
    assert any(not rec.is_smart for rec in Recommendation.objects.all())
    assert set(Finding.objects.filter(source__kind="practice_review")
               .values_list("partnership__slug", flat=True)) == {"hsscp", "stscp"}
    from learning.models import ChallengeEvent

    assert ChallengeEvent.objects.filter(title="CSPR Kingfisher action plan challenge",
                                         outcome__contains="escalation").count() == 1
    assert ChallengeEvent.objects.count() == 2
    from learning.models import Inquiry

    assert Inquiry.objects.filter(kind="kloe").count() == 2
    assert Inquiry.objects.filter(kind="active_learning", source__findings__isnull=False).exists()
    from learning.models import DisseminationProduct

    assert DisseminationProduct.objects.filter(partnership__slug="stscp").count() == 3
    from learning.models import ActionMilestone

    assert ActionMilestone.objects.filter(status="at_risk").count() == 1
    # The demo agency lead has actions to add evidence to.
    assert plan.filter(owner_person__user__username="agencylead.hsscp").exists()
