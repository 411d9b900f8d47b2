"""The Tees demo data: plain dicts and lists, written by `core.demo.loader`.

Partnerships, areas, child populations, organisations, groups and cadences follow the seed
documents (HSSCP annual report 2020-21, STSCP annual report 2023-24, HSSCP business case 2019,
Hartlepool Health and Wellbeing Board papers December 2019). Every person is invented.
Where the seeds give no cadence for a group, the one chosen here is marked "assumed".
"""

from __future__ import annotations

import datetime

HSSCP = "hsscp"
STSCP = "stscp"
BOTH = (HSSCP, STSCP)

SEED_000 = "HSSCP annual report 2020-21 (seed 000)"
SEED_001 = "STSCP annual report 2023-24 (seed 001)"
SEED_003 = "HSSCP business case 2019 (seed 003)"
SEED_004 = "Hartlepool Health and Wellbeing Board papers, Dec 2019 (seed 004)"

DEMO_PASSWORD = "Tees-demo-2026!"
DEMO_URL = "http://127.0.0.1:8000/"

PARTNERSHIPS = [
    {
        "slug": HSSCP,
        "name": "Hartlepool and Stockton-on-Tees Safeguarding Children Partnership",
        "short_name": "HSSCP",
        "summary": (
            "The three safeguarding partners for Hartlepool and Stockton-on-Tees - the two "
            "borough councils, Cleveland Police and the NHS - working together since April "
            "2019 so that every child in both towns is safe and can reach their potential. "
            "An Executive sets direction and takes assurance; the Engine Room turns learning "
            "from reviews, audits and key lines of enquiry into changes in front-line practice."
        ),
    },
    {
        "slug": STSCP,
        "name": "South Tees Safeguarding Children Partnership",
        "short_name": "STSCP",
        "summary": (
            "Middlesbrough Council, Redcar and Cleveland Borough Council, Cleveland Police and "
            "the North East and North Cumbria ICB, funding the partnership equally and sharing "
            "responsibility for keeping children in Middlesbrough and Redcar & Cleveland safe. "
            "Priorities: exploitation, neglect, empowering young people and working together, "
            "with a focus on the impact of domestic abuse on children."
        ),
    },
]

# ons_code, name, partnership
AREAS = [
    ("E06000001", "Hartlepool", HSSCP),
    ("E06000002", "Middlesbrough", STSCP),
    ("E06000003", "Redcar and Cleveland", STSCP),
    ("E06000004", "Stockton-on-Tees", HSSCP),
]

# ons_code, year, children aged 0-17, source. Only figures the seeds give.
POPULATIONS = [
    ("E06000001", 2018, 20006,
     f"{SEED_004}: safeguarding snapshot 2018-19, children and young people under 18"),
    ("E06000001", 2020, 20054,
     f"{SEED_000}: Hartlepool safeguarding snapshot 2020-21, children under 18"),
    ("E06000004", 2020, 43848,
     f"{SEED_000}: Stockton-on-Tees safeguarding snapshot 2020-21, children under 18"),
    ("E06000002", 2023, 33499,
     f"{SEED_001}: 'South Tees the place', children under 18 (figure placed by the "
     "Middlesbrough label in the extracted text)"),
    ("E06000003", 2023, 28992,
     f"{SEED_001}: 'South Tees the place', children under 18 (figure placed by the "
     "Redcar & Cleveland label in the extracted text)"),
]

LA = "local_authority"
POLICE = "police"
ICB = "icb"
AGENCY = "relevant_agency"
SCHOOL = "school"
VOLUNTARY = "voluntary"
UNIT = "partnership"

