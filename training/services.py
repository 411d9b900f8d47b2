"""Every write to the training programme.

Services are keyword-only, take the acting user, ask the policy layer first, run in one
transaction and write their audit rows in it. Bad input raises ValidationError naming the
field; nothing is saved.

Places are given out under a lock on the session row (select_for_update), so concurrent
bookings for the last places never overbook: the first to take the lock gets the place, the
rest join the waiting list in the order they took it.
"""

from __future__ import annotations

import datetime
import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from core import policy
from core.dates import long_date
from core.models import AuditEvent, Organisation, Partnership, Person
from core.policy import require
from core.services import audit_record, model_create, model_update
from core.tabular import RowProblem, RowsRejected, whole_number

from .models import (
    Booking,
    Course,
    ELearningCompletion,
    Evaluation,
    Event,
    EventContributor,
    EventRegistration,
    ImpactFollowUp,
    NoShowCharge,
    Session,
)
from .selectors import team_for

COURSE_FIELDS = ["title", "level", "delivery", "audience", "outcomes", "is_active"]
SESSION_FIELDS = ["starts_at", "ends_at", "venue", "link", "capacity", "trainers",
                  "cutoff_hours", "is_cancelled"]
EVENT_FIELDS = ["title", "kind", "starts_at", "venue", "summary"]
# A team booking is a handful of staff; more in one step is a slip.
MAX_TEAM_BOOKING = 30


# ---- the programme -----------------------------------------------------------------------

def course_create(*, actor, partnership: Partnership, data: dict, themes=(),
                  partnerships=()) -> Course:
    """A course of `partnership`'s programme, shared with `partnerships` that run it too."""
    require(actor, "training.manage_programme", partnership)
    shared = {partnership, *partnerships}
    return model_create(model_class=Course, data=data, actor=actor, partnership=partnership,
                        m2m={"partnerships": list(shared), "themes": list(themes)})


def course_update(*, actor, partnership: Partnership, course: Course, data: dict,
                  expected_version: int | None, themes=None) -> Course:
    require(actor, "training.manage_programme", partnership)
    m2m = {"themes": list(themes)} if themes is not None else None
    return model_update(instance=course, fields=COURSE_FIELDS, data=data, actor=actor,
                        expected_version=expected_version, partnership=partnership, m2m=m2m)


def _local(value: datetime.datetime) -> str:
    return long_date(timezone.localtime(value))


def session_create(*, actor, partnership: Partnership, course: Course, data: dict) -> Session:
    require(actor, "training.manage_programme", partnership)
    return model_create(model_class=Session, data={**data, "course": course}, actor=actor,
                        partnership=partnership)


def session_update(*, actor, partnership: Partnership, session: Session, data: dict,
                   expected_version: int | None) -> Session:
    """Change a session. Its places cannot fall below those already booked; more places go
    to the waiting list, first come first served."""
    require(actor, "training.manage_programme", partnership)
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        booked = locked.bookings.filter(status=Booking.Status.BOOKED).count()
        capacity = data.get("capacity", locked.capacity)
        if capacity is not None and capacity < booked:
            raise ValidationError({"capacity": (
                f"The places ({capacity}) cannot be fewer than the {booked} already booked: "
                "cancel bookings first, or keep at least "
                f"{booked} place{'s' if booked != 1 else ''}.")})
        session = model_update(instance=session, fields=SESSION_FIELDS, data=data,
                               actor=actor, expected_version=expected_version,
                               partnership=partnership)
        _offer_free_places(actor, session)
    return session


# ---- booking ----------------------------------------------------------------------------------

def _check_open(session: Session, now=None) -> None:
    now = now or timezone.now()
    if session.is_cancelled:
        raise ValidationError("This session has been cancelled, so it cannot be booked.")
    if now >= session.cutoff:
        raise ValidationError(
            f"Booking for this session closed at {_local(session.cutoff)} "
            f"({session.cutoff_hours} hours before it starts). Choose a later session.")


def _place(actor, partnership, session: Session, person: Person) -> Booking:
    """Give `person` a place or a place on the waiting list. Called with the session row
    locked, inside a transaction."""
    if session.bookings.filter(person=person).exclude(
            status=Booking.Status.CANCELLED).exists():
        raise ValidationError(f"{person.name} is already booked on this session.")
    booked = session.bookings.filter(status=Booking.Status.BOOKED).count()
    has_place = booked < session.capacity
    now = timezone.now()
    return model_create(
        model_class=Booking, actor=actor, partnership=partnership,
        data={"session": session, "person": person, "organisation": person.organisation,
              "partnership": partnership, "booked_by": actor,
              "status": Booking.Status.BOOKED if has_place else Booking.Status.WAITING,
              "placed_at": now if has_place else None})


