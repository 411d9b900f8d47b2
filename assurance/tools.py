"""The three starting tools, as data: the seeds' multi-agency case audit (with the voice of
the child and the outstanding / good / requires improvement / inadequate grading), a
Section 11 framework of standards (Children Act 2004) and a Section 175/157 schools tool.
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

STARTING_TOOLS = [CASE_AUDIT, SECTION_11, SECTION_175]
