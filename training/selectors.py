"""Reads of the training programme that pages, the API and the yearly report share. Every
list runs a fixed number of queries whatever its length; every figure is counted here."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import Greatest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core import policy

from .models import (
    Booking,
    Course,
    ELearningCompletion,
    Evaluation,
    Event,
    EventRegistration,
    ImpactFollowUp,
    NoShowCharge,
    Session,
)

LIVE = Q(bookings__status=Booking.Status.BOOKED)
WAITING = Q(bookings__status=Booking.Status.WAITING)


# ---- the programme -----------------------------------------------------------------------

def courses_for(partnership):
    """The partnership's courses (its own and those it runs jointly), with their themes and
    partnerships, and how many sessions are still to come."""
    now = timezone.now()
    return (Course.objects.filter(partnerships=partnership)
            .prefetch_related("themes", "partnerships")
            .annotate(upcoming=Count("sessions", filter=Q(sessions__starts_at__gte=now,
                                                          sessions__is_cancelled=False)))
            .order_by("title"))


def course_in_partnership(partnership, pk) -> Course:
    return get_object_or_404(
        Course.objects.prefetch_related("themes", "partnerships"), pk=pk,
        partnerships=partnership)


def with_places(sessions):
    """Sessions annotated with `booked` and `waiting` counts (one query for any number)."""
    return sessions.select_related("course").annotate(
        booked=Count("bookings", filter=LIVE), waiting=Count("bookings", filter=WAITING),
    ).annotate(free=Greatest(F("capacity") - F("booked"), 0))


def sessions_for(partnership, *, upcoming: bool | None = None, course=None):
    sessions = Session.objects.filter(course__partnerships=partnership)
    if course is not None:
        sessions = sessions.filter(course=course)
    now = timezone.now()
    if upcoming is True:
        sessions = sessions.filter(starts_at__gte=now)
    elif upcoming is False:
        sessions = sessions.filter(starts_at__lt=now)
    return with_places(sessions).order_by("starts_at", "pk")


def public_calendar(partnership):
    """Sessions to come of the courses on offer, not cancelled, with places counted."""
    return (sessions_for(partnership, upcoming=True)
            .filter(course__is_active=True, is_cancelled=False)
            .prefetch_related("course__themes"))


def session_in_partnership(partnership, pk) -> Session:
    return get_object_or_404(with_places(Session.objects.all()), pk=pk,
                             course__partnerships=partnership)


def places_left(session) -> int:
    booked = getattr(session, "booked", None)
    if booked is None:
        booked = session.bookings.filter(status=Booking.Status.BOOKED).count()
    return max(session.capacity - booked, 0)


def register(session):
    """Every live booking of a session (places, then the waiting list in order)."""
    return (Booking.objects.filter(session=session)
            .exclude(status=Booking.Status.CANCELLED)
            .select_related("person", "organisation", "evaluation")
            .order_by("-status", "created_at", "pk"))  # "waiting" sorts after "booked"


def waiting_list(session):
    return (Booking.objects.filter(session=session, status=Booking.Status.WAITING)
            .order_by("created_at", "pk"))


def booking_in_partnership(partnership, pk) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("session__course", "person", "organisation"),
        pk=pk, partnership=partnership)


def bookings_of(person):
    """A learner's bookings, newest session first, with what they have said about each."""
    if person is None:
        return Booking.objects.none()
    return (Booking.objects.filter(person=person)
            .select_related("session__course", "evaluation", "impact_follow_up", "partnership")
            .order_by("-session__starts_at", "pk"))


def live_booking(session, person) -> Booking | None:
    if person is None:
        return None
    return (Booking.objects.filter(session=session, person=person)
            .exclude(status=Booking.Status.CANCELLED).first())


def team_for(user, partnership, people):
    """Whom this user may book: the business unit anyone in the partnership; an agency lead
    the people of the organisations they lead."""
    scope = policy.scope_of(user)
    if user.is_superuser or policy.is_business_unit(user, partnership):
        return people
    return people.filter(organisation_id__in=scope.org_ids_led(partnership.pk))


def may_book_now(session, now=None) -> bool:
    now = now or timezone.now()
    return not session.is_cancelled and now < session.cutoff


# ---- events and e-learning ------------------------------------------------------------------

def events_for(partnership):
    return (Event.objects.filter(partnerships=partnership)
            .prefetch_related("themes", "partnerships")
            .annotate(interest=Count("registrations", distinct=True),
                      attendees=Count("registrations", filter=Q(registrations__attended=True),
                                      distinct=True),
                      speakers=Count("contributors", distinct=True))
            .order_by("-starts_at"))


