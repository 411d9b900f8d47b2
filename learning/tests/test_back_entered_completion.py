"""History entered after the event: an action finished years ago keeps the date it was
finished (so the yearly report of that year counts it), rather than today's."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.services import system_actor
from learning import services
from learning.models import Action


def _open_action(world):
    action = world.objects["action"]
    action.refresh_from_db()
    return action


def test_a_completion_date_given_is_kept(world):
    action = _open_action(world)
    saved = services.action_update(
        actor=system_actor(), action=action,
        data={"status": Action.Status.COMPLETED, "completed_on": datetime.date(2021, 7, 1)},
        expected_version=action.version)
    assert saved.completed_on == datetime.date(2021, 7, 1)


def test_without_a_date_completion_is_today(world):
    action = _open_action(world)
    saved = services.action_update(actor=system_actor(), action=action,
                                   data={"status": Action.Status.COMPLETED},
                                   expected_version=action.version)
    assert saved.completed_on == timezone.localdate()


def test_a_completion_date_in_the_future_is_refused_and_nothing_saved(world):
    action = _open_action(world)
    with pytest.raises(ValidationError) as error:
        services.action_update(
            actor=system_actor(), action=action,
            data={"status": Action.Status.COMPLETED,
                  "completed_on": timezone.localdate() + datetime.timedelta(days=3)},
            expected_version=action.version)
    assert "cannot be in the future" in error.value.message_dict["completed_on"][0]
    action.refresh_from_db()
    assert action.status != Action.Status.COMPLETED and action.completed_on is None