# name, kind, partnerships served
ORGANISATIONS = [
    # Statutory safeguarding partners
    ("Hartlepool Borough Council", LA, (HSSCP,)),
    ("Stockton-on-Tees Borough Council", LA, (HSSCP,)),
    ("Middlesbrough Council", LA, (STSCP,)),
    ("Redcar and Cleveland Borough Council", LA, (STSCP,)),
    ("Cleveland Police", POLICE, BOTH),
    ("North East and North Cumbria Integrated Care Board", ICB, BOTH),
    ("Tees Valley Clinical Commissioning Group", ICB, (HSSCP,)),
    ("Hartlepool and Stockton-on-Tees Clinical Commissioning Group", ICB, (HSSCP,)),
    # Relevant agencies
    ("North Tees and Hartlepool NHS Foundation Trust", AGENCY, (HSSCP,)),
    ("Tees, Esk and Wear Valleys NHS Foundation Trust", AGENCY, BOTH),
    ("North East Ambulance Service NHS Foundation Trust", AGENCY, BOTH),
    ("NHS England", AGENCY, BOTH),
    ("National Probation Service", AGENCY, BOTH),
    ("HM Prison and Probation Service", AGENCY, BOTH),
    ("Durham Tees Valley Community Rehabilitation Company", AGENCY, (HSSCP,)),
    ("Hartlepool Youth Offending Team", AGENCY, (HSSCP,)),
    ("Stockton-on-Tees Youth Offending Team", AGENCY, (HSSCP,)),
    ("South Tees Youth Justice Service", AGENCY, (STSCP,)),
    ("British Transport Police", AGENCY, (HSSCP,)),
    ("Children and Family Court Advisory and Support Service (Cafcass)", AGENCY, BOTH),
    ("Adoption Tees Valley", AGENCY, BOTH),
    ("Teeswide Safeguarding Adults Board", AGENCY, BOTH),
    ("Office of the Police and Crime Commissioner for Cleveland", AGENCY, BOTH),
    ("South Tees Public Health", AGENCY, (STSCP,)),
    # Education
    ("Middlesbrough Education", SCHOOL, (STSCP,)),
    ("Redcar and Cleveland Education", SCHOOL, (STSCP,)),
    # Voluntary bodies
    ("Hartlepool Carers", VOLUNTARY, (HSSCP,)),
    ("Healthwatch Hartlepool", VOLUNTARY, (HSSCP,)),
    ("Odd Arts", VOLUNTARY, BOTH),
    ("Dads & Lads", VOLUNTARY, BOTH),
    # Business units and independent roles
    ("HSSCP Business Unit", UNIT, (HSSCP,)),
    ("STSCP Business Unit", UNIT, (STSCP,)),
    ("Tees Independent Scrutiny", UNIT, BOTH),
]

# When bodies began or ended (name: (from, until)). NHS Tees Valley CCG formed on
# 1 April 2020 from the Hartlepool and Stockton-on-Tees CCG and its neighbours; the
# integrated care boards took over from the CCGs on 1 July 2022 (Health and Care Act 2022).
ORGANISATION_DATES = {
    "Hartlepool and Stockton-on-Tees Clinical Commissioning Group":
        (None, datetime.date(2020, 3, 31)),
    "Tees Valley Clinical Commissioning Group":
        (datetime.date(2020, 4, 1), datetime.date(2022, 6, 30)),
    "North East and North Cumbria Integrated Care Board": (datetime.date(2022, 7, 1), None),
}

HBC = "Hartlepool Borough Council"
SBC = "Stockton-on-Tees Borough Council"
MBC = "Middlesbrough Council"
RCBC = "Redcar and Cleveland Borough Council"
POL = "Cleveland Police"
NENC = "North East and North Cumbria Integrated Care Board"
NTH = "North Tees and Hartlepool NHS Foundation Trust"
TEWV = "Tees, Esk and Wear Valleys NHS Foundation Trust"
NPS = "National Probation Service"
HYOT = "Hartlepool Youth Offending Team"
STYJ = "South Tees Youth Justice Service"
STPH = "South Tees Public Health"
MEDU = "Middlesbrough Education"
HBU = "HSSCP Business Unit"
SBU = "STSCP Business Unit"
SCRUT = "Tees Independent Scrutiny"
CAF = "Children and Family Court Advisory and Support Service (Cafcass)"
NEAS = "North East Ambulance Service NHS Foundation Trust"
ODD = "Odd Arts"

