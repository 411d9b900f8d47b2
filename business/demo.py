"""The Tees demo's national agenda, independent scrutiny, communication and voice of the child.

From the seeds: HSSCP's 2020-21 communication figures (25,490 website page views, monthly
e-bulletins, four quarterly newsletters, six termly forums for designated safeguarding leads
and head teachers, the lockdown campaign, the Twitter account); STSCP's 2023-24 independent
scrutiny (the joint observation of the Tees exploitation meetings, two CSPR challenge events
chaired, the report to Chief Officers, the review of the 2022-23 Section 11 returns), the
national items it names (Working Together 2023, the national panel's request about CSPR Angel,
the DfE partnership health check, the mock joint targeted area inspection on serious youth
violence) and what young people said in the exploitation review, in our own words. The
scrutineer is the demo's fictional one; one voice item has no consent, to show it kept inside.
Written through the services as the system actor; a second run adds nothing.
"""

from __future__ import annotations

import datetime

from core.models import Organisation, Partnership, Role, RoleAssignment
from core.services import system_actor
from learning.models import Theme

from . import services
from .models import (
    CommunicationItem,
    NationalItem,
    ScrutineerAppointment,
    ScrutinyActivity,
    ScrutinyStatement,
    VoiceItem,
)

D = datetime.date

NATIONAL = {
    "hsscp": [
        {"kind": "guidance", "issuer": "dfe", "title": "Working Together to Safeguard Children "
         "2018", "issued_on": D(2018, 7, 4),
         "url": "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
         "circulated_to": "Hartlepool and Stockton-on-Tees safeguarding children boards",
         "circulated_on": D(2018, 7, 20), "status": "done", "closed_on": D(2019, 9, 29),
         "outcome": "The two boards became the Hartlepool and Stockton-on-Tees Safeguarding "
                    "Children Partnership, with an Executive, the Engine Room and active "
                    "learning facilitated by independent critical friends."},
    ],
    "stscp": [
        {"kind": "guidance", "issuer": "dfe", "title": "Working Together to Safeguard Children "
         "2023", "issued_on": D(2023, 12, 15),
         "url": "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
         # The guidance sets its own date: new arrangements published by 12 December 2024.
         "due_basis": "letter", "letter_due": D(2024, 12, 12), "circulated_to": "STSCP Executive and sub-group chairs",
         "circulated_on": D(2024, 1, 10), "status": "in_hand",
         "outcome": "The legal agreement is being reviewed to reflect the changes; the Executive "
                    "chair is to rotate between partners."},
        {"kind": "letter", "issuer": "panel", "title": "National panel request to discuss "
         "CSPR Angel", "issued_on": D(2023, 6, 12), "status": "done",
         "closed_on": D(2023, 7, 20), "circulated_to": "Independent scrutineer and business "
                                                        "manager",
         "outcome": "Met the panel's regional representative, who felt the issues had been "
                    "addressed; the Executive took learning on the sign-off process."},
        {"kind": "guidance", "issuer": "dfe", "title": "Multi-agency partnership maturity "
         "health check", "issued_on": D(2024, 2, 15), "status": "in_hand",
         "circulated_to": "STSCP Executive", "circulated_on": D(2024, 3, 5),
         "outcome": "Planning meetings with the DfE's national leads; workshops in May 2024 "
                    "chaired by the independent scrutineer."},
        {"kind": "review", "issuer": "inspectorates", "title": "Joint targeted area "
         "inspection: serious youth violence", "issued_on": D(2023, 9, 1), "status": "done",
         "closed_on": D(2024, 1, 31), "circulated_to": "Quality and Performance sub-group",
         "outcome": "A mock joint targeted area inspection and a multi-agency self-assessment "
                    "against its criteria."},
    ],
}

APPOINTMENTS = {
    "hsscp": {"title": "Independent Chair and critical friend", "starts_on": D(2019, 9, 29),
              "days_per_year": 24,
              "terms": "Chairs the Executive to provide independent scrutiny and challenge; "
                       "with the independent critical friends, facilitates the deep dives "
                       "and active learning sets commissioned by the Engine Room."},
    "stscp": {"title": "Independent Scrutineer", "starts_on": D(2019, 9, 29),
              "days_per_year": 30,
              "terms": "Scrutiny follows the partnership's Six Steps to Independent Scrutiny: "
                       "comment on the yearly report, chair challenge meetings on serious "
                       "cases, report to Chief Officers and the Executive, audit cases, review "
                       "the Section 11 returns and attend joint meetings with HSSCP."},
}

