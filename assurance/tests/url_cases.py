from assurance import services
from assurance.models import Answer, Question, Return
from assurance.tests.helpers import CASE_AUDIT, cycle, s175_cycle, submit, tool
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
