import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent, Role
from core.services import ConcurrentEditError, system_actor
from core.tests.factories import OrganisationFactory
from governance.models import Decision
from governance.tests.helpers import make_meeting
from learning import services
from learning.models import Action, ActionUpdate


def _due(days=30):
    return timezone.localdate() + datetime.timedelta(days=days)


def test_an_action_set_at_a_meeting_joins_the_action_plan_with_its_decision(world):
    meeting = world.objects["meeting"]
    decision = Decision.objects.create(meeting=meeting, text="Refresh the toolkit")
    action = services.action_create(
        actor=world.users[Role.GROUP_CHAIR], partnership=world.partnership,
        source=meeting.source, title="  Update the neglect toolkit  ", due_date=_due(),
        owner_organisation=world.orgs["school"], owner_person=world.people[Role.AGENCY_LEAD],
        decision=decision,
    )
    action.refresh_from_db()
    assert action.title == "Update the neglect toolkit"
    assert action.partnership == world.partnership and action.decision == decision
    assert AuditEvent.objects.filter(model="learning.Action", object_id=str(action.pk),
                                     action="create").exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": " "}, "title", "Enter what the action is"),
        ({"due_date": None}, "due_date", "Enter the date the action is due"),
        ({"owner_organisation": None, "owner_person": None}, "owner_organisation",
         "Choose the organisation or the person who owns the action."),
    ],
)
def test_bad_action_input_is_refused_with_a_clear_message_and_nothing_saved(
    world, changes, field, message
):
    before = Action.objects.count()
    data = {"title": "Audit neglect cases", "due_date": _due(),
            "owner_organisation": world.orgs["police"], **changes}
    with pytest.raises(ValidationError) as error:
        services.action_create(actor=world.users[Role.BUSINESS_UNIT],
                               partnership=world.partnership,
                               source=world.objects["meeting"].source, **data)
    assert error.value.message_dict[field] == [message]
    assert Action.objects.count() == before


def test_an_action_cannot_be_owned_by_an_organisation_outside_the_partnership(world):
    with pytest.raises(ValidationError) as error:
        services.action_create(actor=world.users[Role.BUSINESS_UNIT],
                               partnership=world.partnership,
                               source=world.objects["meeting"].source, title="X",
                               due_date=_due(), owner_organisation=OrganisationFactory())
    assert "belongs to this partnership" in error.value.message_dict["owner_organisation"][0]


def test_an_action_cannot_come_from_another_partnerships_source(world):
    # Alpha's business unit does not run Beta's meeting: the policy layer refuses first.
    with pytest.raises(PermissionDenied):
        services.action_create(actor=world.users[Role.BUSINESS_UNIT],
                               partnership=world.partnership,
                               source=world.objects["beta_meeting"].source, title="X",
                               due_date=_due(), owner_organisation=world.orgs["police"])
    # Even an actor allowed everything cannot mix partnerships.
    with pytest.raises(ValidationError, match="does not belong to this partnership"):
        services.action_create(actor=system_actor(), partnership=world.partnership,
                               source=world.objects["beta_meeting"].source, title="X",
                               due_date=_due(), owner_organisation=world.orgs["police"])


def test_the_second_of_two_concurrent_editors_is_refused_and_nothing_is_overwritten(world):
    action_id = world.objects["action"].pk
    # Both open the edit page at the same version.
    first_copy, second_copy = Action.objects.get(pk=action_id), Action.objects.get(pk=action_id)
    opened = first_copy.version

    services.action_update(actor=world.users[Role.BUSINESS_UNIT], action=first_copy,
                           data={"status": "in_progress", "detail": "Started the refresh"},
                           expected_version=opened)
    with pytest.raises(ConcurrentEditError):
        services.action_update(actor=world.users[Role.GROUP_MEMBER], action=second_copy,
                               data={"status": "dropped", "detail": "Not needed",
                                     "due_date": _due(90)},
                               expected_version=opened)

    saved = Action.objects.get(pk=action_id)
    assert (saved.status, saved.detail, saved.version) == ("in_progress", "Started the refresh",
                                                           opened + 1)
    assert saved.due_date == world.objects["action"].due_date
    assert AuditEvent.objects.filter(model="learning.Action", action="change").count() == 1