# Fictional people: name, job title, organisation. Keyed on name (unique in the demo).
PEOPLE = [
    # Demo logins (see USERS)
    ("Rachel Ormond", "Partnership Business Manager", HBU),
    ("Daniel Kettering", "Director of Children's Services", HBC),
    ("Imogen Padley", "Detective Superintendent, Safeguarding", POL),
    ("Owen Threlfall", "Named Nurse for Safeguarding Children", NTH),
    ("Priya Dunstable", "Head of Safeguarding", TEWV),
    ("Martin Ashdown", "Independent Scrutineer", SCRUT),
    ("Sophie Calloway", "Senior Social Worker, Children's Hub", SBC),
    ("Helen Brackley", "Partnership Business Manager", SBU),
    ("Gareth Penhaligon", "Tees Training and Development Co-ordinator", HBU),
    # HSSCP Executive and Engine Room
    ("Andrea Whitlow", "Independent Chair, HSSCP Executive", SCRUT),
    ("Colin Rayworth", "Director of Children's Services", SBC),
    ("Fiona Marchbank", "Director of Nursing and Quality", NENC),
    ("Stuart Hebblethwaite", "Assistant Chief Constable", POL),
    ("Lorna Fazackerley", "Head of Safeguarding and Review", HBC),
    ("Neil Oughtred", "Head of Children's Social Care", SBC),
    ("Bethany Yeadon", "Designated Nurse for Safeguarding Children", NENC),
    ("Kieran Mossop", "Detective Inspector, Child Abuse Investigation", POL),
    ("Joanne Tindle", "Early Help Manager", HBC),
    ("Wendy Aldersley", "Local Authority Designated Officer", SBC),
    ("Craig Bellerby", "Youth Offending Team Manager", HYOT),
    ("Tessa Quarmby", "Senior Probation Officer", NPS),
    ("Alan Fothergill", "Independent Reviewing Officer Service Manager", HBC),
    ("Nadia Pellow", "Partnership Support Officer", HBU),
    ("Eleanor Sowerby", "Deputy Named Nurse for Safeguarding Children", NTH),
    ("Marcus Heathfield", "Detective Sergeant, Child Abuse Investigation", POL),
    # STSCP
    ("Catherine Lumley", "Executive Director of Children's Services", RCBC),
    ("Paul Dinsdale", "Director of Children's Care", MBC),
    ("Sarah Grisedale", "Director of Public Health", STPH),
    ("Vikram Sandhu", "Detective Chief Superintendent", POL),
    ("Gillian Raine", "Associate Director of Safeguarding", NENC),
    ("Robert Kildale", "Head Teacher representative", MEDU),
    ("Zoe Hartburn", "Head of Youth Justice", STYJ),
    ("Leanne Coverdale", "Head of Service, Multi Agency Children's Hub", MBC),
    ("Thomas Easby", "Principal Social Worker", RCBC),
    ("Aisha Malik-Reeve", "Public Health Principal", STPH),
    ("Joseph Ormesby", "Safeguarding Lead, Schools", MEDU),
    ("Karen Westerdale", "Partnership Support Officer", SBU),
    ("Ruth Skelbrooke", "Named Nurse, Looked After Children", TEWV),
    # Tees-wide
    ("Janet Stainsby", "Consultant in Public Health (CDOP chair)", STPH),
    ("Michael Lackenby", "Tees Procedures Co-ordinator", HBU),
    ("Hannah Normanby", "Designated Doctor for Child Deaths", NENC),
    ("Graham Thornaby", "Detective Superintendent, Vulnerability", POL),
    ("Louise Eaglescliffe", "Missing and Exploitation Co-ordinator", MBC),
    ("Simon Wolviston", "Safeguarding Practitioner", NEAS),
    ("Deborah Preston-Lyle", "Service Manager, Cafcass", CAF),
    ("Ian Greatham", "Creative Director (commissioned trainer)", ODD),
]

# username -> person, roles (role, partnership, group name or None, organisation or None)
USERS = {
    "bu.hsscp": {"person": "Rachel Ormond", "roles": [("business_unit", HSSCP, None, None)]},
    "delegate.hsscp": {
        "person": "Daniel Kettering", "roles": [("partner_delegate", HSSCP, None, None)],
    },
    "chair.hsscp": {
        "person": "Imogen Padley",
        "roles": [("group_chair", HSSCP, "HSSCP Engine Room", None)],
    },
    "member.hsscp": {
        "person": "Owen Threlfall",
        "roles": [("group_member", HSSCP, "HSSCP Engine Room", None)],
    },
    "agencylead.hsscp": {
        "person": "Priya Dunstable", "roles": [("agency_lead", HSSCP, None, TEWV)],
    },
    "scrutineer.tees": {
        "person": "Martin Ashdown",
        "roles": [("scrutineer", HSSCP, None, None), ("scrutineer", STSCP, None, None)],
    },
    "practitioner.hsscp": {
        "person": "Sophie Calloway", "roles": [("practitioner", HSSCP, None, None)],
    },
    "bu.stscp": {"person": "Helen Brackley", "roles": [("business_unit", STSCP, None, None)]},
    "bu.tees": {
        "person": "Gareth Penhaligon",
        "roles": [("business_unit", HSSCP, None, None), ("business_unit", STSCP, None, None)],
    },
}

