from assurance import services
from assurance.models import Answer, Question, Return
from assurance.tests.helpers import CASE_AUDIT, cycle, s175_cycle, submit, tool
from assurance.tools import PARTNERSHIP_MATURITY, PRACTITIONER_SURVEY
from core.services import system_actor
from core.tests.files import pdf_upload
from core.tests.walk import READERS, WORKERS, UrlCase

BUSINESS_UNIT = frozenset({"business_unit"})
SCHOOL = READERS | {"agency_lead"}  # the school's own lead, and the readers


def _cycle(w):
    return cycle(w, title="Walk cycle")


def _cycle_kwargs(w):
    return {"slug": w.partnership.slug, "pk": _cycle(w).pk}


def _case_audit(w):
    return cycle(w, title="Walk case audit", spec=CASE_AUDIT, orgs=[w.orgs["council"]])


def _case_kwargs(w):
    case = services.case_add(actor=system_actor(), cycle=_case_audit(w),
                             data={"reference": "MACA-W-01"})
    return {"slug": w.partnership.slug, "pk": case.pk}


def _return(w, org="school"):
    return Return.objects.get(cycle=_cycle(w), organisation=w.orgs[org])


def _return_kwargs(org="school", submitted=False):
    def kwargs(w):
        ret = _return(w, org)
        if submitted:
            submit(ret)
        return {"slug": w.partnership.slug, "pk": ret.pk}
    return kwargs


def _evidence_kwargs(w):
    ret = _return(w)
    services.answers_save(actor=system_actor(), ret=ret, expected_version=ret.version, values={
        "s11-1-file": pdf_upload("policy.pdf", "Safeguarding policy")})
    answer = Answer.objects.get(ret=ret, question__code="s11-1-file")
    return {"slug": w.partnership.slug, "pk": ret.pk, "answer": answer.pk}


def _challenge_kwargs(w):
    ret = submit(_return(w, "council"))
    challenge = services.challenge_raise(actor=system_actor(), ret=ret,
                                         data={"questions": "How do you know?"})
    return {"slug": w.partnership.slug, "pk": challenge.pk}


def _tool_kwargs(w):
    return {"slug": w.partnership.slug, "pk": tool(w).pk}


def _question_kwargs(w):
    return {"slug": w.partnership.slug,
            "pk": Question.objects.filter(section__question_set=tool(w)).first().pk}


def _section_kwargs(w):
    return {"slug": w.partnership.slug, "pk": tool(w).sections.first().pk}


def _survey(w, **extra):
    from assurance.models import Cycle

    found = Cycle.objects.filter(title="Walk survey", partnerships=w.partnership).first()
    return found or cycle(w, title="Walk survey", spec=PRACTITIONER_SURVEY, audience="practitioners",
                 orgs=[w.orgs["school"]], **extra)


def _survey_kwargs(w):
    return {"slug": w.partnership.slug, "pk": _survey(w).pk}


def _respond_kwargs(w):
    return {"slug": w.partnership.slug, "token": _survey(w).response_token}


def _closed_respond_kwargs(w):
    c = _survey(w)
    services.cycle_close(actor=system_actor(), cycle=c, expected_version=c.version)
    return {"slug": w.partnership.slug, "token": c.response_token}


def _self_assessment_return_kwargs(w):
    c = cycle(w, title="Walk maturity", spec=PARTNERSHIP_MATURITY, orgs=[])
    return {"slug": w.partnership.slug, "pk": Return.objects.get(cycle=c).pk}


def _individual_return_kwargs(w):
    c = _survey(w)
    ret = services.survey_response_submit(
        actor=None, cycle=c, token=c.response_token, organisation=w.orgs["school"],
        values={"ps-thresholds": 4, "ps-training": 3, "ps-escalation": "yes",
                "ps-supervision": "no", "ps-learning": 2})
    return {"slug": w.partnership.slug, "pk": ret.pk}


