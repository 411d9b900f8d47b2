"""Training's time limits (decision 0017): a place's evaluation is due soon after the session,
its impact follow-up some months later. The rules are core.DeadlineRule rows (defaults in
migration 0002); this module declares the kind and reads a booking's dated events."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from core.deadlines import DeadlineKind, deadlines_from

KIND = "training_place"

DEADLINE_KINDS = [
    DeadlineKind(
        key=KIND, label="Training place", perm="training.manage_programme",
        events={"session_ended": "Session ended", "evaluated": "Evaluation sent",
                "followed_up": "Impact follow-up sent"},
        phrases={"session_ended": "the session ended"}),
]


def _one(booking, name):
    """A booking's evaluation or follow-up, or None (select_related fetched it)."""
    try:
        return getattr(booking, name)
    except ObjectDoesNotExist:
        return None


def _day(value):
    return timezone.localtime(value).date() if value else None


def booking_dates(booking) -> dict:
    """The dated events of an attended place."""
    evaluation, follow_up = _one(booking, "evaluation"), _one(booking, "impact_follow_up")
    return {"session_ended": _day(booking.session.ends_at),
            "evaluated": _day(evaluation and evaluation.created_at),
            "followed_up": _day(follow_up and follow_up.created_at)}


def booking_deadlines(rules, booking, today=None):
    """The evaluation and follow-up deadlines of one attended place."""
    if booking.attendance != "attended":
        return []
    return deadlines_from(rules, KIND, booking_dates(booking), today=today)