EXEC_H = "HSSCP Executive"
ENGINE_H = "HSSCP Engine Room"
EXEC_S = "STSCP Executive"
DEV_S = "STSCP Development Group"

# Groups. cadence: (every, unit) or None. members: (person, group role, deputy or None).
# `slot` is (weekday 0=Mon, hour, minute, length in hours): when the group usually meets.
GROUPS = [
    {
        "name": EXEC_H, "kind": "executive", "partnerships": (HSSCP,), "reports_to": None,
        "cadence": (2, "months"), "slot": (1, 10, 0, 2),
        "location": "Civic Centre, Hartlepool",
        "chair": "Andrea Whitlow",
        "chair_rota": "",
        "purpose": (
            "The safeguarding partners meet formally every two months to check that local "
            "arrangements work, set direction, take assurance from services and hold "
            "partners to account. Chaired independently to bring scrutiny and challenge."
        ),
        "terms": (
            "Members: the four statutory safeguarding partners' delegates, the independent "
            "chair and the partnership business manager. Quorate with three partners present. "
            "Receives the Engine Room's learning and impact reports, assurance reports from "
            "front-line services (Early Help, LADO, IRO, private fostering, the Children's "
            "Hub) and the child death overview panel; commissions practice reviews; signs "
            "off the yearly report and the budget."
        ),
        "members": [
            ("Andrea Whitlow", "chair", None),
            ("Daniel Kettering", "member", "Lorna Fazackerley"),
            ("Colin Rayworth", "member", "Neil Oughtred"),
            ("Fiona Marchbank", "member", "Bethany Yeadon"),
            ("Stuart Hebblethwaite", "member", "Imogen Padley"),
            ("Rachel Ormond", "adviser", None),
            ("Martin Ashdown", "adviser", None),
        ],
    },
    {
        "name": ENGINE_H, "kind": "engine_room", "partnerships": (HSSCP,),
        "reports_to": EXEC_H, "cadence": (6, "weeks"), "slot": (2, 13, 30, 2),
        "location": "Municipal Buildings, Stockton-on-Tees",
        "chair": "Imogen Padley",
        "chair_rota": "Chaired by a statutory partner in turn (rota agreed by the Executive)",
        "purpose": (
            "Does the partnership's work on behalf of the Executive: identifies key lines of "
            "enquiry from data and reviews, commissions audits and active learning sets with "
            "independent critical friends, and reports learning and impact back."
        ),
        "terms": (
            "Meets every six weeks. Members attend every meeting or send a briefed deputy. "
            "Identifies themes from performance data, local and national reviews and audits; "
            "plans multi-agency audits and KLOE deep dives; oversees the combined learning "
            "action plan; analyses training needs; reports findings to the Tees groups and "
            "escalates to the Executive whatever needs a partner decision."
        ),
        "members": [
            ("Imogen Padley", "chair", "Marcus Heathfield"),
            ("Lorna Fazackerley", "vice_chair", None),
            ("Neil Oughtred", "member", None),
            ("Bethany Yeadon", "member", None),
            ("Owen Threlfall", "member", "Eleanor Sowerby"),
            ("Priya Dunstable", "member", None),
            ("Joanne Tindle", "member", None),
            ("Wendy Aldersley", "member", None),
            ("Craig Bellerby", "member", None),
            ("Tessa Quarmby", "member", None),
            ("Rachel Ormond", "adviser", "Nadia Pellow"),
        ],
    },
    {
        "name": EXEC_S, "kind": "executive", "partnerships": (STSCP,), "reports_to": None,
        "cadence": (2, "months"), "slot": (3, 10, 0, 2),  # cadence assumed
        "location": "Redcar and Cleveland House, Redcar",
        "chair": "Catherine Lumley",
        "chair_rota": (
            "Chaired by a statutory partner on a two-year rotation; Cleveland Police next"
        ),
        "purpose": (
            "The four statutory partners, with public health, youth justice and education, "
            "oversee the South Tees arrangements, agree priorities and budget, and receive "
            "reports on front-line practice from the services that write them."
        ),
        "terms": (
            "Sub-group chairs report in person and may escalate issues. Authors of assurance "
            "reports (Early Help, LADO, IRO, private fostering, the Multi Agency Children's "
            "Hubs) attend for discussion. Signs off practice reviews and the annual report."
        ),
        "members": [
            ("Catherine Lumley", "chair", "Thomas Easby"),
            ("Paul Dinsdale", "member", "Leanne Coverdale"),
            ("Gillian Raine", "member", None),
            ("Vikram Sandhu", "member", "Graham Thornaby"),
            ("Sarah Grisedale", "member", "Aisha Malik-Reeve"),
            ("Zoe Hartburn", "member", None),
            ("Robert Kildale", "member", None),
            ("Helen Brackley", "adviser", None),
            ("Martin Ashdown", "adviser", None),
        ],
    },
    {
        "name": DEV_S, "kind": "engine_room", "partnerships": (STSCP,), "reports_to": EXEC_S,
        "cadence": (6, "weeks"), "slot": (0, 14, 0, 2),  # cadence assumed
        "location": "Middlesbrough Town Hall",
        "chair": "Paul Dinsdale",
        "chair_rota": "",
        "purpose": (
            "The South Tees engine room: turns the Executive's priorities into a work "
            "programme and co-ordinates the sub-groups and Tees-wide groups."
        ),
        "terms": (
            "Sets and tracks the business plan, reviews the learning action plan, agrees "
            "audit topics with Quality and Performance and escalates risks to the Executive."
        ),
        "members": [
            ("Paul Dinsdale", "chair", None),
            ("Leanne Coverdale", "member", None),
            ("Thomas Easby", "member", None),
            ("Gillian Raine", "member", None),
            ("Aisha Malik-Reeve", "member", None),
            ("Zoe Hartburn", "member", None),
            ("Joseph Ormesby", "member", None),
            ("Helen Brackley", "adviser", "Karen Westerdale"),
            ("Gareth Penhaligon", "adviser", None),
        ],
    },
    {
        "name": "STSCP Learning and Development Group", "kind": "sub_group",
        "partnerships": (STSCP,), "reports_to": DEV_S,
        "cadence": (3, "months"), "slot": (1, 14, 0, 2),  # cadence assumed
        "location": "Online (Teams)",
        "chair": "Gillian Raine",
        "chair_rota": "",
        "purpose": (
            "Makes sure learning from reviews and audits reaches every organisation, "
            "through briefings, learning events and the training programme."
        ),
        "terms": "Chaired by the Integrated Care Board. Reports to the Development Group.",
        "members": [
            ("Gillian Raine", "chair", None),
            ("Thomas Easby", "member", None),
            ("Ruth Skelbrooke", "member", None),
            ("Joseph Ormesby", "member", None),
            ("Karen Westerdale", "adviser", None),
        ],
    },
    {
        "name": "STSCP Quality and Performance Group", "kind": "sub_group",
        "partnerships": (STSCP,), "reports_to": DEV_S,
        "cadence": (3, "months"), "slot": (3, 13, 30, 2),  # cadence assumed
        "location": "Middlesbrough Town Hall",
        "chair": "Aisha Malik-Reeve",
        "chair_rota": "",
        "purpose": (
            "Runs multi-agency case audits and reads the performance data to find what is "
            "working, what is not, and what needs challenge."
        ),
        "terms": "Chaired by Public Health. Reports to the Development Group.",
        "members": [
            ("Aisha Malik-Reeve", "chair", None),
            ("Leanne Coverdale", "member", None),
            ("Ruth Skelbrooke", "member", None),
            ("Zoe Hartburn", "member", None),
            ("Karen Westerdale", "adviser", None),
        ],
    },
    {
        "name": "Tees Child Death Overview Panel", "kind": "tees_wide", "partnerships": BOTH,
        "reports_to": None, "cadence": (2, "months"), "slot": (4, 9, 30, 3),  # assumed
        "location": "Online (Teams)",
        "chair": "Janet Stainsby",
        "chair_rota": "",
        "purpose": (
            "Reviews the death of every child normally resident in Tees, looks for "
            "modifiable factors and reports themes to both partnerships twice a year."
        ),
        "terms": (
            "Chaired by Public Health. Serves HSSCP and STSCP; reports to both Executives."
        ),
        "members": [
            ("Janet Stainsby", "chair", None),
            ("Hannah Normanby", "member", None),
            ("Kieran Mossop", "member", None),
            ("Simon Wolviston", "member", None),
            ("Michael Lackenby", "adviser", None),
        ],
    },
    {
        "name": "Tees Procedures Group", "kind": "tees_wide", "partnerships": BOTH,
        "reports_to": None, "cadence": (3, "months"), "slot": (2, 10, 0, 2),  # assumed
        "location": "Online (Teams)",
        "chair": "Michael Lackenby",
        "chair_rota": "",
        "purpose": (
            "Keeps the Tees-wide safeguarding children procedures and the threshold "
            "document current, acting on recommendations from reviews in all four areas."
        ),
        "terms": "Serves HSSCP and STSCP; reports to both engine rooms.",
        "members": [
            ("Michael Lackenby", "chair", None),
            ("Lorna Fazackerley", "member", None),
            ("Thomas Easby", "member", None),
            ("Eleanor Sowerby", "member", None),
            ("Deborah Preston-Lyle", "member", None),
        ],
    },
    {
        "name": "Tees Strategic Exploitation Group", "kind": "tees_wide", "partnerships": BOTH,
        "reports_to": None, "cadence": (2, "months"), "slot": (1, 13, 0, 2),  # assumed
        "location": "Cleveland Police Headquarters, Middlesbrough",
        "chair": "Graham Thornaby",
        "chair_rota": "",
        "purpose": (
            "Leads the Tees response to children who are exploited, go missing or are "
            "trafficked (formerly the Tees Strategic VEMT group)."
        ),
        "terms": "Chaired by Cleveland Police. Serves HSSCP and STSCP.",
        "members": [
            ("Graham Thornaby", "chair", None),
            ("Louise Eaglescliffe", "member", None),
            ("Craig Bellerby", "member", None),
            ("Zoe Hartburn", "member", None),
            ("Joanne Tindle", "member", None),
        ],
    },
    {
        "name": "Tees Training and Events Group", "kind": "tees_wide", "partnerships": BOTH,
        "reports_to": None, "cadence": (2, "months"), "slot": (3, 10, 0, 2),
        "location": "Online (Teams)",
        "chair": "Gareth Penhaligon",
        "chair_rota": "",
        "purpose": (
            "Plans the joint Tees multi-agency training programme and learning events, and "
            "how key messages are communicated across both partnerships."
        ),
        "terms": "Meets every two months. Serves HSSCP and STSCP.",
        "members": [
            ("Gareth Penhaligon", "chair", None),
            ("Nadia Pellow", "member", None),
            ("Karen Westerdale", "member", None),
            ("Ruth Skelbrooke", "member", None),
            ("Ian Greatham", "adviser", None),
        ],
    },
    {
        "name": "STSCP Neglect Task and Finish Group", "kind": "task_and_finish",
        "partnerships": (STSCP,), "reports_to": DEV_S,
        "cadence": (4, "weeks"), "slot": (4, 13, 0, 1),
        "location": "Online (Teams)",
        "chair": "Thomas Easby",
        "chair_rota": "",
        "ends_in_days": 70,
        "purpose": (
            "Reviews neglect policies and procedures in the light of the line of sight review "
            "of neglect cases, and proposes a refreshed neglect strategy."
        ),
        "terms": "Time-limited. Reports to the Development Group, then stands down.",
        "members": [
            ("Thomas Easby", "chair", None),
            ("Leanne Coverdale", "member", None),
            ("Ruth Skelbrooke", "member", None),
            ("Joseph Ormesby", "member", None),
        ],
    },
]

