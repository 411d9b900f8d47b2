"""The Tees training demo: the programme, events and figures the seeds report, with fictional
attendees (TrainingConfig.demo_loader).

- HSSCP 2020-21 (seed 000): face-to-face training stood down; from September 2020 a virtual
  programme; 58 multi-agency sessions, 1,185 people attended, 8,578 e-learning sessions
  completed; a themed conference on contextual safeguarding (November 2020) attended by 120;
  learning review briefings attended by 328 (the case-review page says 320 in four
  briefings: the infographic's 328 is used, and the demo's records give 328).
- STSCP 2023-24 (seed 001): the Tees-wide learning event on non-accidental injury in under-1s
  and hidden partners (April 2023, about 100; a drama by Odd Arts and lived-experience
  speakers from Dads & Lads), two exploitation learning sessions (over 100), and the event
  on contextual safeguarding and exclusion (over 125).
- Sessions to come of the Tees programme (the two programmes aligned in 2023-24), so the
  public calendar has places to book.

Every figure is made of records (bookings, registrations, completions), so the pages and the
yearly report count them; none is typed. Idempotent: nothing is added once the programme
exists.
"""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from core.demo.loader import upsert
from core.models import Organisation, Partnership, Person
from learning.models import Theme

from .models import (
    Booking,
    Course,
    ELearningCompletion,
    Evaluation,
    Event,
    EventContributor,
    EventRegistration,
    ImpactFollowUp,
    Session,
)

# Fictional first names and surnames for attendees (none is a person in the seeds).
FIRST = ["Amira", "Ben", "Chloe", "Dev", "Ellie", "Finn", "Grace", "Harvey", "Isla", "Jonah",
         "Kira", "Liam", "Maya", "Noah", "Orla", "Piotr", "Rosa", "Sami", "Tilly", "Umar"]
LAST = ["Ashcombe", "Birtwhistle", "Cranmore", "Dunholme", "Everleigh", "Fennimore",
        "Glaisdale", "Harrowby", "Ingleby-Marsh", "Jevington"]

COURSES = [
    # title, level, delivery, themes, audience, outcomes
    ("Neglect: the Statement of Intent in practice", "core_2", "virtual", ["Neglect"],
     "Practitioners in all agencies working with children and families",
     "Recognise the signs of neglect; use the graded care profile; escalate drift."),
    ("Contextual safeguarding and exploitation", "core_3", "virtual", ["Exploitation"],
     "Practitioners working with adolescents",
     "Understand extra-familial harm, missing episodes and the exploitation pathway."),
    ("Domestic abuse: the impact on children", "core_2", "virtual", ["Domestic abuse"],
     "Practitioners in all agencies",
     "See the child in domestic abuse; share information; plan safely."),
    ("Working Together: roles and responsibilities", "core_1", "virtual",
     ["Working together"], "Anyone new to multi-agency safeguarding",
     "Know the safeguarding arrangements, thresholds and how to make a referral."),
    ("Hidden men: partners in the household", "core_3", "virtual", ["Hidden men"],
     "Practitioners working with families with babies",
     "Ask who lives in and visits the household; assess risk from partners."),
    ("Safeguarding children awareness", "core_1", "e_learning", ["Working together"],
     "Everyone who works or volunteers with children", "Recognise and report concerns."),
    ("Adverse childhood experiences", "core_2", "face_to_face", ["Parental mental health"],
     "Practitioners in all agencies",
     "Understand adverse childhood experiences and trauma-informed practice."),
]

# HSSCP 2020-21: 58 sessions (September 2020 to March 2021) with 1,185 attending.
SESSIONS_2020 = 58
ATTENDED_2020 = 1185
ELEARNING_2020 = 8578


def _people(orgs, n):
    """`n` fictional attendees spread over the organisations (created once)."""
    names = [f"{f} {last}" for last, f in itertools.product(LAST, FIRST)]
    existing = {p.name: p for p in Person.objects.filter(name__in=names[:n])}
    new = [Person(name=name, job_title="Practitioner", organisation=orgs[i % len(orgs)])
           for i, name in enumerate(names[:n]) if name not in existing]
    Person.objects.bulk_create(new)
    return list(Person.objects.filter(name__in=names[:n]).order_by("name"))