def event_in_partnership(partnership, pk) -> Event:
    return get_object_or_404(
        Event.objects.prefetch_related(
            "themes", "partnerships", "contributors",
            Prefetch("registrations",
                     queryset=EventRegistration.objects.select_related("organisation"))),
        pk=pk, partnerships=partnership)


def completions_for(partnership):
    return (ELearningCompletion.objects.filter(partnership=partnership)
            .select_related("course", "organisation"))


# ---- figures ----------------------------------------------------------------------------------

def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


@dataclass
class Row:
    label: str
    booked: int = 0
    attended: int = 0
    no_shows: int = 0
    charge: Decimal = Decimal("0")


@dataclass
class Figures:
    """The programme's figures for a period, every one counted from records."""

    start: datetime.date
    end: datetime.date
    sessions: int = 0
    courses: int = 0
    places_booked: int = 0
    attended: int = 0
    no_shows: int = 0
    evaluations: int = 0
    good_or_excellent: int = 0
    confidence_before: float | None = None
    confidence_after: float | None = None
    follow_ups: int = 0
    follow_ups_applied: int = 0
    elearning_completions: int = 0
    events: list = field(default_factory=list)
    by_organisation: list[Row] = field(default_factory=list)
    by_level: list[Row] = field(default_factory=list)
    by_theme: list[Row] = field(default_factory=list)
    ratings: list[tuple[str, int]] = field(default_factory=list)

    @property
    def good_or_excellent_percent(self) -> int | None:
        return _percent(self.good_or_excellent, self.evaluations)

    @property
    def confidence_change(self) -> float | None:
        if self.confidence_before is None or self.confidence_after is None:
            return None
        return round(self.confidence_after - self.confidence_before, 1)

    @property
    def applied_percent(self) -> int | None:
        return _percent(self.follow_ups_applied, self.follow_ups)

    @property
    def attendance_percent(self) -> int | None:
        return _percent(self.attended, self.attended + self.no_shows)

    @property
    def event_interest(self) -> int:
        return sum(e.interest for e in self.events)

    @property
    def event_attendees(self) -> int:
        return sum(e.attendees for e in self.events)

    @property
    def event_contributors(self) -> int:
        return sum(e.speakers for e in self.events)

    @property
    def no_show_charges(self) -> Decimal:
        return sum((r.charge for r in self.by_organisation), Decimal("0"))


def _charge_on(charges, day) -> Decimal:
    for charge in charges:  # newest first
        if charge.starts_on <= day:
            return charge.amount
    return Decimal("0")


def figures(partnership, start: datetime.date, end: datetime.date) -> Figures:
    """Attendance by organisation, level and theme, evaluation results, impact follow-ups,
    e-learning completions and events, for sessions that started from `start` to `end`."""
    out = Figures(start=start, end=end)
    bookings = list(
        Booking.objects.filter(partnership=partnership, status=Booking.Status.BOOKED,
                               session__starts_at__date__gte=start,
                               session__starts_at__date__lte=end)
        .select_related("organisation", "session__course")
        .prefetch_related("session__course__themes"))
    charges = list(NoShowCharge.objects.filter(partnership=partnership))
    orgs: dict[str, Row] = {}
    levels: dict[str, Row] = {}
    themes: dict[str, Row] = {}
    sessions, courses = set(), set()
    for booking in bookings:
        course = booking.session.course
        sessions.add(booking.session_id)
        courses.add(course.pk)
        attended = booking.attendance == Booking.Attendance.ATTENDED
        no_show = booking.attendance == Booking.Attendance.NO_SHOW
        rows = [orgs.setdefault(booking.organisation.name if booking.organisation
                                else "No organisation recorded",
                                Row(booking.organisation.name if booking.organisation
                                    else "No organisation recorded")),
                levels.setdefault(course.get_level_display(), Row(course.get_level_display()))]
        rows += [themes.setdefault(t.name, Row(t.name)) for t in course.themes.all()]
        for row in rows:
            row.booked += 1
            row.attended += attended
            row.no_shows += no_show
        if no_show:
            rows[0].charge += _charge_on(charges, booking.session.starts_at.date())
        out.attended += attended
        out.no_shows += no_show
    out.places_booked = len(bookings)
    out.sessions, out.courses = len(sessions), len(courses)
    out.by_organisation = sorted(orgs.values(), key=lambda r: r.label)
    level_order = {label: i for i, label in enumerate(Course.Level.labels)}
    out.by_level = sorted(levels.values(), key=lambda r: level_order.get(r.label, 99))
    out.by_theme = sorted(themes.values(), key=lambda r: (-r.attended, r.label))

    evaluations = list(Evaluation.objects.filter(
        booking__partnership=partnership, booking__session__starts_at__date__gte=start,
        booking__session__starts_at__date__lte=end).values_list(
        "rating", "confidence_before", "confidence_after"))
    out.evaluations = len(evaluations)
    ratings = Counter(r for r, _, _ in evaluations)
    out.ratings = [(label, ratings.get(value, 0)) for value, label in Evaluation.Rating.choices]
    out.good_or_excellent = sum(ratings.get(r, 0) for r in Evaluation.GOOD_OR_BETTER)
    if evaluations:
        out.confidence_before = round(sum(b for _, b, _ in evaluations) / len(evaluations), 1)
        out.confidence_after = round(sum(a for _, _, a in evaluations) / len(evaluations), 1)
    follow_ups = list(ImpactFollowUp.objects.filter(
        booking__partnership=partnership, booking__session__starts_at__date__gte=start,
        booking__session__starts_at__date__lte=end).values_list("applied", flat=True))
    out.follow_ups = len(follow_ups)
    out.follow_ups_applied = sum(1 for a in follow_ups if a != ImpactFollowUp.Applied.NO)
    out.elearning_completions = sum(ELearningCompletion.objects.filter(
        partnership=partnership, month__gte=start.replace(day=1), month__lte=end)
        .values_list("completions", flat=True))
    out.events = list(events_for(partnership).filter(starts_at__date__gte=start,
                                                     starts_at__date__lte=end))
    return out