EXPLOITATION = "Exploitation"
# (kind, title, held on, summary, response, responded on, response text,
#  [(finding, recommendation, action, owner, due)])
SCRUTINY = {
    "stscp": [
        ("observation", "Joint observation of the Tees exploitation risk meetings",
         D(2023, 11, 20),
         "With HSSCP's scrutineer, observed three of the four area multi-agency meetings that "
         "manage the risk of exploitation.",
         "accepted", D(2024, 1, 25), "Accepted in full by the STSCP and HSSCP Executives.",
         [("The meetings were well chaired and agreed the categories of risk, but the four "
           "areas do not yet work to one Teesside model.",
           "Agree at strategic level a joined-up, consistent Teesside model for managing "
           "exploitation, with the capacity to run it.",
           "Review in each area the arrangements for identifying and protecting children at "
           "risk of exploitation", "Cleveland Police", D(2024, 4, 30))]),
        ("challenge", "CSPR Liam challenge event", D(2023, 12, 6),
         "Chaired the challenge event: agencies evidenced what they had done on their actions.",
         "accepted", D(2024, 1, 17), "Issues followed up through the Learning and "
                                     "Development group.",
         [("Some practitioners are reluctant to escalate when they disagree about risk and "
           "threshold.",
           "Remind the workforce of the Tees escalation process and test its use.",
           "Dip sample escalations in the next multi-agency audit", "Middlesbrough Council",
           D(2024, 6, 28))]),
        ("challenge", "CSPR action-plan challenge event", D(2023, 7, 12),
         "Chaired the second challenge event of the year.",
         "accepted", D(2023, 9, 6), "Followed up through the Learning and Development group.",
         [("Health visitor caseloads on the universal pathway are high.", "", "", "", None)]),
        ("report", "Report to Chief Officers on the safeguarding arrangements",
         D(2024, 3, 14), "Reported on governance, the budget and representation at the "
                         "Executive.", "awaited", None, "", []),
        ("audit", "Review of the 2022-23 Section 11 returns", D(2023, 10, 4),
         "Reviewed the Section 11 returns of the agencies on the Executive.",
         "partly", D(2023, 11, 15), "The next round will include agencies not on the "
                                    "Executive.", []),
    ],
}

STATEMENT = {
    "stscp": (2023,
              "I have read the STSCP annual report for 2023-24. It is a fair account of the "
              "partnership's work and its impact, and says plainly where more progress is "
              "needed, including the response to Working Together 2023.\n\n"
              "Independent scrutiny was used as the Six Steps model sets out: the findings of "
              "the year's scrutiny have led to change, and there is a plan for 2024-25."),
}

# (slug, month-end, kind, title, audience, reach, measure, repeat: (count, months apart))
COMMUNICATION = [
    ("hsscp", D(2021, 3, 31), "website", "HSSCP website page views 2020-21", "practitioners",
     25490, "page_views", (1, 0)),
    ("hsscp", D(2020, 4, 30), "bulletin", "Monthly e-bulletin", "partners", None, "", (12, 1)),
    ("hsscp", D(2020, 6, 30), "newsletter", "Quarterly newsletter", "partners", None, "",
     (4, 3)),
    ("hsscp", D(2020, 5, 15), "forum", "Termly safeguarding forum for designated leads and "
     "head teachers", "schools", None, "", (6, 2)),
    ("hsscp", D(2020, 4, 20), "campaign", "Keep a caring eye on children during lockdown",
     "public", None, "", (1, 0)),
    ("hsscp", D(2020, 9, 1), "social_media", "HSSCP Twitter account launched", "public",
     None, "", (1, 0)),
    ("stscp", D(2023, 6, 30), "newsletter", "Quarterly newsletter on the Executive's work",
     "practitioners", None, "", (4, 3)),
]