# Agenda items by group kind. Assurance items: (title, service, findings).
ASSURANCE_REPORTS = [
    ("Early Help assurance report", "early_help",
     "Early Help episodes opened rose on last year; fewer cases stepped up to social care. "
     "Partners asked for the step-down data to be shown by referring agency."),
    ("LADO annual report", "lado",
     "Allegations against people who work with children were handled within timescales in "
     "most cases; referrals from faith and sports settings remain low."),
    ("Independent Reviewing Officer report", "iro",
     "Reviews for children in care were held on time; IROs raised practice concerns through "
     "the dispute resolution process, mainly about drift in permanence plans."),
    ("Private fostering report", "private_fostering",
     "Few new private fostering arrangements were notified; awareness among schools and GPs "
     "is still low, so a short campaign is proposed."),
    ("Children's Hub (front door) assurance", "front_door",
     "Contacts to the Hub average several hundred a month; threshold decisions were "
     "consistent on audit. Police notifications of domestic abuse remain the largest share."),
    ("Child death overview panel report", "cdop",
     "Modifiable factors this period: unsafe sleep and maternal smoking. The panel asks both "
     "partnerships to keep safer sleep in the training programme."),
]

# Who presents each assurance report, by partnership (the report's author attends).
PRESENTERS = {
    (HSSCP, "early_help"): "Joanne Tindle",
    (HSSCP, "lado"): "Wendy Aldersley",
    (HSSCP, "iro"): "Alan Fothergill",
    (HSSCP, "private_fostering"): "Lorna Fazackerley",
    (HSSCP, "front_door"): "Neil Oughtred",
    (HSSCP, "cdop"): "Janet Stainsby",
    (STSCP, "early_help"): "Thomas Easby",
    (STSCP, "lado"): "Thomas Easby",
    (STSCP, "iro"): "Paul Dinsdale",
    (STSCP, "private_fostering"): "Leanne Coverdale",
    (STSCP, "front_door"): "Leanne Coverdale",
    (STSCP, "cdop"): "Janet Stainsby",
}

