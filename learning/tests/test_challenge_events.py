"""Challenge events: questions in advance, agencies' evidence, the panel's outcome and
further actions that join the combined learning action plan through the event's source."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Role
from core.services import ConcurrentEditError
from learning import services
from learning.models import Action, ChallengeResponse, Source

from .factories import challenge_event, make_source

VALID_NHS = "943 476 5919"


def url(name, **kwargs):
    return reverse(name, kwargs={"slug": "alpha", **kwargs})


def test_a_challenge_event_owns_a_source_so_its_further_actions_join_the_plan(world, login):
    event = challenge_event(world)
    assert event.source.kind == Source.Kind.CHALLENGE_EVENT
    assert [t.name for t in event.source.themes.all()] == []
    bu = login(world.users[Role.BUSINESS_UNIT])
    response = bu.post(url("learning:source_action_create", pk=event.source_id), {
        "title": "Embed the escalation process in school training", "detail": "",
        "owner_organisation": world.orgs["school"].pk, "owner_person": "",
        "due_date": (timezone.localdate() + datetime.timedelta(days=60)).isoformat()})
    assert response.status_code == 302
    assert response["Location"] == url("learning:challenge_detail", pk=event.pk)
    plan = bu.get(url("learning:plan"), {"source_kind": "challenge_event"})
    assert [a.title for a in plan.context["object_list"]] == [
        "Embed the escalation process in school training"]


def test_questions_responses_and_outcome_are_recorded_and_guarded(world, login):
    event = challenge_event(world)
    bu, lead = world.users[Role.BUSINESS_UNIT], world.users[Role.AGENCY_LEAD]
    services.challenge_question_add(actor=bu, event=event,
                                    text="How do you know staff use the toolkit?")
    with pytest.raises(PermissionDenied):
        services.challenge_question_add(actor=lead, event=event, text="Mine?")
    with pytest.raises(PermissionDenied):
        services.challenge_response_save(actor=lead, event=event,
                                         organisation=world.orgs["police"], evidence="x",
                                         response="")
    with pytest.raises(ValidationError, match="NHS number"):
        services.challenge_response_save(actor=lead, event=event,
                                         organisation=world.orgs["school"],
                                         evidence=VALID_NHS, response="")
    client = login(lead)
    page = client.get(url("learning:challenge_respond", pk=event.pk))
    assert list(page.context["form"].fields["organisation"].queryset) == [world.orgs["school"]]
    assert "How do you know staff use the toolkit?" in page.content.decode()
    response = client.post(url("learning:challenge_respond", pk=event.pk), {
        "organisation": world.orgs["school"].pk, "evidence": "Audit of 10 records",
        "response": "All staff trained"})
    assert response.status_code == 302
    assert ChallengeResponse.objects.get().evidence == "Audit of 10 records"
    with pytest.raises(ValidationError) as error:
        services.challenge_event_record_outcome(
            actor=bu, event=event, held_on=timezone.localdate() + datetime.timedelta(days=1),
            outcome="", expected_version=event.version)
    assert set(error.value.message_dict) == {"held_on", "outcome"}
    services.challenge_event_record_outcome(
        actor=bu, event=event, held_on=timezone.localdate(),
        outcome="Further work needed on escalation", expected_version=event.version)
    detail = login(world.users[Role.GROUP_MEMBER]).get(url("learning:challenge_detail",
                                                           pk=event.pk)).content.decode()
    assert "Further work needed on escalation" in detail and "Alpha Academy" in detail


def test_a_saved_response_is_changed_only_from_its_own_version(world, login):
    event = challenge_event(world)
    bu, lead = world.users[Role.BUSINESS_UNIT], world.users[Role.AGENCY_LEAD]
    school = world.orgs["school"]
    saved = services.challenge_response_save(actor=lead, event=event, organisation=school,
                                             evidence="Audit of 10 records", response="")
    # A blank form for an agency that has already responded would overwrite it: refused.
    with pytest.raises(ValidationError, match="already responded"):
        services.challenge_response_save(actor=bu, event=event, organisation=school,
                                         evidence="Something else", response="")
    services.challenge_response_save(actor=bu, event=event, organisation=school,
                                     evidence="Audit of 12 records", response="",
                                     expected_version=saved.version)
    with pytest.raises(ConcurrentEditError):
        services.challenge_response_save(actor=lead, event=event, organisation=school,
                                         evidence="Audit of 10 records", response="Stale",
                                         expected_version=saved.version)
    assert ChallengeResponse.objects.get().evidence == "Audit of 12 records"

    client = login(lead)
    detail = client.get(url("learning:challenge_detail", pk=event.pk)).content.decode()
    change = url("learning:challenge_respond", pk=event.pk) + f"?organisation={school.pk}"
    assert f'href="{change}"' in detail
    form = client.get(change).context["form"]
    assert form.fields["organisation"].disabled
    assert form.initial["evidence"] == "Audit of 12 records"
    current = ChallengeResponse.objects.get().version
    # The agency cannot be switched while changing a response: the posted one is ignored.
    response = client.post(change, {"organisation": world.orgs["police"].pk,
                                    "evidence": "Audit of 15 records", "response": "Done",
                                    "version": current})
    assert response.status_code == 302
    saved = ChallengeResponse.objects.get()
    assert (saved.organisation, saved.evidence) == (school, "Audit of 15 records")
    # The plain form, used again for the same agency, is refused with a message.
    response = client.post(url("learning:challenge_respond", pk=event.pk), {
        "organisation": school.pk, "evidence": "Overwrite", "response": ""})
    assert response.status_code == 200 and "already responded" in response.content.decode()
    stale = client.post(change, {"evidence": "Late", "response": "", "version": current})
    assert "Someone else changed this record" in stale.content.decode()
    assert ChallengeResponse.objects.get().evidence == "Audit of 15 records"


def test_the_challenge_event_list_runs_fixed_queries(world, login):
    event = challenge_event(world)
    client = login(world.users[Role.SCRUTINEER])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("learning:challenge_list")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(12):
        services.challenge_event_create(
            actor=world.users[Role.BUSINESS_UNIT], partnership=world.partnership,
            challenged_source=make_source(world.partnership, title=f"Audit {i}"),
            title=f"Challenge {i}")
    assert count() == few
    assert Action.objects.filter(source=event.source).count() == 0