def book(*, actor, partnership: Partnership, session: Session, person: Person) -> Booking:
    """Book `person` on `session`: a place if one is free, else the waiting list. A learner
    books themselves; the business unit or an agency lead books their staff."""
    own = getattr(getattr(actor, "person", None), "pk", None) == person.pk
    if own:
        require(actor, "training.book", partnership)
    else:
        _team_book_check(actor, partnership, [person])
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        _check_open(locked)
        return _place(actor, partnership, locked, person)


def _team_book_check(actor, partnership, people) -> None:
    require(actor, "training.book_team", partnership)
    allowed = set(team_for(actor, partnership, Person.objects.filter(
        pk__in=[p.pk for p in people])).values_list("pk", flat=True))
    outside = [p.name for p in people if p.pk not in allowed]
    if outside:
        raise PermissionDenied(
            f"You may book only staff of the organisations you lead; not {', '.join(outside)}.")


def team_book(*, actor, partnership: Partnership, session: Session, people) -> list[Booking]:
    """Book several staff in one step, all or none: places while they last, then the
    waiting list, in the order given."""
    people = list(people)
    _team_book_check(actor, partnership, people)
    if not people:
        raise ValidationError({"people": "Choose at least one person to book."})
    if len(people) > MAX_TEAM_BOOKING:
        raise ValidationError({"people": f"Book at most {MAX_TEAM_BOOKING} people at once."})
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        _check_open(locked)
        already = set(locked.bookings.filter(person__in=people).exclude(
            status=Booking.Status.CANCELLED).values_list("person__name", flat=True))
        if already:
            raise ValidationError({"people": (
                f"Already booked on this session: {', '.join(sorted(already))}. "
                "Untick them and book again.")})
        return [_place(actor, partnership, locked, person) for person in people]


def _notify_place(booking: Booking) -> None:
    email = booking.person.email
    if not email:
        return
    session = booking.session
    send_mail(
        subject=f"A place has come free: {session.course.title}",
        message=(f"A place on {session.course.title} on {_local(session.starts_at)} has come "
                 "free and is now yours. If you can no longer come, cancel it in the hub so "
                 "the next person on the waiting list can have it."),
        from_email=None, recipient_list=[email], fail_silently=True)


def _offer_free_places(actor, session: Session) -> list[Booking]:
    """Give free places to the waiting list in the order it joined (session row locked)."""
    booked = session.bookings.filter(status=Booking.Status.BOOKED).count()
    free = session.capacity - booked
    if free <= 0 or timezone.now() >= session.starts_at:
        return []
    promoted = list(session.bookings.filter(status=Booking.Status.WAITING)
                    .select_related("person", "session__course")
                    .order_by("created_at", "pk")[:free])
    now = timezone.now()
    for booking in promoted:
        model_update(instance=booking, fields=["status", "placed_at"], actor=actor,
                     data={"status": Booking.Status.BOOKED, "placed_at": now},
                     partnership=booking.partnership)
        transaction.on_commit(functools.partial(_notify_place, booking))
    return promoted


def booking_cancel(*, actor, booking: Booking) -> Booking:
    """Cancel a place or a place on the waiting list. The learner may cancel up to the
    session's cut-off; the business unit at any time. A freed place goes to the first on
    the waiting list."""
    require(actor, "training.change_booking", booking)
    with transaction.atomic():
        session = Session.objects.select_for_update().select_related("course").get(
            pk=booking.session_id)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CANCELLED:
            raise ValidationError("This booking is already cancelled.")
        runs = actor.has_perm("training.manage_programme", booking.partnership)
        if not runs and timezone.now() >= session.cutoff:
            raise ValidationError(
                f"Cancellations closed at {_local(session.cutoff)} ({session.cutoff_hours} "
                "hours before the session). Ask the training team to cancel it for you.")
        model_update(instance=booking, fields=["status", "cancelled_at"], actor=actor,
                     data={"status": Booking.Status.CANCELLED, "cancelled_at": timezone.now()},
                     partnership=booking.partnership)
        _offer_free_places(actor, session)
    return booking


