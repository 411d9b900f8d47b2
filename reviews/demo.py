"""Fictional serious incidents and rapid reviews for the demo partnerships.

Every name and detail is invented. HSSCP ran six rapid reviews in 2020-21, four of which led
to local practice reviews (seed 000); STSCP has two current ones, one of them overdue.
Running it again changes nothing: incidents are keyed on partnership and reference.

Practice reviews use the pseudonyms the seeds name, with invented case detail. HSSCP's are
historic (2019-21: EMMA, Child T, Child M, ALEX and the Eve serious case review). STSCP's Angel
is dated as seed 001 gives it (published June 2023, so now withdrawn from the public site);
the others are dated from today so the clock and the public site have something live to
show: Kingfisher on the public site, Liam in progress with an overdue milestone, the thematic
exploitation review past its public window and the line-of-sight neglect review signed off.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from core.calendar import add_months, add_working_days
from core.models import Organisation, Partnership, Person
from core.services import system_actor

from . import services
from .models import PracticeReview, RapidReview, SeriousIncident

D = datetime.date

# reference, LA aware, notified, local review?, national review suggested?, response
HSSCP_2020_21 = [
    ("Kestrel", D(2020, 4, 20), D(2020, 4, 23), True, False,
     "The Panel agreed a local review was right and asked to see the terms of reference."),
    ("Heron", D(2020, 6, 8), D(2020, 6, 12), False, False,
     "The Panel agreed no further review was needed; the learning was well identified."),
    ("Curlew", D(2020, 8, 24), D(2020, 8, 28), True, False,
     "The Panel agreed with the decision and noted the strong multi-agency chronology."),
    ("Lapwing", D(2020, 10, 19), D(2020, 10, 23), True, True,
     "The Panel considered a national review and asked the partnership to proceed locally."),
    ("Wren", D(2020, 12, 14), D(2020, 12, 21), False, False,
     "The Panel agreed no local review was needed."),
    ("Plover", D(2021, 2, 15), D(2021, 2, 19), True, False,
     "The Panel supported a local review focused on step-down from child protection."),
]

LEARNING = (
    "Practitioners across agencies held pieces of the picture that were not brought "
    "together; the rapid review recommends a multi-agency meeting whenever concerns about "
    "neglect recur within twelve months of step-down."
)


def _people_and_agencies(partnership):
    agencies = list(Organisation.objects.filter(partnerships=partnership).order_by("name")[:4])
    people = list(
        Person.objects.filter(
            Q(roles__partnership=partnership) | Q(organisation__partnerships=partnership)
        ).distinct().order_by("name")[:3]
    )
    return agencies, people


def _add(partnership, *, reference, la_aware, notified, summary, review=None):
    if SeriousIncident.objects.filter(partnership=partnership, reference=reference).exists():
        return
    actor = system_actor()  # the demo acts as the system, named so in the audit trail
    incident = services.notify_incident(
        actor=actor, partnership=partnership,
        **{"reference": reference, "la_aware_on": la_aware, "notified_on": notified,
              "summary": summary},
    )
    if review is not None:
        agencies, people = _people_and_agencies(partnership)
        services.save_rapid_review(actor=actor, incident=incident, data=review,
                                   agencies=agencies, panel_members=people)


def load() -> None:
    load_incidents()
    load_practice_reviews()


def load_incidents() -> None:
    hsscp = Partnership.objects.filter(slug="hsscp").first()
    if hsscp is not None:
        for reference, aware, notified, local, national, response in HSSCP_2020_21:
            _add(
                hsscp, reference=reference, la_aware=aware, notified=notified,
                summary="Fictional incident for the demonstration: a young child was "
                        "seriously harmed at home; several agencies knew the family.",
                review={
                    "partners_aware_on": aware,
                    "chronology_summary": "Fictional chronology: contact with health, "
                                          "school and children's social care over two years.",
                    "immediate_learning": LEARNING,
                    "local_review": local, "national_review_suggested": national,
                    "decided_on": add_working_days(aware, 12),
                    "sent_on": add_working_days(aware, 14),
                    "panel_response": response,
                },
            )
    stscp = Partnership.objects.filter(slug="stscp").first()
    if stscp is not None:
        today = timezone.localdate()
        overdue_aware = add_working_days(today, -20)
        _add(
            stscp, reference="Merlin", la_aware=overdue_aware,
            notified=add_working_days(overdue_aware, 3),
            summary="Fictional incident: a teenager was seriously injured during a period of "
                    "criminal exploitation.",
            review={
                "partners_aware_on": overdue_aware,
                "chronology_summary": "Fictional chronology: missing episodes, a school move "
                                      "and two referrals to the exploitation hub.",
                "immediate_learning": "", "local_review": None,
                "national_review_suggested": None, "decided_on": None, "sent_on": None,
                "panel_response": "",
            },
        )
        liam_aware = add_months(today, -5)
        _add(
            stscp, reference="Liam", la_aware=liam_aware,
            notified=add_working_days(liam_aware, 2),
            summary="Fictional incident: a primary-school child was seriously harmed after a "
                    "period of neglect at home.",
            review={
                "partners_aware_on": liam_aware,
                "chronology_summary": "Fictional chronology: school attendance falling, "
                                      "health appointments missed, one early help episode.",
                "immediate_learning": "Escalate when a family stops engaging with early help.",
                "local_review": True, "national_review_suggested": False,
                "decided_on": add_working_days(liam_aware, 12),
                "sent_on": add_working_days(liam_aware, 14),
                "panel_response": "The Panel agreed a local review was right.",
            },
        )
        recent = add_working_days(today, -2)
        _add(
            stscp, reference="Skylark", la_aware=recent, notified=None,
            summary="Fictional incident: an infant was admitted to hospital with injuries "
                    "that were not explained.",
        )


# ---- practice reviews ----

TOR = ("Fictional terms of reference: how agencies shared information, recognised cumulative "
       "harm and escalated concerns in the twelve months before the incident.")
PRACTITIONERS = ("Fictional: two practitioner learning events; front-line staff from each "
                 "agency contributed through reflective conversations.")
FAMILY = ("Fictional: the reviewer met a parent and a grandparent, whose views are reflected "
          "in the report.")


def _review(partnership, pseudonym, *, kind="individual", decided, published=None,
            sent_wd_before=10, signed_off=None, incident=None, summary="", briefing="",
            milestones=(), events=(), reviewer=("Independent reviewer (fictional)", ""),
            **extra):
    """Create one practice review and its milestones and learning events, once."""
    if PracticeReview.objects.filter(partnership=partnership, pseudonym=pseudonym).exists():
        return
    rapid_review = None
    if incident:
        rapid_review = RapidReview.objects.filter(
            incident__partnership=partnership, incident__reference=incident).first()
    _, people = _people_and_agencies(partnership)
    if published and signed_off is None:
        signed_off = add_working_days(published, -(sent_wd_before + 5))
    data = {
        "pseudonym": pseudonym, "kind": kind, "decided_on": decided,
        "reviewer_name": reviewer[0], "reviewer_organisation": reviewer[1],
        "reviewer_approved_on": decided and add_working_days(decided, 15),
        "terms_of_reference": TOR, "practitioner_involvement": PRACTITIONERS,
        "family_involvement": FAMILY,
        "draft_received_on": signed_off and add_working_days(signed_off, -20),
        "signed_off_on": signed_off,
        "sent_to_panel_on": published and add_working_days(published, -sent_wd_before),
        "published_on": published, "publication_summary": summary, **extra,
    }
    actor = system_actor()  # the demo acts as the system, named so in the audit trail
    review = services.practice_review_create(actor=actor, partnership=partnership, data=data,
                                             panel_members=people, rapid_review=rapid_review)
    if briefing:
        services.practice_review_set_briefing(actor=actor, review=review, url=briefing,
                                              expected_version=review.version)
    for name, due, done in milestones:
        services.milestone_add(actor=actor, review=review, name=name, due_on=due, done_on=done)
    for held, title, attendees in events:
        services.learning_event_add(actor=actor, review=review, held_on=held, title=title,
                                    attendees=attendees)


def _decided(partnership, reference):
    review = RapidReview.objects.filter(incident__partnership=partnership,
                                        incident__reference=reference).first()
    return review.decided_on if review else None


def load_practice_reviews() -> None:
    hsscp = Partnership.objects.filter(slug="hsscp").first()
    if hsscp is not None:
        site = "https://hsscp.example/reviews/"
        emma = _decided(hsscp, "Kestrel") or D(2020, 5, 7)
        _review(hsscp, "EMMA", incident="Kestrel", decided=emma,
                published=add_months(emma, 6) - datetime.timedelta(days=10),
                summary="A fictional summary: an infant was harmed at home while several "
                        "agencies were involved. The review found that concerns were not "
                        "brought together; a report and executive summary were published.")
        child_t = _decided(hsscp, "Curlew") or D(2020, 9, 9)
        _review(hsscp, "Child T", incident="Curlew", decided=child_t, sent_wd_before=5,
                published=add_months(child_t, 6) + datetime.timedelta(days=17),
                summary="A fictional summary: the review considered adverse childhood "
                        "experiences and how agencies assessed them.")
        child_m = _decided(hsscp, "Lapwing") or D(2020, 11, 4)
        _review(hsscp, "Child M", incident="Lapwing", decided=child_m,
                published=add_months(child_m, 5) - datetime.timedelta(days=10),
                briefing=site + "child-m-seven-minute-briefing",
                summary="A fictional summary: the report, a seven-minute briefing and "
                        "practitioner resources on neglect were published.")
        _review(hsscp, "ALEX", decided=D(2019, 11, 12), published=D(2020, 10, 5),
                briefing=site + "alex-seven-minute-briefing",
                summary="A fictional summary: the review identified work for the partnership "
                        "on step-down from child protection.",
                events=[(D(2021, 3, 2), "Step-down learning briefing (1 of 4)", 90),
                        (D(2021, 3, 9), "Step-down learning briefing (2 of 4)", 85),
                        (D(2021, 3, 16), "Step-down learning briefing (3 of 4)", 75),
                        (D(2021, 3, 23), "Step-down learning briefing (4 of 4)", 70)])
        _review(hsscp, "Eve", kind=PracticeReview.Kind.HISTORIC_SCR, decided=D(2018, 9, 3),
                signed_off=D(2020, 5, 11), published=D(2020, 6, 15),
                reviewer=("Independent author (fictional)", "Commissioned by the former "
                          "Stockton Local Safeguarding Children Board"),
                briefing=site + "eve-seven-minute-briefing",
                summary="A fictional summary of a serious case review carried over from the "
                        "former local safeguarding children board: concealed pregnancy and "
                        "families who find it hard to engage.")
    stscp = Partnership.objects.filter(slug="stscp").first()
    if stscp is not None:
        today = timezone.localdate()
        site = "https://stscp.example/reviews/"
        _review(stscp, "Kingfisher", kind=PracticeReview.Kind.THEMATIC,
                decided=add_months(today, -10), published=add_months(today, -5),
                briefing=site + "kingfisher-seven-minute-briefing",
                summary="A fictional summary of a thematic review of neglect: the risk and "
                        "impact of drug-using parents, and escalation between agencies.",
                events=[(add_months(today, -2), "Action plan challenge event", 24)])
        # Seed 001: Angel was published in June 2023, so it is now past its public window.
        _review(stscp, "Angel", decided=D(2022, 7, 4), published=D(2023, 6, 14),
                sent_wd_before=9,
                summary="A fictional summary: how professionals assess and safeguard children "
                        "who move across local authority boundaries, where a parent's first "
                        "language is not English.",
                events=[(D(2023, 9, 20), "Moving across boundaries learning session", 60)])
        liam = _decided(stscp, "Liam") or add_months(today, -5)
        _review(stscp, "Liam", incident="Liam", decided=liam,
                milestones=[
                    ("Terms of reference agreed", add_working_days(liam, 20),
                     add_working_days(liam, 18)),
                    ("Practitioner learning event", add_working_days(liam, 45),
                     add_working_days(liam, 47)),
                    ("Family involvement meeting", add_working_days(today, -8), None),
                    ("Draft report to the review panel", add_working_days(today, 12), None),
                ])
        _review(stscp, "Thematic review: child criminal exploitation",
                kind=PracticeReview.Kind.THEMATIC, decided=add_months(today, -21),
                published=add_months(today, -14),
                briefing=site + "exploitation-five-point-learning-brief",
                summary="A fictional summary: the multi-agency response to child criminal "
                        "exploitation where serious youth violence featured.",
                events=[(add_months(today, -13), "Exploitation learning session 1", 55),
                        (add_months(today, -13) + datetime.timedelta(days=7),
                         "Exploitation learning session 2", 52)])
        _review(stscp, "Line of sight review: neglect", kind=PracticeReview.Kind.OTHER,
                decided=add_months(today, -8), signed_off=add_months(today, -6),
                reviewer=("Independent reviewer (fictional)", ""),
                terms_of_reference="Fictional: three cases of a child and their siblings "
                                   "referred for neglect over a long period.")