# (slug, heard on, channel, voice, age band, said, theme, what changed, consent)
VOICE = [
    ("stscp", D(2023, 10, 2), "review", "young_people", "11-15",
     "Whether gangs feel real depends on what you have been through.", EXPLOITATION,
     "Young people's own account of risk shaped the exploitation review's recommendations.",
     True),
    ("stscp", D(2023, 10, 2), "review", "young_people", "11-15",
     "Watch out when a group of older people comes up and puts pressure on you.",
     EXPLOITATION, "Exploitation awareness sessions with schools on approaches by older "
                   "groups.", True),
    ("stscp", D(2023, 11, 9), "forum", "children", "mixed",
     "Children acted out scenes of the violence they see day to day.", EXPLOITATION,
     "A stronger link with the Violence Reduction Partnership and a multi-agency "
     "self-assessment against the serious youth violence inspection criteria.", True),
    ("stscp", D(2024, 2, 20), "individual", "young_people", "16-17",
     "Nobody told me why my worker changed.", "Voice of the child",
     "Raised with the service so that young people are told when and why their worker "
     "changes.", False),
]


def _scrutineer(partnership):
    assignment = RoleAssignment.objects.filter(
        role=Role.SCRUTINEER, partnership=partnership).select_related("person").first()
    return assignment.person if assignment else None


def _months_later(day: datetime.date, months: int) -> datetime.date:
    from core.calendar import add_months

    return add_months(day, months)


def load(stdout=None) -> None:
    actor = system_actor()
    partnerships = {p.slug: p for p in Partnership.objects.filter(slug__in=["hsscp", "stscp"])}
    themes = {t.name: t for t in Theme.objects.all()}
    for slug, items in NATIONAL.items():
        p = partnerships.get(slug)
        for data in items if p else []:
            if not NationalItem.objects.filter(partnership=p, title=data["title"]).exists():
                services.national_item_create(actor=actor, partnership=p, data=data)
    for slug, data in APPOINTMENTS.items():
        p = partnerships.get(slug)
        person = p and _scrutineer(p)
        if person and not ScrutineerAppointment.objects.filter(partnership=p).exists():
            services.appointment_create(actor=actor, partnership=p,
                                        data={**data, "person": person})
    for slug, rows in SCRUTINY.items():
        p = partnerships.get(slug)
        for kind, title, held, summary, response, on, text, findings in rows if p else []:
            if ScrutinyActivity.objects.filter(partnership=p, title=title).exists():
                continue
            activity = services.scrutiny_activity_create(
                actor=actor, partnership=p, themes=[themes[EXPLOITATION]],
                data={"kind": kind, "title": title, "held_on": held, "summary": summary,
                      "scrutineer": _scrutineer(p), "response": response, "response_on": on,
                      "response_text": text})
            _findings(actor, p, activity, findings)
    for slug, (year, text) in STATEMENT.items():
        p = partnerships.get(slug)
        if p and not ScrutinyStatement.objects.filter(partnership=p, year_start=year).exists():
            written = services.statement_save(actor=actor, partnership=p, year_start=year,
                                              text=text, expected_version=0)
            services.statement_approve(actor=actor, statement=written,
                                       expected_version=written.version)
    for slug, first, kind, title, audience, reach, measure, (count, gap) in COMMUNICATION:
        p = partnerships.get(slug)
        if p is None or CommunicationItem.objects.filter(partnership=p, title=title).exists():
            continue
        for n in range(count):
            services.communication_create(actor=actor, partnership=p, data={
                "kind": kind, "title": title, "issued_on": _months_later(first, n * gap),
                "audience": audience, "reach": reach, "measure": measure})
    for slug, heard, channel, voice, band, said, theme, changed, consent in VOICE:
        p = partnerships.get(slug)
        if p is None or VoiceItem.objects.filter(partnership=p, said=said).exists():
            continue
        services.voice_create(actor=actor, partnership=p, data={
            "heard_on": heard, "channel": channel, "voice": voice, "age_band": band,
            "said": said, "theme": themes.get(theme), "what_changed": changed,
            "consent": consent, "consent_recorded_on": heard if consent else None})


def _findings(actor, partnership, activity, findings) -> None:
    """The scrutiny's findings, recommendations and actions, on its learning source: they
    join the combined learning action plan."""
    from learning.services import actions as learning

    for text, rec_text, action_title, owner_name, due in findings:
        finding = learning.finding_create(actor=actor, partnership=partnership,
                                          source=activity.source, text=text)
        if not rec_text:
            continue
        recommendation = learning.recommendation_create(actor=actor, finding=finding,
                                                        text=rec_text)
        owner = Organisation.objects.filter(name=owner_name, partnerships=partnership).first()
        if action_title and owner is not None:
            learning.action_create_for_recommendation(
                actor=actor, recommendation=recommendation, title=action_title, due_date=due,
                owner_organisation=owner)