# Recurring discussion topics: (title, kind, findings)
TOPICS = {
    "executive": [
        ("Rapid review update", "discussion",
         "Rapid reviews completed within 15 working days; the national panel agreed the "
         "decisions. One recommended for a local child safeguarding practice review."),
        ("Budget monitoring and partner contributions", "decision",
         "Spend in line with budget; partners agreed contributions for next year."),
        ("Independent scrutineer's update", "information",
         "Scrutiny of the escalation policy found it understood but not always used."),
    ],
    "engine_room": [
        ("KLOE report: children placed at a distance", "discussion",
         "Deep dive found placement planning sound but independent visitors scarce."),
        ("KLOE report: children missing from home or care", "discussion",
         "Return home interviews not always offered; recommendations go to the "
         "contextual safeguarding planning group."),
        ("Combined learning action plan", "standing",
         "Most actions on track; overdue actions reviewed with their owners."),
        ("Multi-agency audit: domestic abuse", "discussion",
         "Communication between partners worked well; direct work with children and use "
         "of the Tees escalation process need embedding."),
    ],
    "sub_group": [
        ("Multi-agency case audit findings", "discussion",
         "Good information sharing; the child's voice not always recorded."),
        ("Performance data review", "standing",
         "Child protection plan rates above the England rate; referrals steady."),
        ("Learning review briefing plan", "decision",
         "Seven-minute briefing to be drafted and tested with practitioners."),
    ],
    "tees_wide": [
        ("Procedures and guidance update", "standing",
         "Changes to the children returning home procedure agreed for publication."),
        ("Data and themes across Tees", "discussion",
         "Differences between areas discussed; partners to check recording."),
        ("Learning event planning", "decision",
         "Tees-wide event on non-accidental injury in babies and hidden men agreed."),
    ],
    "task_and_finish": [
        ("Neglect policy review", "discussion",
         "Existing neglect guidance is long and not used; a shorter toolkit is proposed."),
        ("Line of sight review recommendations", "standing",
         "Recommendations mapped to owners; two need housing input."),
    ],
}

