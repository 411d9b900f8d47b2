import datetime

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEvent, Role
from core.services import ConcurrentEditError, audit_record, model_update
from learning.models import Action


def test_model_update_saves_changed_fields_bumps_the_version_and_audits(world):
    action = world.objects["action"]
    actor = world.users[Role.BUSINESS_UNIT]
    new_due = action.due_date + datetime.timedelta(days=3)
    model_update(instance=action, fields=["due_date", "title"], data={"due_date": new_due},
                 actor=actor, expected_version=1)
    action.refresh_from_db()
    assert action.due_date == new_due and action.version == 2
    event = AuditEvent.objects.get(action="change", object_id=str(action.pk))
    assert event.actor == actor and event.partnership == world.partnership
    assert event.changes["due_date"]["to"] == str(new_due)


def test_a_stale_version_is_refused_and_nothing_is_overwritten(world):
    first = Action.objects.get(pk=world.objects["action"].pk)
    second = Action.objects.get(pk=world.objects["action"].pk)
    actor = world.users[Role.BUSINESS_UNIT]
    model_update(instance=first, fields=["title"], data={"title": "First editor"}, actor=actor,
                 expected_version=1)
    with pytest.raises(ConcurrentEditError):
        model_update(instance=second, fields=["title"], data={"title": "Second editor"},
                     actor=actor, expected_version=1)
    assert Action.objects.get(pk=first.pk).title == "First editor"
    assert AuditEvent.objects.filter(action="change").count() == 1


def test_invalid_data_is_refused_before_anything_is_written(world):
    action = world.objects["action"]
    with pytest.raises(ValidationError):
        model_update(instance=action, fields=["title"], data={"title": ""},
                     actor=world.users[Role.BUSINESS_UNIT], expected_version=1)
    assert Action.objects.get(pk=action.pk).title == "Refresh the neglect toolkit"
    assert not AuditEvent.objects.filter(action="change").exists()


def test_audit_rows_take_the_partnership_from_the_record(world):
    event = audit_record(actor=world.users[Role.SCRUTINEER], action="view",
                         obj=world.objects["action"])
    assert event.partnership == world.partnership
    assert event.actor_name == "scrutineer"
    assert event.model == "learning.Action"
