"""The starting tools, as data: the seeds' multi-agency case audit (with the voice of
the child and the outstanding / good / requires improvement / inadequate grading), a
Section 11 framework of standards (Children Act 2004), a Section 175/157 schools tool, and
two surveys and two self-assessments (decision 0035).
A partnership edits them in the hub; every edit after first use is a new version."""

from __future__ import annotations

GRADES = ["Inadequate", "Requires improvement", "Good", "Outstanding"]
MET = ["Not met", "Partly met", "Met", "Met and embedded"]


def _rating(code, text, scale=MET, hint="", required=True):
    return {"code": code, "text": text, "answer_type": "rating", "scale": list(scale),
            "hint": hint, "required": required}


def _q(code, text, answer_type, hint="", required=True):
    return {"code": code, "text": text, "answer_type": answer_type, "scale": [], "hint": hint,
            "required": required}


def _standard(n, title, text):
    """A Section 11 standard: its rating, the evidence for it, and optionally a document."""
    return {"title": f"Standard {n}: {title}", "questions": [
        _rating(f"s11-{n}", text, hint="Rate how far your organisation meets the standard."),
        _q(f"s11-{n}-evidence", f"Evidence that standard {n} is met", "text",
           hint="Summarise the evidence: policies, audits, training figures, feedback."),
        _q(f"s11-{n}-file", f"Supporting document for standard {n}", "evidence",
           required=False),
    ]}


SECTION_11 = {
    "data": {"key": "section-11", "kind": "section_11",
             "title": "Section 11 self-assessment (Children Act 2004)",
             "introduction": "Each organisation assesses how it discharges its duty to "
                             "safeguard and promote the welfare of children, standard by "
                             "standard, with evidence and its own actions."},
    "sections": [
        _standard(1, "Senior management commitment",
                  "Senior managers are committed to, and accountable for, safeguarding "
                  "children, and there is a named lead at board level."),
        _standard(2, "Clear statement of responsibilities",
                  "The organisation's responsibility towards children is set out and "
                  "available to all staff."),
        _standard(3, "Clear lines of accountability",
                  "There are clear lines of accountability for work on safeguarding, "
                  "including a designated safeguarding lead."),
        _standard(4, "Service development takes account of children's needs and views",
                  "Services are designed and reviewed with the need to safeguard children in "
                  "mind, and children's views are sought and acted on."),
        _standard(5, "Training",
                  "Staff are trained in safeguarding to the level their role needs, and "
                  "training is refreshed and its effect checked."),
        _standard(6, "Safer recruitment and allegations",
                  "Safer recruitment is followed and allegations against staff are "
                  "referred to the local authority designated officer."),
        _standard(7, "Effective inter-agency working",
                  "The organisation works with partners, attends multi-agency meetings and "
                  "uses the escalation (resolving professional differences) procedure."),
        _standard(8, "Information sharing",
                  "Information about children is shared in a timely way, in line with the "
                  "Tees procedures and data protection law."),
    ],
}

CASE_AUDIT = {
    "data": {"key": "case-audit", "kind": "case_audit",
             "title": "Multi-agency case audit tool",
             "introduction": "Each agency audits its own involvement with the case before the "
                             "audit day; the group then moderates and agrees an overall "
                             "grading, strengths and learning themes."},
    "sections": [
        {"title": "The agency's involvement", "questions": [
            _q("maca-involved-months", "For how many months has your agency been involved "
               "in the period audited?", "number"),
            _q("maca-assessment", "Was the child's need and risk assessed in a timely way?",
               "yes_no_partly"),
            _q("maca-sharing", "Was information shared with other agencies when it should "
               "have been?", "yes_no_partly"),
            _q("maca-escalation", "Was escalation used when agencies disagreed?",
               "yes_no_partly", required=False),
        ]},
        {"title": "Voice of the child", "questions": [
            _q("maca-voice-seen", "Was the child seen, and seen alone where appropriate?",
               "yes_no_partly"),
            _q("maca-voice", "How were the child's wishes and feelings captured and acted "
               "on?", "text", hint="Describe practice, never name the child or family."),
            _rating("maca-voice-grade", "How well did practice hear the child?", GRADES),
        ]},
        {"title": "Outcome", "questions": [
            _rating("maca-grade", "Overall, how good was your agency's practice on this case?",
                    GRADES),
            _q("maca-strengths", "Strengths of practice", "text"),
            _q("maca-learning", "What should your agency, or the partnership, learn?", "text"),
        ]},
    ],
}