def test_completing_an_action_records_when_and_reopening_clears_it(world):
    action = world.objects["action"]
    services.action_update(actor=world.users[Role.GROUP_MEMBER], action=action,
                           data={"status": "completed"}, expected_version=action.version)
    action.refresh_from_db()
    assert action.completed_on == timezone.localdate()
    services.action_update(actor=world.users[Role.GROUP_MEMBER], action=action,
                           data={"status": "in_progress"}, expected_version=action.version)
    action.refresh_from_db()
    assert action.completed_on is None


def test_only_the_business_unit_signs_off_an_action(world):
    action = world.objects["action"]
    with pytest.raises(ValidationError, match="Only the business unit can sign off"):
        services.action_update(actor=world.users[Role.GROUP_CHAIR], action=action,
                               data={"status": "signed_off"}, expected_version=action.version)
    action.refresh_from_db()
    assert action.status == "not_started"
    services.action_update(actor=world.users[Role.BUSINESS_UNIT], action=action,
                           data={"status": "signed_off"}, expected_version=action.version)
    action.refresh_from_db()
    assert action.status == "signed_off"


def test_someone_who_may_not_change_an_action_is_refused(world):
    action = world.objects["action"]
    with pytest.raises(PermissionDenied):
        services.action_update(actor=world.users[Role.SCRUTINEER], action=action,
                               data={"status": "dropped"}, expected_version=action.version)
    with pytest.raises(PermissionDenied):
        services.action_update_add(actor=world.users[Role.PRACTITIONER], action=action,
                                   text="Done")
    action.refresh_from_db()
    assert action.status == "not_started" and not action.updates.exists()


def test_an_update_note_needs_text_and_saves_nothing_without_it(world):
    action = world.objects["action"]
    with pytest.raises(ValidationError) as error:
        services.action_update_add(actor=world.users[Role.AGENCY_LEAD], action=action,
                                   text="  ", status="completed")
    assert error.value.message_dict["text"] == ["Enter what has happened on this action"]
    action.refresh_from_db()
    assert action.status == "not_started" and not ActionUpdate.objects.exists()


def test_an_update_note_can_move_the_status_on_and_keeps_the_history(world):
    action = world.objects["action"]
    update = services.action_update_add(actor=world.users[Role.AGENCY_LEAD], action=action,
                                        text="Toolkit drafted", status="in_progress",
                                        expected_version=action.version)
    action.refresh_from_db()
    assert action.status == "in_progress"
    assert (update.status_before, update.status_after, update.author) == (
        "not_started", "in_progress", world.users[Role.AGENCY_LEAD])


def test_a_stale_update_note_with_a_status_change_saves_neither(world):
    action = world.objects["action"]
    stale = action.version
    services.action_update(actor=world.users[Role.BUSINESS_UNIT], action=action,
                           data={"detail": "Changed by someone else"}, expected_version=stale)
    with pytest.raises(ConcurrentEditError):
        services.action_update_add(actor=world.users[Role.GROUP_MEMBER],
                                   action=Action.objects.get(pk=action.pk), text="Done",
                                   status="completed", expected_version=stale)
    action.refresh_from_db()
    assert action.status == "not_started" and not ActionUpdate.objects.exists()


def test_actions_of_a_meeting_are_in_its_source(world):
    meeting = make_meeting(world.groups["subgroup"], days=3)
    action = services.action_create(actor=world.users[Role.BUSINESS_UNIT],
                                    partnership=world.partnership, source=meeting.source,
                                    title="T", due_date=_due(),
                                    owner_person=world.people[Role.GROUP_MEMBER])
    assert list(meeting.source.actions.all()) == [action]