def attendance_record(*, actor, partnership: Partnership, session: Session,
                      marks: dict[int, str]) -> int:
    """Take the register: {booking id: attended / no_show / ""}. Returns how many changed."""
    require(actor, "training.manage_programme", partnership)
    if session.starts_at > timezone.now():
        raise ValidationError(
            f"The register opens when the session starts ({_local(session.starts_at)}).")
    valid = {c for c, _ in Booking.Attendance.choices}
    bad = [v for v in marks.values() if v not in valid]
    if bad:
        raise ValidationError(f"Attendance is attended, did not attend or not yet taken; "
                              f"not {bad[0]!r}.")
    changed = 0
    with transaction.atomic():
        bookings = session.bookings.filter(pk__in=list(marks), status=Booking.Status.BOOKED)
        for booking in bookings.select_for_update():
            if booking.attendance != marks[booking.pk]:
                model_update(instance=booking, fields=["attendance"], actor=actor,
                             data={"attendance": marks[booking.pk]}, partnership=partnership)
                changed += 1
    return changed


# ---- evaluations and impact -------------------------------------------------------------------

def evaluation_submit(*, actor, booking: Booking, data: dict) -> Evaluation:
    """The learner's evaluation, once they have attended."""
    require(actor, "training.evaluate", booking)
    if booking.attendance != Booking.Attendance.ATTENDED:
        raise ValidationError("You can evaluate a session once the register shows you "
                              "attended it.")
    if Evaluation.objects.filter(booking=booking).exists():
        raise ValidationError("You have already evaluated this session.")
    return model_create(model_class=Evaluation, data={**data, "booking": booking},
                        actor=actor, partnership=booking.partnership)


def follow_up_submit(*, actor, booking: Booking, data: dict) -> ImpactFollowUp:
    """The impact follow-up, some months after an evaluated session."""
    require(actor, "training.evaluate", booking)
    if not Evaluation.objects.filter(booking=booking).exists():
        raise ValidationError("The impact follow-up comes after the evaluation: evaluate the "
                              "session first.")
    if ImpactFollowUp.objects.filter(booking=booking).exists():
        raise ValidationError("You have already sent the impact follow-up for this session.")
    return model_create(model_class=ImpactFollowUp, data={**data, "booking": booking},
                        actor=actor, partnership=booking.partnership)


def no_show_charge_create(*, actor, partnership: Partnership, data: dict) -> NoShowCharge:
    require(actor, "training.manage_programme", partnership)
    if NoShowCharge.objects.filter(partnership=partnership,
                                   starts_on=data["starts_on"]).exists():
        raise ValidationError({"starts_on": "A charge already applies from that date; choose "
                                            "another date."})
    return model_create(model_class=NoShowCharge, data={**data, "partnership": partnership},
                        actor=actor, partnership=partnership)


# ---- events -----------------------------------------------------------------------------------

def event_create(*, actor, partnership: Partnership, data: dict, themes=(),
                 partnerships=()) -> Event:
    require(actor, "training.manage_programme", partnership)
    return model_create(model_class=Event, data=data, actor=actor, partnership=partnership,
                        m2m={"partnerships": list({partnership, *partnerships}),
                             "themes": list(themes)})


def event_update(*, actor, partnership: Partnership, event: Event, data: dict,
                 expected_version: int | None, themes=None) -> Event:
    require(actor, "training.manage_programme", partnership)
    m2m = {"themes": list(themes)} if themes is not None else None
    return model_update(instance=event, fields=EVENT_FIELDS, data=data, actor=actor,
                        expected_version=expected_version, partnership=partnership, m2m=m2m)


def event_register(*, actor, partnership: Partnership, event: Event, name: str,
                   organisation: Organisation | None, attended: bool = False
                   ) -> EventRegistration:
    require(actor, "training.manage_programme", partnership)
    return model_create(model_class=EventRegistration, actor=actor, partnership=partnership,
                        data={"event": event, "name": name.strip(),
                              "organisation": organisation, "attended": attended})


def event_attendance_record(*, actor, partnership: Partnership, event: Event,
                            attended_ids) -> int:
    """Mark who came: the registrations in `attended_ids` attended, the rest did not."""
    require(actor, "training.manage_programme", partnership)
    attended_ids = set(attended_ids)
    changed = 0
    with transaction.atomic():
        for reg in event.registrations.select_for_update():
            came = reg.pk in attended_ids
            if reg.attended != came:
                model_update(instance=reg, fields=["attended"], data={"attended": came},
                             actor=actor, partnership=partnership)
                changed += 1
    return changed