SECTION_175 = {
    "data": {"key": "section-175", "kind": "section_175",
             "title": "Section 175/157 schools safeguarding audit",
             "introduction": "Every school and college returns this yearly (Education Act "
                             "2002, section 175 for maintained schools, section 157 for "
                             "academies and independent schools). The questions may change "
                             "from year to year."},
    "sections": [
        {"title": "Leadership and management", "questions": [
            _q("s175-dsl", "Does the school have a designated safeguarding lead and a "
               "trained deputy?", "yes_no_partly"),
            _q("s175-governor", "Is there a named governor or trustee for safeguarding?",
               "yes_no_partly"),
            _rating("s175-leadership", "How well does leadership secure safeguarding?"),
        ]},
        {"title": "Policies and procedures", "questions": [
            _q("s175-policy", "Was the child protection policy reviewed in the last 12 "
               "months and published?", "yes_no_partly"),
            _q("s175-online", "Does the school filter and monitor online activity and teach "
               "online safety?", "yes_no_partly"),
        ]},
        {"title": "Training and safer recruitment", "questions": [
            _q("s175-trained", "How many staff had safeguarding training this year?",
               "number"),
            _q("s175-scr", "Is the single central record complete and checked?",
               "yes_no_partly"),
            _rating("s175-training", "How well are staff trained to recognise and report "
                    "concerns?"),
        ]},
        {"title": "Working with partners", "questions": [
            _q("s175-attendance", "What is the school doing to bring attendance back to "
               "pre-pandemic levels?", "text", required=False),
            _q("s175-evidence", "Safeguarding policy (document)", "evidence", required=False),
        ]},
    ],
}

AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
         "Strongly agree"]
FEEL = ["Not at all", "A little", "Quite a lot", "A lot"]
MATURITY = ["Emerging", "Developing", "Established", "Embedded"]

# Surveys and self-assessments (decision 0035). A survey is answered anonymously through its
# link: no question asks for a name, and young people give an age band only.
PRACTITIONER_SURVEY = {
    "data": {"key": "practitioner-survey", "kind": "survey",
             "title": "Practitioner survey",
             "introduction": "An anonymous survey of practitioners across the partnership: "
                             "how well thresholds, training, supervision and escalation "
                             "work in practice. Do not name children, families or colleagues."},
    "sections": [
        {"title": "Your practice", "questions": [
            _rating("ps-thresholds", "I understand the multi-agency threshold document and "
                    "use it when I make a referral.", AGREE),
            _rating("ps-training", "Partnership training has changed how I work with children "
                    "and families.", AGREE),
            _q("ps-training-count", "How many partnership training sessions have you attended "
               "in the last 12 months?", "number", required=False),
        ]},
        {"title": "Working together", "questions": [
            _q("ps-escalation", "Do you know how to use the escalation (resolving professional "
               "differences) procedure?", "yes_no_partly"),
            _q("ps-supervision", "Does supervision help you reflect on risk to children?",
               "yes_no_partly"),
            _rating("ps-learning", "Learning from reviews and audits reaches me in a way I can "
                    "use.", AGREE),
            _q("ps-improve", "What one thing would help you safeguard children better?", "text",
               hint="Describe practice or systems only; do not name anyone.", required=False),
        ]},
    ],
}

