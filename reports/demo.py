"""Demo yearly reports: HSSCP 2020-21 (seed 000) and STSCP 2023-24 (seed 001).

What people write (forewords, the scrutineer's statement, priorities, the month-by-month
account with its safeguarding impact) is paraphrased from the seeds; every author is named by
role only. The budgets the reports show are finance's demo (finance.demo). Sign-off,
publication and circulation dates are illustrative. Every figure the report shows is computed from records.
Idempotent: rows are keyed on natural keys and only rewritten when they differ.
"""

from __future__ import annotations

import datetime

from core.demo.loader import upsert
from core.models import Partnership

from .models import (
    ActivityItem,
    NarrativeBlock,
    Priority,
    PublicationEvent,
    YearlyReport,
)
from .text import clean

D = datetime.date
K = ActivityItem.Kind

HSSCP = {
    "year": 2020,
    "vision": "Every child in Hartlepool and Stockton will feel safe, secure and be protected "
              "from harm, enabling them to reach their full potential.",
    "signed_off": (D(2021, 9, 14), "The lead safeguarding partners: the two borough councils' "
                   "chief executives, the Chief Constable and the clinical commissioning "
                   "group's accountable officer"),
    "published": (D(2021, 9, 28), "https://hsscp.example/annual-report-2020-21"),
    "events": [
        ("sent", "national_panel", "Child Safeguarding Practice Review Panel", D(2021, 10, 1)),
        ("sent", "foundations", "What Works Centre for Children's Social Care", D(2021, 10, 1)),
        ("presented", "health_wellbeing", "Hartlepool Health and Wellbeing Board",
         D(2021, 11, 8)),
        ("presented", "health_wellbeing", "Stockton-on-Tees Health and Wellbeing Board",
         D(2021, 11, 24)),
        ("presented", "scrutiny_panel", "Stockton-on-Tees Children and Young People Select "
         "Committee", D(2021, 12, 2)),
    ],
    "blocks": [
        ("foreword", "Foreword by the Independent Chair", "Independent Chair",
         "This is my last introduction to the partnership's annual report after seven years "
         "as Independent Chair.\n\n"
         "The greatest challenge of 2020-21 was keeping children safe through the Covid-19 "
         "pandemic. Lockdowns meant that children were out of sight of agencies, and of "
         "schools in particular, far more than usual. Partners adapted together: vulnerable "
         "children were risk-assessed with schools and contact was kept up throughout.\n\n"
         "Where agencies' responses did not achieve what was needed, the partnership "
         "identified it and made sure the learning reached every partner. Its rapid review "
         "process continues to be well regarded by the national Panel."),
        ("little_progress", "Where there was little or no progress", "Independent Chair",
         "During the year I challenged the partners to be clearer about their strategic "
         "priorities, how they would deliver them and their impact, and about independent "
         "scrutiny arrangements. The partners accepted this: the priorities for 2021-22 and "
         "the next steps in this report are their answer."),
        ("scrutiny", "Independent scrutiny", "Independent Chair",
         "The Executive is chaired independently to provide scrutiny and challenge. In "
         "2020-21 the Chair concluded that the partnership reacts well to safeguarding "
         "issues and learns from them, and that it should now set out clearer strategic "
         "priorities with measures of their impact, and strengthen its independent "
         "scrutiny arrangements."),
    ],
    "priorities": [
        ("Safeguarding through the Covid-19 pandemic", False,
         "Keep vulnerable children visible to agencies through lockdowns.",
         "Partnership meetings and practice reviews continued virtually; face-to-face "
         "training was replaced by a virtual programme.",
         "Risk assessments of vulnerable children were shared with schools and contact "
         "with families was maintained.",
         "Keep the virtual offer where it works better for practitioners.", False),
        ("Learning from reviews", False,
         "Turn the learning from reviews and key lines of enquiry into practice change.",
         "Review learning formed one combined learning action plan; briefings and "
         "procedures followed.",
         "New Tees-wide procedures and guidance; neglect training re-launched.",
         "Learning from reviews and good practice becomes a priority for 2021-22.", False),
        ("Partnership development", True,
         "Governance and engagement of the partnership.", "", "", "", False),
        ("Contextual safeguarding", True, "", "", "", "", False),
        ("Domestic abuse", True, "", "", "", "", False),
        ("Learning from reviews and good practice", True,
         "Active learning, audit and impact on front-line practice.", "", "", "", False),
    ],
    "activity": [
        (D(2020, 4, 20), K.COMMUNICATION, "Keep a caring eye on children",
         "A press statement, social media posts and a poster asked the public to keep a "
         "caring eye on children during the first national lockdown.",
         "The public were made aware of how restrictions raised children's vulnerability "
         "and how to report concerns.", None),
        (D(2020, 6, 15), K.REVIEW, "Concealed pregnancy procedure from the Eve review",
         "A Tees-wide concealed pregnancy procedure and guidance on working with families "
         "who find it hard to engage were developed from the Eve serious case review's "
         "recommendations.",
         "Practitioners across Tees follow one procedure when a pregnancy is concealed.",
         None),
        (D(2020, 9, 14), K.TRAINING, "Virtual multi-agency training programme",
         "Classroom courses moved online; a new virtual programme went to the multi-agency "
         "workforce, alongside e-learning.",
         "Evaluations show practitioners applying the learning: one reported understanding "
         "what had happened to a child they work with.", None),
        (D(2020, 9, 28), K.AUDIT, "Key line of enquiry: children missing from home or care",
         "The deep dive was completed; its recommendations went to the contextual "
         "safeguarding planning group.",
         "The police now have a dedicated child exploitation team.", None),
        (D(2020, 10, 21), K.AUDIT, "Multi-agency audit day: domestic abuse",
         "Agencies audited cases where domestic abuse was present.",
         "Its findings made domestic abuse one of the priorities for 2021-22.", None),
        (D(2020, 11, 18), K.EVENT, "Contextual safeguarding conference",
         "A multi-agency conference on contextual safeguarding, including children going "
         "missing.",
         "Practitioners better understand risks outside the home.", 120),
        (D(2021, 2, 17), K.AUDIT, "Multi-agency audit day: children in need",
         "Children in need cases, step-up and step-down, and decision-making.",
         "Step-down practice is being strengthened through the action plan.", None),
        (D(2021, 3, 9), K.REVIEW, "Step-down learning from the ALEX review",
         "Briefings shared the ALEX review's learning; it is built into the new neglect "
         "training for 2021-22.",
         "Step-down from child protection now includes a multi-agency review of risk.", None),
        (D(2021, 3, 24), K.COMMUNICATION, "Forums, newsletters and e-bulletins",
         "Termly designated safeguarding lead forums, quarterly newsletters and monthly "
         "e-bulletins carried key messages across the workforce.",
         "School safeguarding leads hear the partnership's learning directly.", None),
    ],
}

