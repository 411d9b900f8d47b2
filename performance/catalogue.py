"""The starting catalogue: every indicator the Teesside partnerships' reports give, defined
in the partnerships' own words. Loaded by performance.demo.load (and importable as CSV)."""

HEALTHY, SUPPORT, SAFE = "healthy_lives", "right_support", "safe"
LA = "Local authority children's services"
POLICE = "Cleveland Police"

INDICATORS = [
    # code, name, definition, section, topic, unit, polarity, source, frequency, count, village
    ("CONTACTS_MONTH", "Contacts to the front door per month",
     "Average number of contacts to the Children's Hub (the multi-agency front door for "
     "referrals into children's social care) each month.",
     SUPPORT, "front_door", "average", "neither", LA, "monthly", "", ""),
    ("REFERRALS", "Referrals to children's social care",
     "Referrals to children's social care accepted in the period.",
     SUPPORT, "front_door", "count", "neither", LA, "quarterly", "", ""),
    ("RE_REFERRALS_PCT", "Re-referrals",
     "Percentage of referrals to children's social care that were re-referrals within 12 "
     "months of a previous referral.",
     SUPPORT, "front_door", "percentage", "lower", LA, "quarterly", "", ""),
    ("EH_EPISODES", "Early Help episodes opened",
     "Early Help episodes opened in the period.",
     SUPPORT, "front_door", "count", "neither", LA, "quarterly", "", ""),
    ("EH_ESCALATED", "Early Help cases escalated to social care",
     "Early Help cases stepped up to children's social care in the period (a number).",
     SUPPORT, "front_door", "count", "neither", LA, "quarterly", "", ""),
    ("EH_ESCALATED_PCT", "Early Help cases escalated to social care (per cent)",
     "Percentage of Early Help cases stepped up to children's social care in the period.",
     SUPPORT, "front_door", "percentage", "neither", LA, "yearly", "", ""),
    ("CIN_OPEN", "Open Child in Need cases",
     "Children with an open Child in Need case at the end of the period.",
     SUPPORT, "child_protection", "count", "neither", LA, "quarterly", "",
     "children in need"),
    ("CP_PLANS", "Children subject to a child protection plan",
     "Children subject to a child protection plan at the end of the period.",
     SAFE, "child_protection", "count", "neither", LA, "quarterly", "",
     "on a child protection plan"),
    ("CP_RATE", "Child protection plans per 10,000 children",
     "Children subject to a child protection plan per 10,000 children aged under 18.",
     SAFE, "child_protection", "rate_10k", "lower", LA, "quarterly", "CP_PLANS", ""),
    ("CP_NEGLECT_PCT", "Child protection plans under the category of neglect",
     "Percentage of child protection plans active at the end of the period whose category "
     "is neglect.",
     SAFE, "child_protection", "percentage", "neither", LA, "yearly", "", ""),
    ("LAC", "Children looked after",
     "Children and young people looked after by the local authority at the end of the period.",
     SAFE, "children_in_care", "count", "neither", LA, "quarterly", "",
     "looked after (in care)"),
    ("LAC_RATE", "Children looked after per 10,000 children",
     "Children looked after per 10,000 children aged under 18.",
     SAFE, "children_in_care", "rate_10k", "lower", LA, "quarterly", "LAC", ""),
    ("LAC_NEGLECT_PCT", "Children becoming looked after because of neglect",
     "Percentage of children becoming looked after in the period under the category of neglect.",
     SAFE, "children_in_care", "percentage", "neither", LA, "yearly", "", ""),
    ("MISSING_EPISODES", "Missing episodes",
     "Episodes of children going missing from home or care (including looked-after children "
     "placed in the area by other local authorities).",
     SAFE, "exploitation_missing", "count", "lower", POLICE, "quarterly", "", ""),
    ("MISSING_CHILDREN", "Children who went missing",
     "Children and young people with at least one missing episode in the period.",
     SAFE, "exploitation_missing", "count", "lower", POLICE, "quarterly", "", ""),
    ("MISSING_LAC_EPISODES", "Missing episodes by looked-after children",
     "Missing episodes by the area's own looked-after young people.",
     SAFE, "exploitation_missing", "count", "lower", POLICE, "quarterly", "", ""),
    ("MISSING_LAC_CHILDREN", "Looked-after children who went missing",
     "The area's own looked-after young people with at least one missing episode.",
     SAFE, "exploitation_missing", "count", "lower", POLICE, "quarterly", "", ""),
    ("CSE_RISK", "Children at risk of child sexual exploitation",
     "Children and young people identified as being at risk of child sexual exploitation.",
     SAFE, "exploitation_missing", "count", "neither", POLICE, "quarterly", "", ""),
    ("DA_CHILDREN", "Children present at a domestic abuse incident",
     "Children present during (witnessing) a domestic abuse incident reported to the police.",
     SAFE, "domestic_abuse", "count", "lower", POLICE, "quarterly", "",
     "present at a domestic abuse incident"),
    ("DA_REPEAT", "Repeat domestic abuse incidents witnessed by children",
     "Domestic abuse incidents witnessed by children within 12 months of a similar incident.",
     SAFE, "domestic_abuse", "count", "lower", POLICE, "quarterly", "", ""),
    ("MARAC_CASES", "Cases discussed at MARAC",
     "Cases discussed at the Multi-Agency Risk Assessment Conference.",
     SAFE, "domestic_abuse", "count", "neither", POLICE, "quarterly", "", ""),
    ("MARAC_CHILDREN", "Children involved in MARAC cases",
     "Children in the households of cases discussed at the Multi-Agency Risk Assessment "
     "Conference.",
     SAFE, "domestic_abuse", "count", "neither", POLICE, "quarterly", "", ""),
    ("LADO_REFERRALS", "Allegations against people who work with children (LADO)",
     "Referrals to the Local Authority Designated Officer about allegations against staff "
     "working with children and young people.",
     SAFE, "workforce", "count", "neither", LA, "quarterly", "", ""),
    ("PRIVATE_FOSTERING", "New private fostering arrangements",
     "New private fostering arrangements reported to the local authority.",
     SAFE, "children_in_care", "count", "neither", LA, "yearly", "", ""),
    ("SEND_SUPPORT", "Children receiving SEND support",
     "Children and young people receiving services through Special Educational Needs and "
     "Disability (SEND) support.",
     HEALTHY, "education", "count", "neither", LA, "yearly", "", ""),
    ("CHILD_POVERTY_PCT", "Children living in poverty",
     "Percentage of children living in poverty after housing costs (End Child Poverty).",
     HEALTHY, "education", "percentage", "lower", "End Child Poverty coalition", "yearly",
     "", ""),
    ("FSM_PRIMARY_PCT", "Primary school children receiving free school meals",
     "Percentage of (mainstream) primary school children in receipt of free school meals.",
     HEALTHY, "education", "percentage", "neither", LA, "yearly", "", ""),
]

FIELDS = ["code", "name", "definition", "section", "topic", "unit", "polarity",
          "source_organisation", "frequency", "count_indicator", "village_label"]


# Which kind of organisation sends each source's figures (agency leads of that kind may).
SOURCE_KINDS = {LA: "local_authority", POLICE: "police"}


def rows() -> list[dict]:
    """The catalogue as import rows (the columns of the catalogue download)."""
    return [{**dict(zip(FIELDS, entry, strict=True)),
             "source_kind": SOURCE_KINDS.get(entry[7], "")} for entry in INDICATORS]