def _split(total, parts):
    """`total` as `parts` whole numbers differing by at most one, larger first."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _aware(*args):
    return timezone.make_aware(datetime.datetime(*args))


def _courses(partnerships):
    themes = {t.name: t for t in Theme.objects.all()}
    courses = []
    for title, level, delivery, theme_names, audience, outcomes in COURSES:
        course = upsert(Course, {"title": title}, {
            "level": level, "delivery": delivery, "audience": audience,
            "outcomes": outcomes})
        course.partnerships.add(*partnerships)
        course.themes.add(*[themes[n] for n in theme_names if n in themes])
        courses.append(course)
    return courses


def _year_2020(hsscp, courses, orgs):
    virtual = courses[:5]
    people = _people(orgs, 200)
    attended = _split(ATTENDED_2020, SESSIONS_2020)
    start = datetime.date(2020, 9, 8)
    bookings, cursor = [], 0
    for i, count in enumerate(attended):
        course = virtual[i % len(virtual)]
        day = start + datetime.timedelta(days=(i * 203) // SESSIONS_2020)
        session = Session.objects.create(
            course=course, starts_at=_aware(day.year, day.month, day.day, 9, 30),
            ends_at=_aware(day.year, day.month, day.day, 12, 30), link="https://meet.example/"
            f"hsscp-{i + 1}", capacity=24, trainers="HSSCP training pool")
        no_shows = 1 if i % 3 == 0 else 0
        for k in range(count + no_shows):
            person = people[(cursor + k) % len(people)]
            bookings.append(Booking(
                session=session, person=person, organisation=person.organisation,
                partnership=hsscp, status=Booking.Status.BOOKED, placed_at=session.starts_at,
                attendance=(Booking.Attendance.NO_SHOW if k >= count
                            else Booking.Attendance.ATTENDED)))
        cursor += count + no_shows
    Booking.objects.bulk_create(bookings)
    # Evaluations from about one attendee in three; impact follow-ups from a few.
    attended_rows = [b for b in Booking.objects.filter(partnership=hsscp)
                     .order_by("session__starts_at", "pk")
                     if b.attendance == Booking.Attendance.ATTENDED]
    ratings = [4, 4, 3, 4, 3, 3, 4, 2, 4, 3]
    evaluations = [Evaluation(booking=b, rating=ratings[i % len(ratings)],
                              confidence_before=2 + (i % 2), confidence_after=4,
                              practice_change="Ask who else lives in and visits the home, and "
                                              "record the child's lived experience.")
                   for i, b in enumerate(attended_rows[::3])]
    Evaluation.objects.bulk_create(evaluations)
    ImpactFollowUp.objects.bulk_create([
        ImpactFollowUp(booking=e.booking, applied="yes" if i % 4 else "partly",
                       confidence_now=4,
                       example="Used the neglect toolkit at a core group; escalated drift.")
        for i, e in enumerate(evaluations[::6])])
    # E-learning: 8,578 completions of the awareness course, by month and organisation.
    months = [datetime.date(2020 + (m > 12), (m - 1) % 12 + 1, 1) for m in range(4, 16)]
    cells = list(itertools.product(months, orgs[:4]))
    ELearningCompletion.objects.bulk_create([
        ELearningCompletion(partnership=hsscp, course=courses[5], organisation=org,
                            month=month, completions=n)
        for (month, org), n in zip(cells, _split(ELEARNING_2020, len(cells)), strict=True)])


def _event(partnerships, title, kind, when, venue, theme_names, attended, interest, speakers,
           orgs, summary=""):
    event = Event.objects.create(title=title, kind=kind, starts_at=when, venue=venue,
                                 summary=summary)
    event.partnerships.add(*partnerships)
    event.themes.add(*Theme.objects.filter(name__in=theme_names))
    names = [f"{f} {last}" for f, last in itertools.product(FIRST, LAST)]
    EventRegistration.objects.bulk_create([
        EventRegistration(event=event, name=names[i % len(names)],
                          organisation=orgs[i % len(orgs)], attended=i < attended)
        for i in range(interest)])
    EventContributor.objects.bulk_create([
        EventContributor(event=event, name=name, role=role, from_organisation=org)
        for name, role, org in speakers])
    return event


def _events(hsscp, stscp, orgs):
    both = [hsscp, stscp]
    _event([hsscp], "Contextual safeguarding conference", "conference",
           _aware(2020, 11, 18, 9, 30), "Online", ["Exploitation"], 120, 134,
           [("Dr Wren Castleford", "speaker", "A national research programme (fictional)"),
            ("Nell Garside", "facilitator", "HSSCP business unit")], orgs,
           "Awareness of contextual safeguarding, including children missing from home and "
           "care, following the key line of enquiry.")
    for n, attended in enumerate(_split(328, 4), start=1):
        _event([hsscp], f"Learning review briefing {n} of 4", "briefing",
               _aware(2021, 3, 2 + 7 * n, 13, 0), "Online", ["Neglect"], attended,
               attended + 6, [("Nell Garside", "facilitator", "HSSCP business unit")], orgs,
               "Key messages from the reviews of 2019-21.")
    _event(both, "Non-accidental injury in under-1s and hidden partners", "learning_event",
           _aware(2023, 4, 26, 9, 30), "Teesside conference venue", ["Hidden men"], 100, 112,
           [("Odd Arts company", "speaker", "Odd Arts"),
            ("Lived-experience fathers", "speaker", "Dads & Lads"),
            ("Bryony Aislaby", "facilitator", "Tees Training and Events sub-group")], orgs)
    for n, attended in enumerate((52, 51), start=1):
        _event([stscp], f"Exploitation learning session {n}", "learning_event",
               _aware(2023, 8, 14 * n - 6, 10, 0), "Middlesbrough", ["Exploitation"],
               attended, attended + 5,
               [("Bryony Aislaby", "facilitator", "Tees Training and Events sub-group")], orgs)
    _event([stscp], "Understanding contextualised safeguarding and the challenge of exclusion",
           "conference", _aware(2023, 11, 15, 9, 0), "Teesside conference venue",
           ["Exploitation", "Empowering young people"], 126, 140,
           [("Dr Wren Castleford", "speaker", "A national research programme (fictional)"),
            ("Young people's panel", "speaker", "Lived experience"),
            ("Bryony Aislaby", "facilitator", "Tees Training and Events sub-group")], orgs)


def _to_come(courses, hsscp):
    """Sessions of the Tees programme over the next weeks, some already booked."""
    today = timezone.localdate()
    people = _people(list(Organisation.objects.filter(partnerships=hsscp)[:6]), 40)
    for i, course in enumerate(c for c in courses if c.delivery != "e_learning"):
        day = today + datetime.timedelta(days=10 + 9 * i)
        session = Session.objects.create(
            course=course, starts_at=_aware(day.year, day.month, day.day, 9, 30),
            ends_at=_aware(day.year, day.month, day.day, 12, 30),
            venue="" if course.delivery == "virtual" else "Civic Centre, Hartlepool",
            link="https://meet.example/tees-" + str(i + 1) if course.delivery == "virtual"
            else "", capacity=20, trainers="Tees training pool")
        taken = 20 if i == 1 else 6 + 2 * i  # the second is full, with a waiting list
        Booking.objects.bulk_create([
            Booking(session=session, person=p, organisation=p.organisation, partnership=hsscp,
                    status=Booking.Status.BOOKED, placed_at=timezone.now())
            for p in people[:taken]] + [
            Booking(session=session, person=p, organisation=p.organisation, partnership=hsscp,
                    status=Booking.Status.WAITING)
            for p in (people[taken:taken + 3] if i == 1 else [])])
    # The demo practitioner attended a session last week and has yet to evaluate it.
    sophie = Person.objects.filter(name="Sophie Calloway").first()
    if sophie is not None:
        day = today - datetime.timedelta(days=7)
        past = Session.objects.create(
            course=courses[0], starts_at=_aware(day.year, day.month, day.day, 9, 30),
            ends_at=_aware(day.year, day.month, day.day, 12, 30),
            link="https://meet.example/tees-last-week", capacity=20,
            trainers="Tees training pool")
        Booking.objects.create(session=past, person=sophie, organisation=sophie.organisation,
                               partnership=hsscp, status=Booking.Status.BOOKED,
                               placed_at=past.starts_at,
                               attendance=Booking.Attendance.ATTENDED)


def load() -> None:
    hsscp = Partnership.objects.filter(slug="hsscp").first()
    stscp = Partnership.objects.filter(slug="stscp").first()
    if hsscp is None or stscp is None or Course.objects.filter(
            title=COURSES[0][0]).exists():
        return
    orgs = list(Organisation.objects.filter(partnerships=hsscp).exclude(
        kind=Organisation.Kind.PARTNERSHIP).order_by("name"))
    courses = _courses([hsscp, stscp])
    _year_2020(hsscp, courses, orgs)
    _events(hsscp, stscp, orgs)
    _to_come(courses, hsscp)