STSCP = {
    "year": 2023,
    "vision": "",
    "signed_off": (D(2024, 9, 10), "The four statutory partners' lead representatives"),
    "published": (D(2024, 9, 27), "https://stscp.example/annual-report-2023-24"),
    "events": [
        ("sent", "national_panel", "Child Safeguarding Practice Review Panel", D(2024, 10, 2)),
        ("sent", "foundations", "Foundations", D(2024, 10, 2)),
        ("presented", "scrutiny_panel", "Middlesbrough Children and Families Scrutiny Panel",
         D(2024, 11, 6)),
        ("presented", "scrutiny_panel", "Redcar and Cleveland Children and Families Scrutiny "
         "Panel", D(2024, 11, 13)),
        ("presented", "health_wellbeing", "South Tees Live Well Board", D(2024, 12, 4)),
    ],
    "blocks": [
        ("foreword", "Foreword from the statutory partners", "The statutory partners",
         "This report sets out what the partnership achieved in 2023-24 and the experiences "
         "of children and young people across South Tees. New arrangements only work if "
         "they make a difference to children's wellbeing.\n\n"
         "The partnership completed no rapid reviews this year, so no new local practice "
         "reviews were needed; it signed off reviews begun earlier and completed several "
         "multi-agency audits, including the Section 11 challenge of key partners."),
        ("little_progress", "Where there was little or no progress", "The statutory partners",
         "A multi-agency quality assurance framework that uses learning from serious "
         "incidents and audits is not yet in place: the review of the Tees performance "
         "management framework will finish in the first quarter of 2024-25. Embedding the "
         "Tees escalation process and direct work with children remain areas for "
         "improvement."),
        ("scrutiny", "Independent scrutineer's statement", "Independent Scrutineer",
         "Independent scrutiny is used as set out in the partnership's six steps to "
         "independent scrutiny. There is a well-established process for agreeing the "
         "budget, which appears sufficient for the work planned; a three-year plan would "
         "help longer-term planning.\n\n"
         "My conclusion: the arrangements are working, and there is a forward plan for "
         "scrutiny in 2024-25, with additional scrutineers to be considered."),
    ],
    "priorities": [
        ("Exploitation", False,
         "Children and young people free from the risk and harm of exploitation, going "
         "missing or being trafficked.",
         "An observational review of Tees-wide exploitation arrangements by both "
         "partnerships' scrutineers; the exploitation review signed off.",
         "Professionals better able to identify and respond to child criminal exploitation.",
         "A review of the arrangements for protecting individual children (April 2024).",
         False),
        ("Neglect", False,
         "Reduce neglect and its impact; help at the earliest opportunity.",
         "A line-of-sight review of neglect; a task and finish group drafting a South Tees "
         "neglect strategy.",
         "Better understanding of neglect and of prevention and early help.",
         "Publish the neglect strategy in summer 2024.", False),
        ("Empowering young people", False,
         "A clear focus on the needs and experience of young people.",
         "Young people's views shaped the exploitation review.",
         "", "Integrate the voice of the child into the partnership's work.", True),
        ("Working together", False, "Excellent partnership working across all areas.",
         "Middlesbrough adopted the Tees-wide threshold of need.",
         "One set of thresholds across the four Tees local authorities.",
         "Prepare for Working Together 2023.", False),
        ("Exploitation", True, "", "", "", "", False),
        ("Neglect", True, "", "", "", "", False),
        ("Empowering young people", True, "", "", "", "", False),
        ("Working together, with a focus on the impact of domestic abuse", True, "", "",
         "", "", False),
    ],
    "activity": [
        (D(2023, 4, 19), K.EVENT, "Non-accidental injury in under-ones learning event",
         "A Tees-wide event on non-accidental injury and hidden partners, drawing on recent "
         "reviews and the national Panel's findings.",
         "Professionals are better equipped to identify babies at greater risk and to be "
         "curious about adults around young families.", 100),
        (D(2023, 5, 16), K.REVIEW, "Line-of-sight review of neglect",
         "An independent reviewer examined three cases of long-standing neglect; signed "
         "off in June 2023.",
         "Its recommendations inform the neglect task and finish group's review of "
         "policies and procedures.", None),
        (D(2023, 5, 24), K.AUDIT, "Review of the Tees performance management framework",
         "A review of all data collected across Tees began.",
         "Partners will assess performance jointly and target assurance where it is "
         "needed.", None),
        (D(2023, 6, 14), K.REVIEW, "Action plan challenge event: Kingfisher",
         "Agencies presented evidence of their actions to a panel chaired by an independent "
         "scrutineer.",
         "Review actions are followed up and their impact tested; escalation and the "
         "inclusion of housing and substance misuse services need more work.", None),
        (D(2023, 6, 28), K.AUDIT, "Audit of cases with domestic abuse",
         "The Quality and Performance group audited children's cases where domestic abuse "
         "was present.",
         "Communication between partners and professional challenge were confirmed as "
         "working well.", None),
        (D(2023, 7, 19), K.SCRUTINY, "Observational review of exploitation arrangements",
         "Both partnerships' independent scrutineers observed the Tees-wide exploitation "
         "arrangements.",
         "Recommendations accepted in full by both Executives.", None),
        (D(2023, 8, 16), K.REVIEW, "Exploitation review signed off",
         "The thematic review of child criminal exploitation was signed off; a five-point "
         "learning brief was circulated.",
         "Two learning sessions reached more than 100 professionals.", 100),
        (D(2023, 9, 20), K.REVIEW, "Combined action plan for recent reviews",
         "The Learning and Development group oversaw the combined action plan.",
         "Recommendations are implemented through changed processes, assurance and "
         "seven-minute briefings.", None),
        (D(2023, 10, 18), K.VOICE, "Young people's voices in the exploitation review",
         "Young people described how exploitation looks from where they stand, and how "
         "unsafe some places feel.",
         "Their accounts shaped the review's learning brief and the partnership's plan to "
         "integrate the voice of the child into its work.", None),
        (D(2023, 11, 15), K.EVENT, "Contextual safeguarding and exclusion event",
         "Head teachers and partners across Tees met with speakers with lived experience.",
         "Raised the profile of exploitation and its link with exclusion; every attendee "
         "received a resource pack.", 125),
        (D(2023, 12, 13), K.TRAINING, "Drug-using parents in multi-agency training",
         "Public Health delivered training on signs of drug ingestion in children, "
         "following the Kingfisher review.",
         "Professionals know what to do if they suspect a child has ingested drugs.", None),
        (D(2024, 1, 17), K.MEETING, "Tees-wide threshold of need adopted",
         "Middlesbrough agreed to use the Tees-wide children's threshold of need.",
         "One set of thresholds for the four Tees local authorities.", None),
        (D(2024, 1, 24), K.AUDIT, "Mock joint targeted area inspection",
         "The Quality and Performance group ran a mock inspection.",
         "Early learning on how agencies identify and protect vulnerable children.", None),
        (D(2024, 1, 31), K.REVIEW, "Action plan challenge event: Liam",
         "Partners reviewed their action plans and changes to services.",
         "Agencies showed practice changes because of the review.", None),
        (D(2024, 3, 20), K.TRAINING, "Training programme aligned across Tees",
         "The training programme now matches HSSCP's, with e-learning open to adults' and "
         "children's services and the voluntary sector.",
         "Learning reaches every organisation with one consistent approach.", None),
    ],
}

