"""Writes on challenge events: questions, responses and outcome."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.models import AuditEvent, Organisation, Partnership, Person
from core.policy import require
from core.services import audit_record, close_places, model_create, model_update, next_place

from ..models import (
    ChallengeEvent,
    ChallengeQuestion,
    ChallengeResponse,
    Source,
)
from ..sources import source_create
from .actions import _no_personal_data, _source_in

# ---- challenge events ----

def challenge_event_create(*, actor, partnership: Partnership, challenged_source: Source,
                           title: str, held_on=None, questions_sent_on=None,
                           chair: Person | None = None) -> ChallengeEvent:
    """Plan a challenge event on a review's (or audit's) action plan. The event owns its own
    learning source, so the further actions it agrees join the combined plan."""
    require(actor, "learning.manage_challenge_events", partnership)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Enter a title for the challenge event"})
    _source_in(challenged_source, partnership)
    if held_on and questions_sent_on and questions_sent_on > held_on:
        raise ValidationError({"questions_sent_on": "Circulate the questions before the event."})
    _no_personal_data(title=title)
    with transaction.atomic():
        source = source_create(actor=actor, partnership=partnership,
                               kind=Source.Kind.CHALLENGE_EVENT, title=title,
                               themes=challenged_source.themes.all())
        return model_create(
            model_class=ChallengeEvent, actor=actor, partnership=partnership,
            data={"partnership": partnership, "source": source, "title": title,
                  "challenged_source": challenged_source, "held_on": held_on,
                  "questions_sent_on": questions_sent_on, "chair": chair},
        )


def challenge_question_add(*, actor, event: ChallengeEvent, text: str) -> ChallengeQuestion:
    """A question circulated to the agencies before the event."""
    require(actor, "learning.manage_challenge_events", event.partnership)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the question"})
    _no_personal_data(text=text)
    with transaction.atomic():
        question = ChallengeQuestion.objects.create(
            event=event, text=text, order=next_place(event, "questions"))
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=question,
                     partnership=event.partnership, object_repr=f"Question for {event}",
                     changes={"text": text})
    return question


QUESTIONS_CLOSED = ("The panel’s outcome is recorded, so the questions are part of the "
                    "record and can no longer be changed or removed.")


def _question_guard(actor, question: ChallengeQuestion) -> None:
    require(actor, "learning.manage_challenge_events", question.event.partnership)
    if question.event.outcome:
        raise ValidationError(QUESTIONS_CLOSED)


def challenge_question_update(*, actor, question: ChallengeQuestion, text: str,
                              expected_version: int) -> ChallengeQuestion:
    """Reword a question before the event's outcome is recorded; refused (ConcurrentEditError)
    if someone saved it after `expected_version` was read."""
    _question_guard(actor, question)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the question"})
    _no_personal_data(text=text)
    return model_update(instance=question, fields=["text"], data={"text": text}, actor=actor,
                        expected_version=expected_version,
                        partnership=question.event.partnership,
                        object_repr=f"Question for {question.event}")


def challenge_question_remove(*, actor, question: ChallengeQuestion) -> None:
    """Remove a question before the event's outcome is recorded."""
    _question_guard(actor, question)
    with transaction.atomic():
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, obj=question,
                     partnership=question.event.partnership,
                     object_repr=f"Question for {question.event}",
                     changes={"text": question.text, "order": question.order})
        question.delete()
        close_places(question.event.questions.all())


def challenge_response_save(*, actor, event: ChallengeEvent, organisation: Organisation,
                            evidence: str, response: str,
                            expected_version: int | None = None) -> ChallengeResponse:
    """An agency's evidence and answer for the panel (its lead, or the business unit).
    Changing a saved response needs the version the writer saw, so a blank form or a
    stale one never overwrites what someone else wrote."""
    require(actor, "learning.respond_to_challenge", (event, organisation),
            "Only the agency's lead or the business unit can respond.")
    if not organisation.partnerships.filter(pk=event.partnership_id).exists():
        raise ValidationError({"organisation": "Choose an agency in this partnership."})
    evidence, response = (evidence or "").strip(), (response or "").strip()
    if not evidence and not response:
        raise ValidationError({"response": "Enter the agency's evidence or response"})
    _no_personal_data(evidence=evidence, response=response)
    existing = ChallengeResponse.objects.filter(event=event, organisation=organisation).first()
    if existing is not None and expected_version is None:
        raise ValidationError({"organisation": (
            f"{organisation} has already responded. Use “Change” beside that response on the "
            "event’s page, so nothing already written is lost.")})
    with transaction.atomic():
        if existing is None:
            return model_create(model_class=ChallengeResponse, actor=actor,
                                partnership=event.partnership,
                                data={"event": event, "organisation": organisation,
                                      "evidence": evidence, "response": response})
        return model_update(instance=existing, fields=["evidence", "response"],
                            data={"evidence": evidence, "response": response}, actor=actor,
                            expected_version=expected_version, partnership=event.partnership)


def challenge_event_record_outcome(*, actor, event: ChallengeEvent, held_on, outcome: str,
                                   expected_version: int) -> ChallengeEvent:
    """The panel's outcome, recorded after the event."""
    require(actor, "learning.manage_challenge_events", event.partnership)
    outcome = (outcome or "").strip()
    errors = {}
    if held_on is None:
        errors["held_on"] = "Enter the date the event was held"
    elif held_on > timezone.localdate():
        errors["held_on"] = "The event cannot have been held in the future"
    if not outcome:
        errors["outcome"] = "Enter the panel's outcome"
    if errors:
        raise ValidationError(errors)
    _no_personal_data(outcome=outcome)
    return model_update(instance=event, fields=["held_on", "outcome"],
                        data={"held_on": held_on, "outcome": outcome}, actor=actor,
                        expected_version=expected_version, partnership=event.partnership)