YOUNG_PEOPLE_SURVEY = {
    "data": {"key": "young-people-survey", "kind": "survey",
             "title": "Young people's survey: feeling safe",
             "introduction": "Tell us how safe you feel and whether adults listen to you. "
                             "You do not give your name, and we only ask your age band."},
    "sections": [
        {"title": "Feeling safe", "questions": [
            _rating("yp-safe-home", "How safe do you feel at home?", FEEL),
            _rating("yp-safe-school", "How safe do you feel at school or college?", FEEL),
            _rating("yp-safe-online", "How safe do you feel online?", FEEL),
            _rating("yp-safe-area", "How safe do you feel in your local area?", FEEL),
        ]},
        {"title": "Being listened to", "questions": [
            _q("yp-trusted-adult", "Is there an adult you trust that you could talk to if you "
               "were worried?", "yes_no_partly"),
            _q("yp-listened", "When you told an adult about a worry, did they listen and do "
               "something about it?", "yes_no_partly", required=False),
            _q("yp-change", "What would make you feel safer?", "text", required=False,
               hint="Please do not write your name or anyone else's."),
        ]},
    ],
}

JTAI_MOCK = {
    "data": {"key": "jtai-mock", "kind": "self_assessment",
             "title": "Mock joint targeted area inspection (JTAI) self-assessment",
             "introduction": "The partnership rates itself as a joint targeted area inspection "
                             "by Ofsted, the CQC, HMICFRS and HMI Probation would, ahead of "
                             "any inspection, on the theme chosen (for example serious youth "
                             "violence)."},
    "sections": [
        {"title": "The front door", "questions": [
            _rating("jtai-front-door", "Referrals are responded to in a timely way, with the "
                    "right agencies involved in decisions.", GRADES),
            _q("jtai-front-door-evidence", "Evidence for the front door rating", "text"),
        ]},
        {"title": "Identifying and responding to risk", "questions": [
            _rating("jtai-risk", "Agencies identify children at risk of harm outside the home "
                    "and act together to reduce it.", GRADES),
            _q("jtai-strategy", "Are strategy discussions held with police, health and social "
               "care present?", "yes_no_partly"),
            _q("jtai-risk-evidence", "Evidence for the risk rating", "text"),
        ]},
        {"title": "Leadership and learning", "questions": [
            _rating("jtai-leadership", "Leaders know the quality of multi-agency practice and "
                    "act on what they learn.", GRADES),
            _q("jtai-actions", "What must the partnership do before an inspection?", "text"),
        ]},
    ],
}

PARTNERSHIP_MATURITY = {
    "data": {"key": "partnership-maturity", "kind": "self_assessment",
             "title": "Partnership maturity self-assessment",
             "introduction": "A maturity check of the multi-agency safeguarding arrangements "
                             "(Working Together 2023): the partnership rates itself and "
                             "compares with its last check."},
    "sections": [
        {"title": "Shared leadership", "questions": [
            _rating("pm-leadership", "The three safeguarding partners share and act on "
                    "responsibility, with a lead safeguarding partner.", MATURITY),
            _rating("pm-relevant-agencies", "Relevant agencies, schools included, take part "
                    "and know their duties.", MATURITY),
        ]},
        {"title": "Learning and assurance", "questions": [
            _rating("pm-scrutiny", "Independent scrutiny challenges the partnership and its "
                    "findings are acted on.", MATURITY),
            _rating("pm-learning", "Learning from reviews and audits changes practice, and the "
                    "partnership checks that it has.", MATURITY),
            _rating("pm-voice", "The voices of children, young people and families shape "
                    "priorities.", MATURITY),
        ]},
        {"title": "Resources", "questions": [
            _q("pm-funding", "Is the partnership's funding agreed for the year ahead?",
               "yes_no_partly"),
            _q("pm-next-steps", "The partnership's next steps", "text"),
        ]},
    ],
}

SURVEY_TOOLS = [PRACTITIONER_SURVEY, YOUNG_PEOPLE_SURVEY]
SELF_ASSESSMENT_TOOLS = [JTAI_MOCK, PARTNERSHIP_MATURITY]
STARTING_TOOLS = [CASE_AUDIT, SECTION_11, SECTION_175, *SURVEY_TOOLS, *SELF_ASSESSMENT_TOOLS]
