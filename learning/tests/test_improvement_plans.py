"""Improvement plans: objective → action → intended outcome and impact measure → milestones
with status and evidence (the SEND improvement plan format of seed 004)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Role
from learning import services
from learning.models import Action, Source

from .factories import improvement_plan


def url(name, **kwargs):
    return reverse(name, kwargs={"slug": "alpha", **kwargs})


def test_a_plan_action_is_in_the_combined_plan_with_its_outcome_and_milestones(world, login):
    plan = improvement_plan(world)
    action = world.objects["plan_action"]
    assert plan.source.kind == Source.Kind.IMPROVEMENT_PLAN and action.source == plan.source
    client = login(world.users[Role.AGENCY_LEAD])
    listing = client.get(url("learning:plan"), {"source_kind": "improvement_plan"})
    assert [a.title for a in listing.context["object_list"]] == ["Report timeliness six-weekly"]
    response = client.post(url("learning:milestone_status", pk=world.objects["milestone"].pk),
                           {"status": "done", "evidence": "", "version": 1})
    assert "Say what shows the milestone is done" in response.content.decode()
    response = client.post(url("learning:milestone_status", pk=world.objects["milestone"].pk),
                           {"status": "done", "evidence": "Report to the strategic group",
                            "version": 1})
    assert response.status_code == 302
    page = login(world.users[Role.GROUP_MEMBER]).get(
        url("learning:improvement_plan_detail", pk=plan.pk)).content.decode()
    assert "Delays are seen and acted on" in page and "Report to the strategic group" in page


def test_a_plan_action_needs_its_intended_outcome(world):
    improvement_plan(world)
    with pytest.raises(ValidationError) as error:
        services.plan_action_add(actor=world.users[Role.BUSINESS_UNIT],
                                 objective=world.objects["objective"], title="X",
                                 due_date=timezone.localdate(), intended_outcome=" ",
                                 owner_organisation=world.orgs["school"])
    assert error.value.message_dict == {"intended_outcome": ["Enter the outcome the action "
                                                             "intends"]}
    assert Action.objects.filter(title="X").count() == 0


def test_the_plan_page_runs_fixed_queries(world, login):
    plan = improvement_plan(world)
    client = login(world.users[Role.BUSINESS_UNIT])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("learning:improvement_plan_detail",
                                  pk=plan.pk)).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    bu = world.users[Role.BUSINESS_UNIT]
    for i in range(4):
        objective = services.plan_objective_add(actor=bu, plan=plan, text=f"Objective {i}")
        for j in range(3):
            action = services.plan_action_add(
                actor=bu, objective=objective, title=f"Action {i}.{j}",
                due_date=timezone.localdate() + datetime.timedelta(days=j),
                intended_outcome="Better", owner_organisation=world.orgs["police"],
                owner_person=world.people[Role.AGENCY_LEAD])
            services.action_milestone_add(actor=bu, action=action, text="Step")
    assert count() == few