def no_shows_by_organisation(partnership, start, end) -> list[Row]:
    return [r for r in figures(partnership, start, end).by_organisation if r.no_shows]


def training_for_themes(partnership, theme_ids) -> dict[int, list[dict]]:
    """{theme id: [{course, sessions, attended}]}: the training that answered each theme,
    with how many attended (for the learning thread's theme view)."""
    rows = (Booking.objects.filter(partnership=partnership, status=Booking.Status.BOOKED,
                                   attendance=Booking.Attendance.ATTENDED,
                                   session__course__themes__in=theme_ids)
            .values("session__course__themes", "session__course_id", "session__course__title")
            .annotate(attended=Count("pk"), sessions=Count("session", distinct=True)))
    out: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        out[row["session__course__themes"]].append(
            {"course_id": row["session__course_id"], "title": row["session__course__title"],
             "attended": row["attended"], "sessions": row["sessions"]})
    return dict(out)


# ---- the yearly report's training section ---------------------------------------------------

@dataclass
class ReportSection:
    """What the yearly report says of training, from the records (never typed)."""

    figures: Figures

    @property
    def has_records(self) -> bool:
        f = self.figures
        return bool(f.places_booked or f.elearning_completions or f.events)

    @property
    def feedback_without_follow_up(self) -> bool:
        """Attendees' feedback but nothing on impact some months later: the Working Together
        checklist flags it."""
        return bool(self.figures.evaluations) and not self.figures.follow_ups

    def summary(self) -> list[tuple[str, str]]:
        f = self.figures
        rows = [("Multi-agency sessions delivered", f"{f.sessions} ({f.courses} courses)"),
                ("People who attended", str(f.attended)),
                ("Places not used (did not attend)", str(f.no_shows))]
        if f.evaluations:
            rows += [("Rated good or excellent",
                      f"{f.good_or_excellent_percent}% of {f.evaluations} evaluations"),
                     ("Confidence before and after (1 to 5)",
                      f"{f.confidence_before} to {f.confidence_after} "
                      f"({f.confidence_change:+.1f})")]
        else:
            rows.append(("Evaluations", "None returned"))
        rows.append(("Impact follow-up some months later",
                     f"{f.follow_ups} returned; {f.applied_percent}% had used the learning"
                     if f.follow_ups else "None returned"))
        rows.append(("E-learning completions", str(f.elearning_completions)))
        rows.append(("Events and conferences",
                     f"{len(f.events)}: {f.event_attendees} attended, "
                     f"{f.event_contributors} speakers and facilitators"))
        return rows

    def level_rows(self) -> list[tuple[str, int, int]]:
        return [(r.label, r.booked, r.attended) for r in self.figures.by_level]

    def theme_rows(self) -> list[tuple[str, int, int]]:
        return [(r.label, r.booked, r.attended) for r in self.figures.by_theme]

    def event_rows(self) -> list[tuple[str, str, int, int]]:
        return [(e.title, f"{timezone.localtime(e.starts_at):%B %Y}", e.attendees, e.speakers)
                for e in self.figures.events]


def report_section(partnership, start: datetime.date, end: datetime.date) -> ReportSection:
    return ReportSection(figures=figures(partnership, start, end))