# Actions that arise from meetings: (title, detail). Picked in turn per meeting.
ACTION_TITLES = [
    ("Circulate the seven-minute briefing to all partner agencies",
     "Send through agency safeguarding leads and the e-bulletin; report reach."),
    ("Refresh the neglect toolkit and test it with practitioners",
     "Shorter toolkit with the graded care profile; test with two teams."),
    ("Audit use of the Tees escalation process",
     "Dip sample twenty cases where professionals disagreed about a plan."),
    ("Add housing and substance misuse services to the next Section 11 audit",
     "Agree the questions with the business unit and circulate in good time."),
    ("Report return home interview completion rates by area",
     "Quarterly figures by area to the Engine Room, with reasons for refusals."),
    ("Include safer sleep in the multi-agency training programme",
     "Two sessions a year, open to health visitors, midwives and family hubs."),
    ("Promote private fostering awareness in schools and GP practices",
     "Poster, e-bulletin article and a slot at designated safeguarding lead forums."),
    ("Review recording of the child's voice in case notes",
     "Each agency to sample ten records and report back what it found."),
    ("Share the rapid review learning with the Children's Hub",
     "Briefing for Hub staff on information held by schools and health visitors."),
    ("Update the threshold document after consultation",
     "Collate comments from all four areas and bring a final draft."),
]