def _first_question(w):
    return Question.objects.filter(section__question_set=tool(w)).order_by(
        "section__order", "order").first()
def _s175_kwargs(w):
    return {"slug": w.partnership.slug, "pk": s175_cycle(w, title="Walk S175").pk}


def _s175_return_kwargs(name):
    def kwargs(w):
        ret = Return.objects.get(cycle=s175_cycle(w, title="Walk S175 returns"),
                                 organisation__name=name)
        return {"slug": w.partnership.slug, "pk": ret.pk}
    return kwargs


CASES = [
    UrlCase("assurance:home", allowed=WORKERS),
    UrlCase("assurance:cycle_create", allowed=BUSINESS_UNIT),
    UrlCase("assurance:cycle_detail", kwargs=_cycle_kwargs, allowed=READERS),
    UrlCase("assurance:cycle_summary", kwargs=_cycle_kwargs, allowed=READERS),
    UrlCase("assurance:case_create", kwargs=lambda w: {"slug": w.partnership.slug,
                                                       "pk": _case_audit(w).pk},
            allowed=BUSINESS_UNIT),
    UrlCase("assurance:case_grade", kwargs=_case_kwargs, allowed=BUSINESS_UNIT),
    UrlCase("assurance:return_detail", kwargs=_return_kwargs(), allowed=SCHOOL,
            note="the school's return: its lead and the readers"),
    UrlCase("assurance:return_detail", kwargs=_return_kwargs("council"), allowed=READERS,
            note="another organisation's return: not the school's lead"),
    UrlCase("assurance:return_edit", kwargs=_return_kwargs(),
            allowed=frozenset({"business_unit", "agency_lead"})),
    UrlCase("assurance:return_edit", kwargs=_return_kwargs(submitted=True), allowed=frozenset(),
            note="a submitted return is no longer edited"),
    UrlCase("assurance:return_moderate", kwargs=_return_kwargs(submitted=True),
            allowed=BUSINESS_UNIT),
    UrlCase("assurance:challenge_create", kwargs=_return_kwargs(submitted=True),
            allowed=BUSINESS_UNIT),
    UrlCase("assurance:challenge_conclude", kwargs=_challenge_kwargs, allowed=BUSINESS_UNIT),
    UrlCase("assurance:return_export", kwargs=lambda w: {**_return_kwargs()(w), "fmt": "docx"},
            allowed=SCHOOL),
    UrlCase("assurance:evidence_download", kwargs=_evidence_kwargs, allowed=SCHOOL),
    UrlCase("assurance:tool_list", allowed=WORKERS),
    UrlCase("assurance:tool_create", allowed=BUSINESS_UNIT),
    UrlCase("assurance:tool_detail", kwargs=_tool_kwargs, allowed=WORKERS),
    UrlCase("assurance:question_edit", kwargs=_question_kwargs, allowed=BUSINESS_UNIT),
    UrlCase("assurance:question_add", kwargs=_section_kwargs, allowed=BUSINESS_UNIT),
    # The tool editor: POST-only buttons; a refused move says why and changes nothing.
    UrlCase("assurance:question_move", method="post", data=lambda w: {"direction": "up"},
            kwargs=lambda w: {"slug": w.partnership.slug, "pk": _first_question(w).pk},
            allowed=BUSINESS_UNIT, ok_status=(302,), note="already first: a message"),
    UrlCase("assurance:question_move", allowed=frozenset(), refused_status=(403, 405),
            kwargs=lambda w: {"slug": w.partnership.slug, "pk": _first_question(w).pk},
            note="GET is not allowed: the button posts"),
    UrlCase("assurance:question_remove", method="post", data=lambda w: {},
            kwargs=lambda w: {"slug": w.partnership.slug, "pk": tool(w).sections.get(
                order=1).questions.last().pk},
            allowed=BUSINESS_UNIT, ok_status=(302,)),
    UrlCase("assurance:section_add", kwargs=_tool_kwargs, allowed=BUSINESS_UNIT),
    UrlCase("assurance:section_rename", kwargs=_section_kwargs, allowed=BUSINESS_UNIT),
    UrlCase("assurance:section_move", method="post", data=lambda w: {"direction": "up"},
            kwargs=_section_kwargs, allowed=BUSINESS_UNIT, ok_status=(302,),
            note="already first: a message"),
    UrlCase("assurance:section_remove", method="post", data=lambda w: {},
            kwargs=lambda w: {"slug": w.partnership.slug,
                              "pk": tool(w).sections.order_by("-order").first().pk},
            allowed=BUSINESS_UNIT, ok_status=(302,)),
    # Surveys and self-assessments (decision 0035).
    UrlCase("assurance:surveys", allowed=READERS),
    UrlCase("assurance:survey_detail", kwargs=_survey_kwargs, allowed=READERS,
            secrets=lambda w: [_survey(w).response_token], secrets_for=BUSINESS_UNIT,
            note="only the business unit sees the link"),
    UrlCase("assurance:survey_settings", kwargs=_survey_kwargs, allowed=BUSINESS_UNIT),
    UrlCase("assurance:survey_results", kwargs=_survey_kwargs, allowed=READERS),
    UrlCase("assurance:cycle_close", method="post", data=lambda w: {"version": 99},
            kwargs=_survey_kwargs, allowed=BUSINESS_UNIT, ok_status=(302,),
            note="a stale version: refused with a message, the survey stays open"),
    UrlCase("assurance:survey_respond", kwargs=_respond_kwargs, public=True,
            note="anyone with the link, signed in or not"),
    UrlCase("assurance:survey_respond", kwargs=_closed_respond_kwargs, public=True,
            note="a closed survey says so and takes nothing"),
    UrlCase("assurance:return_detail", kwargs=_self_assessment_return_kwargs, allowed=READERS,
            note="the partnership's own self-assessment: never an agency lead"),
    UrlCase("assurance:return_edit", kwargs=_self_assessment_return_kwargs,
            allowed=BUSINESS_UNIT, note="the business unit answers the self-assessment"),
    UrlCase("assurance:return_detail", kwargs=_individual_return_kwargs, allowed=READERS,
            note="an anonymous response naming the school: not the school's lead"),
    UrlCase("assurance:school_list", allowed=READERS),
    UrlCase("assurance:school_import", allowed=BUSINESS_UNIT),
    UrlCase("assurance:school_template",
            kwargs=lambda w: {"slug": w.partnership.slug, "fmt": "csv"}, allowed=BUSINESS_UNIT),
    UrlCase("assurance:cycle_schools", kwargs=_s175_kwargs, allowed=READERS),
    UrlCase("assurance:school_remind", kwargs=_s175_kwargs, allowed=BUSINESS_UNIT,
            method="post", data=lambda w: {}, ok_status=(302,)),
    UrlCase("assurance:return_detail", kwargs=_s175_return_kwargs("Alpha Academy"),
            allowed=SCHOOL, note="a school's Section 175 return: its own lead and the readers"),
    UrlCase("assurance:return_edit", kwargs=_s175_return_kwargs("Alpha Academy"),
            allowed=frozenset({"business_unit", "agency_lead"})),
    UrlCase("assurance:return_detail", kwargs=_s175_return_kwargs("Beacon Primary (test)"),
            allowed=READERS, note="another school's return: not this school's lead"),
    UrlCase("assurance:return_edit", kwargs=_s175_return_kwargs("Beacon Primary (test)"),
            allowed=BUSINESS_UNIT, note="another school's return: not this school's lead"),
    UrlCase("assurance:return_export",
            kwargs=lambda w: {**_s175_return_kwargs("Alpha Academy")(w), "fmt": "pdf"},
            allowed=SCHOOL),
]