def _load(partnership, spec):
    report = upsert(YearlyReport, {"partnership": partnership, "year_start": spec["year"]}, {
        "vision": spec["vision"], "signed_off_on": spec["signed_off"][0],
        "signed_off_by": spec["signed_off"][1], "published_url": spec["published"][1]})
    for kind, title, author, body in spec["blocks"]:
        block = upsert(NarrativeBlock, {"report": report, "kind": kind},
                       {"title": title, "author": author, "body": clean(body)})
        if block.approved_version != block.version:
            upsert(NarrativeBlock, {"pk": block.pk}, {"approved_version": block.version,
                                                      "approved_on": spec["signed_off"][0]})
    for order, (title, next_year, aim, done, impact, steps, little) in enumerate(
            spec["priorities"], start=1):
        upsert(Priority, {"report": report, "title": title, "for_next_year": next_year},
               {"order": order, "aim": aim, "done": done, "impact": impact,
                "next_steps": steps, "little_progress": little})
    for on, kind, title, description, impact, reach in spec["activity"]:
        # An event's number is its attendance; for other activity it is the people reached.
        numbers = ({"attendees": reach, "reach": None} if kind == K.EVENT
                   else {"reach": reach, "attendees": None})
        upsert(ActivityItem, {"partnership": partnership, "title": title, "happened_on": on},
               {"kind": kind, "description": description, "safeguarding_impact": impact,
                **numbers})
    for how, kind, recipient, on in spec["events"]:
        upsert(PublicationEvent, {"report": report, "recipient": recipient, "how": how},
               {"recipient_kind": kind, "on": on})