def event_contributor_add(*, actor, partnership: Partnership, event: Event,
                          data: dict) -> EventContributor:
    require(actor, "training.manage_programme", partnership)
    return model_create(model_class=EventContributor, data={**data, "event": event},
                        actor=actor, partnership=partnership)


# ---- e-learning completions -------------------------------------------------------------------

COMPLETION_COLUMNS = ("course", "organisation", "month", "completions")


def _month(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    text = str(value or "").strip()
    for fmt in ("%Y-%m", "%Y-%m-%d", "%m/%Y", "%d/%m/%Y", "%b %Y", "%B %Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date().replace(day=1)
        except ValueError:
            continue
    return None


def _text(value) -> str:
    """A cell as text; a list or an object (JSON) is not text, so it matches nothing."""
    return value.strip() if isinstance(value, str) else ""


def completion_problems(partnership, rows, *, organisations=None
                        ) -> tuple[list[dict], list[RowProblem]]:
    """Check a vendor's rows ({course, organisation, month, completions}); return the clean
    rows and the problems, numbered from 1 for the first row below the header.
    `organisations` narrows whose completions may be sent (an agency lead's own)."""
    courses = {c.title.casefold(): c for c in Course.objects.filter(partnerships=partnership)}
    orgs = {o.name.casefold(): o for o in (
        organisations if organisations is not None
        else Organisation.objects.filter(partnerships=partnership))}
    clean: list[dict] = []
    problems: list[RowProblem] = []
    seen: set = set()
    today = timezone.localdate()
    for number, row in enumerate(rows, start=1):
        wrong = []
        course = courses.get(_text(row.get("course")).casefold())
        if course is None:
            wrong.append(RowProblem(number, f"The course {row.get('course')!r} is not in the "
                                            "programme.", "course"))
        organisation = orgs.get(_text(row.get("organisation")).casefold())
        if organisation is None:
            wrong.append(RowProblem(
                number, f"The organisation {row.get('organisation')!r} is not "
                + ("a partner." if organisations is None else "one you send for."),
                "organisation"))
        month = _month(row.get("month"))
        if month is None:
            wrong.append(RowProblem(number, f"The month {row.get('month')!r} is not a month "
                                            "such as 2024-03.", "month"))
        elif month > today:
            wrong.append(RowProblem(number, f"The month {month:%B %Y} has not happened yet.",
                                    "month"))
        completions = whole_number(row.get("completions"))
        if completions is None:
            wrong.append(RowProblem(number, f"The completions {row.get('completions')!r} are "
                                            "not a whole number of 0 or more.", "completions"))
        key = (course and course.pk, organisation and organisation.pk, month)
        if not wrong and key in seen:
            wrong.append(RowProblem(number, "The same course, organisation and month appear "
                                            "on an earlier row."))
        seen.add(key)
        if wrong:
            problems += wrong
        else:
            clean.append({"course": course, "organisation": organisation, "month": month,
                          "completions": completions})
    return clean, problems


def completions_import(*, actor, partnership: Partnership, rows) -> int:
    """Import a vendor's completions (the business unit, or an agency lead for their own
    organisation), all or nothing: one bad row and nothing is saved (RowsRejected lists
    every problem by row, from 1 for the first row below the header). A course,
    organisation and month already held is replaced by the new count. Returns how many rows
    were saved."""
    require(actor, "training.import_completions", partnership)
    organisations = None
    if not actor.has_perm("training.manage_programme", partnership):
        # An agency's learning system sends its own organisation's completions only.
        organisations = Organisation.objects.filter(
            partnerships=partnership, pk__in=policy.scope_of(actor).org_ids_led(partnership.pk))
    rows = list(rows)
    if not rows:
        raise RowsRejected([RowProblem(1, "There are no rows of completions below the "
                                          "header.")])
    clean, problems = completion_problems(partnership, rows, organisations=organisations)
    if problems:
        raise RowsRejected(problems, rows_processed=len(rows))
    with transaction.atomic():
        for row in clean:
            ELearningCompletion.objects.update_or_create(
                partnership=partnership, course=row["course"],
                organisation=row["organisation"], month=row["month"],
                defaults={"completions": row["completions"]})
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, partnership=partnership,
                     model=ELearningCompletion._meta.label,
                     object_repr=f"{len(clean)} rows of e-learning completions imported",
                     changes={"rows": len(clean)})
    return len(clean)