def _meetings_of_the_year(partnership, year: int) -> None:
    """The report year's Executive and Engine Room meetings, held, so the report's "meetings
    held" counts records (the governance demo's meetings are around today)."""
    from core.models import User
    from core.services import system_actor
    from governance import services as governance
    from governance.models import Group, Meeting

    if not User.objects.filter(username=f"bu.{partnership.slug}").exists():
        return
    actor = system_actor()  # the demo acts as the system, named so in the audit trail
    first, last = datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)
    for group in Group.objects.filter(
            partnerships=partnership, kind__in=[Group.Kind.EXECUTIVE, Group.Kind.ENGINE_ROOM],
            cadence_every__isnull=False):
        governance.meetings_generate(actor=actor, partnership=partnership, group=group,
                                     first=first, last=last, start_time=datetime.time(10),
                                     duration_minutes=120, location="Online")
        group.meetings.filter(starts_at__date__gte=first, starts_at__date__lte=last).update(
            status=Meeting.Status.HELD)


def _publish(partnership, spec) -> None:
    """Publish the demo report once, on the date it was really published: a frozen version
    the public site serves (decision 0010). Loading again leaves it as it is."""
    from core.services import system_actor

    from . import services

    report = YearlyReport.objects.get(partnership=partnership, year_start=spec["year"])
    if not report.publications.exists():
        services.report_publish(actor=system_actor(), report=report,
                                published_on=spec["published"][0])


def load() -> None:
    partnerships = {p.slug: p for p in Partnership.objects.filter(slug__in=["hsscp", "stscp"])}
    for slug, spec in (("hsscp", HSSCP), ("stscp", STSCP)):
        if slug in partnerships:
            _load(partnerships[slug], spec)
            _meetings_of_the_year(partnerships[slug], spec["year"])
            _publish(partnerships[slug], spec)
