"""Thin views: check the permission, call one selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify
from django.views import View
from django.views.generic import FormView, TemplateView

from core.deadlines import Status
from core.exports import Column, export_response
from core.models import AuditEvent
from core.services import ConcurrentEditError, audit_record
from core.web import (
    FileDownloadMixin,
    HubListView,
    PartnershipMixin,
    ServiceFormView,
    add_service_errors,
)

from . import charts, export, selectors, services
from .clock import return_status
from .forms import (
    CaseForm,
    ChallengeForm,
    ConcludeForm,
    CycleForm,
    GradeForm,
    ModerateForm,
    NewQuestionForm,
    QuestionForm,
    ReturnForm,
    SectionForm,
    ToolForm,
)
from .models import Answer, AuditCase, Challenge, Kind, Question, QuestionSet, SetSection


class HomeView(PartnershipMixin, TemplateView):
    """Cycles serving the partnership; an agency lead's own returns."""

    permission_required = "assurance.view"
    template_name = "assurance/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, p = self.request.user, self.partnership
        reads_all = user.has_perm("assurance.read_all", p)
        context.update(
            reads_all=reads_all, may_manage=user.has_perm("assurance.manage", p),
            cycles=list(selectors.cycles_for(p)) if reads_all else [],
            own=list(selectors.own_returns(user, p)), kinds=Kind.choices)
        return context


class CycleMixin(PartnershipMixin):
    permission_required = "assurance.read_cycle"

    def get_permission_object(self):
        if not hasattr(self, "cycle"):
            self.cycle = selectors.cycle_in(self.partnership, self.kwargs["pk"])
            if self.cycle is None:
                raise Http404("There is no such cycle in this partnership.")
        return self.cycle

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cycle"] = self.cycle
        return context


class ReturnMixin(PartnershipMixin):
    permission_required = "assurance.view_return"

    def get_permission_object(self):
        if not hasattr(self, "ret"):
            self.ret = selectors.return_in(self.partnership, self.kwargs["pk"])
            if self.ret is None:
                raise Http404("There is no such return in this partnership.")
        return self.ret

    def return_url(self):
        return reverse("assurance:return_detail", args=[self.partnership.slug, self.ret.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ret"] = self.ret
        return context


class CycleCreateView(PartnershipMixin, ServiceFormView):
    permission_required = "assurance.manage"
    form_class = CycleForm
    submit_label = "Open the cycle"

    @property
    def kind(self):
        kind = self.request.GET.get("kind", Kind.SECTION_11)
        return kind if kind in Kind.values else Kind.SECTION_11

    @property
    def page_title(self):
        return f"Open a {Kind(self.kind).label.lower()} cycle"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership, "kind": self.kind,
                "user": self.request.user}

    def call_service(self, form):
        data = dict(form.cleaned_data)
        partnerships = data.pop("partnerships") or []
        organisations = data.pop("organisations")
        self.cycle = services.cycle_open(
            actor=self.request.user, partnership=self.partnership,
            data={**data, "kind": self.kind}, partnerships=partnerships,
            organisations=organisations)
        return self.cycle

    def success_message(self, result):
        return f"{result.title} is open."

    def get_success_url(self):
        if hasattr(self, "cycle"):
            name = ("assurance:survey_detail" if self.cycle.kind == Kind.SURVEY
                    else "assurance:cycle_detail")
            return reverse(name, args=[self.partnership.slug, self.cycle.pk])
        return reverse("assurance:home", args=[self.partnership.slug])


def _status(r):
    return r.get_status_display()


class CycleDetailView(CycleMixin, HubListView):
    """A cycle's progress: every return, who has submitted, who is late."""

    template_name = "assurance/cycle_detail.html"
    paginate_by = 50
    export_name = "returns"
    export_columns = [
        Column("organisation", lambda r: r.respondent_name),
        Column("case", lambda r: r.case.reference if r.case_id else ""),
        Column("status", _status),
        Column("submitted", lambda r: r.submitted_at.date() if r.submitted_at else ""),
        Column("late", lambda r: "yes" if r.late else "no"),
        Column("challenges", lambda r: r.challenge_count),
    ]

    def base_queryset(self):
        return selectors.returns_of(self.cycle)

    def export_rows(self, rows):
        return self._mark_late(rows)

    def _mark_late(self, rows):
        from django.utils import timezone

        today = timezone.localdate()
        rows = list(rows)
        for r in rows:
            r.cycle = self.cycle
            r.late = return_status(r, today) == Status.OVERDUE
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = self._mark_late(context["object_list"])
        context["late"] = selectors.late_count(self.cycle)
        context["may_run"] = self.request.user.has_perm("assurance.run_cycle", self.cycle)
        context["cases"] = list(self.cycle.cases.all()) if self.cycle.kind == Kind.CASE_AUDIT \
            else []
        return context


class CycleSummaryView(CycleMixin, TemplateView):
    """Ratings per standard across organisations, compared with the previous cycle."""

    template_name = "assurance/summary.html"

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt:
            if fmt not in ("csv", "xlsx"):
                raise Http404("Exports are CSV or XLSX.")
            result = selectors.summary(self.cycle)
            audit_record(actor=request.user, action=AuditEvent.Action.EXPORT,
                         partnership=self.partnership, obj=self.cycle,
                         object_repr=f"{self.cycle} summary ({fmt})",
                         path=request.get_full_path())
            return export_response(rows=result.rows, fmt=fmt, columns=[
                Column("code", lambda r: r.code), Column("standard", lambda r: r.text),
                Column("section", lambda r: r.section), Column("answered", lambda r: r.answered),
                Column("average", lambda r: r.average),
                Column("previous average", lambda r: r.previous_average),
                Column("counts (lowest first)", lambda r: " / ".join(map(str, r.counts)))],
                filename=f"{self.partnership.slug}-summary")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = selectors.summary(self.cycle)
        context.update(summary=result, chart=charts.summary_chart(result))
        return context


class ReturnDetailView(ReturnMixin, TemplateView):
    template_name = "assurance/return_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            sections=selectors.return_sections(self.ret),
            challenges=list(self.ret.challenges.all()),
            history=list(AuditEvent.objects.filter(model="assurance.Return",
                                                   object_id=str(self.ret.pk))[:50]),
            may_edit=user.has_perm("assurance.edit_return", self.ret),
            may_moderate=user.has_perm("assurance.moderate_return", self.ret))
        return context


class ReturnEditView(ReturnMixin, FormView):
    permission_required = "assurance.edit_return"
    template_name = "assurance/return_form.html"
    form_class = ReturnForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.sections = selectors.return_sections(self.ret)
        questions = [row.question for s in self.sections for row in s.rows]
        answers = {row.question.pk: row.answer for s in self.sections for row in s.rows
                   if row.answer is not None}
        kwargs.update(questions=questions, answers=answers)
        return kwargs

    def get_initial(self):
        initial = {"version": self.ret.version, "actions": self.ret.actions}
        for section in selectors.return_sections(self.ret):
            for row in section.rows:
                if row.answer is not None and row.question.answer_type != "evidence":
                    value = row.answer.value()
                    initial[services.field_name(row.question)] = (
                        str(value) if value is not None else None)
        return initial

    def form_valid(self, form):
        submit = "submit" in self.request.POST
        data = dict(form.cleaned_data)
        try:
            services.answers_save(actor=self.request.user, ret=self.ret, values=form.values(),
                                  actions=data.get("actions") or "",
                                  expected_version=data.get("version"), submit=submit)
        except ValidationError as error:
            if self.ret.version != data.get("version"):
                # Submitting with answers missing saved the rest as a draft: the page now
                # stands for that newer version, so the next save is not taken as stale.
                form.data = form.data.copy()
                form.data["version"] = self.ret.version
            add_service_errors(form, error)
            return self.form_invalid(form)
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, "Your return is submitted." if submit
                         else "Your answers are saved as a draft.")
        return redirect(self.return_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["grouped"] = [
            {"title": s.title, "fields": [form[services.field_name(r.question)] for r in s.rows],
             "changed": [r.answer for r in s.rows if r.answer is not None and r.answer.changed]}
            for s in self.sections]
        return context


class ReturnModerateView(ReturnMixin, ServiceFormView):
    permission_required = "assurance.moderate_return"
    form_class = ModerateForm
    page_title = "Moderate the return"
    submit_label = "Save the moderation"

    def get_initial(self):
        return {"version": self.ret.version, "moderation_note": self.ret.moderation_note}

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.return_moderate(actor=self.request.user, ret=self.ret,
                                        note=data.get("moderation_note") or "",
                                        accept=data["decision"] == "accept",
                                        expected_version=version)

    def success_message(self, result):
        return f"The return is {result.get_status_display().lower()}."

    def get_success_url(self):
        return self.return_url()


class ChallengeCreateView(ReturnMixin, ServiceFormView):
    permission_required = "assurance.moderate_return"
    form_class = ChallengeForm
    page_title = "Raise a challenge"
    submit_label = "Send the questions"

    def call_service(self, form):
        return services.challenge_raise(actor=self.request.user, ret=self.ret,
                                        data=form.cleaned_data)

    def success_message(self, result):
        return "The challenge questions are recorded."

    def get_success_url(self):
        return self.return_url()


class ChallengeConcludeView(PartnershipMixin, ServiceFormView):
    permission_required = "assurance.moderate_return"
    form_class = ConcludeForm
    page_title = "Record the challenge outcome"
    submit_label = "Save the outcome"

    def get_permission_object(self):
        if not hasattr(self, "challenge"):
            self.challenge = (Challenge.objects.filter(
                ret__cycle__partnerships=self.partnership, pk=self.kwargs["pk"])
                .select_related("ret__cycle__lead_partnership", "ret__organisation").first())
            if self.challenge is None:
                raise Http404("There is no such challenge in this partnership.")
        return self.challenge.ret

    def get_initial(self):
        return {"version": self.challenge.version, "outcome": self.challenge.outcome,
                "panel_on": self.challenge.panel_on}

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.challenge_conclude(actor=self.request.user, challenge=self.challenge,
                                           data=data, expected_version=version)

    def success_message(self, result):
        return "The challenge outcome is recorded."

    def get_success_url(self):
        return reverse("assurance:return_detail",
                       args=[self.partnership.slug, self.challenge.ret_id])


class ReturnExportView(ReturnMixin, TemplateView):
    """The return as a Word or PDF document, e.g. to send back to the school."""

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in export.FORMATS:
            raise Http404("A return is exported as DOCX or PDF.")
        audit_record(actor=request.user, action=AuditEvent.Action.EXPORT, obj=self.ret,
                     partnership=self.partnership, object_repr=f"{self.ret} ({fmt})",
                     path=request.get_full_path())
        response = HttpResponse(export.render_return(self.ret, fmt),
                                content_type=export.FORMATS[fmt])
        name = slugify(f"{self.ret.respondent_name} {self.ret.cycle.title}")
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        add_never_cache_headers(response)
        return response


class EvidenceDownloadView(ReturnMixin, FileDownloadMixin, TemplateView):
    file_field = "evidence"

    def get_download_object(self):
        answer = Answer.objects.filter(ret=self.ret, pk=self.kwargs["answer"]).first()
        if answer is None:
            raise Http404("There is no such evidence on this return.")
        return answer


class ToolListView(PartnershipMixin, TemplateView):
    permission_required = "assurance.view"
    template_name = "assurance/tool_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tools"] = list(selectors.tools_of(self.partnership))
        return context


class ToolCreateView(PartnershipMixin, ServiceFormView):
    """A new tool (a survey, a self-assessment such as a mock inspection): its sections now,
    its questions next."""

    permission_required = "assurance.manage"
    form_class = ToolForm
    page_title = "Add an audit tool"
    submit_label = "Add the tool"

    def call_service(self, form):
        data = dict(form.cleaned_data)
        sections = [{"title": t, "questions": []} for t in data.pop("sections")]
        if QuestionSet.objects.filter(partnership=self.partnership, key=data["key"]).exists():
            raise ValidationError({"key": "There is already a tool with this key; change "
                                          "that one (it makes a new version) or choose "
                                          "another key."})
        self.tool = services.question_set_create(actor=self.request.user,
                                                 partnership=self.partnership, data=data,
                                                 sections=sections)
        return self.tool

    def success_message(self, result):
        return f"{result.title} is added: now add its questions."

    def get_success_url(self):
        if hasattr(self, "tool"):
            return reverse("assurance:tool_detail", args=[self.partnership.slug, self.tool.pk])
        return reverse("assurance:tool_list", args=[self.partnership.slug])


class ToolDetailView(PartnershipMixin, TemplateView):
    permission_required = "assurance.view"
    template_name = "assurance/tool_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tool = QuestionSet.objects.filter(partnership=self.partnership,
                                          pk=self.kwargs["pk"]).first()
        if tool is None:
            raise Http404("There is no such tool in this partnership.")
        context.update(tool=tool, sections=selectors.tool_sections(tool),
                       in_use=services.question_set_in_use(tool),
                       may_manage=self.request.user.has_perm("assurance.manage",
                                                             self.partnership))
        return context


class QuestionEditView(PartnershipMixin, ServiceFormView):
    permission_required = "assurance.manage"
    form_class = QuestionForm
    page_title = "Change a question"

    def dispatch(self, request, *args, **kwargs):
        self.question = Question.objects.filter(
            section__question_set__partnership__slug=kwargs["slug"], pk=kwargs["pk"]
        ).select_related("section__question_set").first()
        if self.question is None:
            raise Http404("There is no such question in this partnership.")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        q = self.question
        return {"text": q.text, "hint": q.hint, "answer_type": q.answer_type,
                "required": q.required, "scale": "\n".join(q.scale)}

    def call_service(self, form):
        self.changed = services.question_update(actor=self.request.user, question=self.question,
                                                data=form.cleaned_data)
        return self.changed

    def success_message(self, result):
        tool = result.section.question_set
        if tool != self.question.section.question_set:
            return (f"The question is changed in a new version ({tool.number}) of the tool; "
                    "answers already given stay with the version they answered.")
        return "The question is changed."

    def get_success_url(self):
        question = getattr(self, "changed", self.question)
        return reverse("assurance:tool_detail",
                       args=[self.partnership.slug, question.section.question_set_id])


class QuestionAddView(PartnershipMixin, ServiceFormView):
    permission_required = "assurance.manage"
    form_class = NewQuestionForm
    page_title = "Add a question"

    def dispatch(self, request, *args, **kwargs):
        self.section = SetSection.objects.filter(
            question_set__partnership__slug=kwargs["slug"], pk=kwargs["pk"]
        ).select_related("question_set").first()
        if self.section is None:
            raise Http404("There is no such section in this partnership.")
        return super().dispatch(request, *args, **kwargs)

    def call_service(self, form):
        self.added = services.question_add(actor=self.request.user, section=self.section,
                                           data=form.cleaned_data)
        return self.added

    def success_message(self, result):
        return "The question is added."

    def get_success_url(self):
        question = getattr(self, "added", None)
        tool = question.section.question_set_id if question else self.section.question_set_id
        return reverse("assurance:tool_detail", args=[self.partnership.slug, tool])


class CaseCreateView(CycleMixin, ServiceFormView):
    permission_required = "assurance.run_cycle"
    form_class = CaseForm
    page_title = "Add a case to the audit"
    submit_label = "Add the case"

    def call_service(self, form):
        if self.cycle.kind != Kind.CASE_AUDIT:
            raise ValidationError("Only a multi-agency case audit has cases.")
        return services.case_add(actor=self.request.user, cycle=self.cycle,
                                 data=form.cleaned_data)

    def success_message(self, result):
        return f"Case {result.reference} is added; each agency has a return to complete."

    def get_success_url(self):
        return reverse("assurance:cycle_detail", args=[self.partnership.slug, self.cycle.pk])


class CaseGradeView(PartnershipMixin, ServiceFormView):
    permission_required = "assurance.run_cycle"
    form_class = GradeForm
    page_title = "Grade the case"
    submit_label = "Save the grading"

    def get_permission_object(self):
        if not hasattr(self, "case"):
            self.case = (AuditCase.objects.filter(cycle__partnerships=self.partnership,
                                                  pk=self.kwargs["pk"])
                         .select_related("cycle__lead_partnership").first())
            if self.case is None:
                raise Http404("There is no such case in this partnership.")
        return self.case.cycle

    def get_initial(self):
        c = self.case
        return {"version": c.version, "grade": c.grade, "audit_day": c.audit_day,
                "strengths": c.strengths, "learning": c.learning}

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.case_grade(actor=self.request.user, case=self.case, data=data,
                                   expected_version=version)

    def success_message(self, result):
        return f"Case {result.reference} is graded {result.get_grade_display().lower()}."

    def get_success_url(self):
        return reverse("assurance:cycle_detail", args=[self.partnership.slug, self.case.cycle_id])


# ---- the tool editor: move, remove, sections (each change may make the next version) ------

class _ToolChangeMixin(PartnershipMixin):
    """A POST-only change of a tool's question or section; says which version changed."""

    permission_required = "assurance.manage"
    http_method_names = ["post"]

    def tool_url(self, qs_id):
        return reverse("assurance:tool_detail", args=[self.partnership.slug, qs_id])

    def version_note(self, before, after) -> str:
        if before.pk == after.pk:
            return ""
        return (f" The change is in version {after.number} of the tool; answers already given "
                f"stay with version {before.number}.")

    def post(self, request, *args, **kwargs):
        before = self.tool()
        try:
            after, message = self.change(request.POST)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.tool_url(before.pk))
        messages.success(request, message + self.version_note(before, after))
        return redirect(self.tool_url(after.pk))


def _question_of(slug, pk):
    question = Question.objects.filter(
        section__question_set__partnership__slug=slug, pk=pk
    ).select_related("section__question_set__partnership").first()
    if question is None:
        raise Http404("There is no such question in this partnership.")
    return question


def _section_of(slug, pk):
    section = SetSection.objects.filter(
        question_set__partnership__slug=slug, pk=pk
    ).select_related("question_set__partnership").first()
    if section is None:
        raise Http404("There is no such section in this partnership.")
    return section


class QuestionMoveView(_ToolChangeMixin, View):
    def tool(self):
        self.question = _question_of(self.kwargs["slug"], self.kwargs["pk"])
        return self.question.section.question_set

    def change(self, data):
        direction = data.get("direction", "")
        moved = services.question_move(actor=self.request.user, question=self.question,
                                       direction=direction)
        return moved.section.question_set, f"Question {moved.code} is moved {direction}."


class QuestionRemoveView(_ToolChangeMixin, View):
    def tool(self):
        self.question = _question_of(self.kwargs["slug"], self.kwargs["pk"])
        return self.question.section.question_set

    def change(self, data):
        target = services.question_remove(actor=self.request.user, question=self.question)
        return target, f"Question {self.question.code} is removed."


class SectionMoveView(_ToolChangeMixin, View):
    def tool(self):
        self.section = _section_of(self.kwargs["slug"], self.kwargs["pk"])
        return self.section.question_set

    def change(self, data):
        direction = data.get("direction", "")
        moved = services.section_move(actor=self.request.user, section=self.section,
                                      direction=direction)
        return moved.question_set, f"The section “{moved.title}” is moved {direction}."


class SectionRemoveView(_ToolChangeMixin, View):
    def tool(self):
        self.section = _section_of(self.kwargs["slug"], self.kwargs["pk"])
        return self.section.question_set

    def change(self, data):
        target = services.section_remove(actor=self.request.user, section=self.section)
        return target, f"The section “{self.section.title}” and its questions are removed."


class SectionAddView(PartnershipMixin, ServiceFormView):
    permission_required = "assurance.manage"
    form_class = SectionForm
    page_title = "Add a section"
    submit_label = "Add the section"

    def dispatch(self, request, *args, **kwargs):
        self.tool = QuestionSet.objects.filter(partnership__slug=kwargs["slug"],
                                               pk=kwargs["pk"]).first()
        if self.tool is None:
            raise Http404("There is no such tool in this partnership.")
        return super().dispatch(request, *args, **kwargs)

    def call_service(self, form):
        self.added = services.section_add(actor=self.request.user, qs=self.tool,
                                          title=form.cleaned_data["title"])
        return self.added

    def success_message(self, result):
        return f"The section “{result.title}” is added: now add its questions."

    def get_success_url(self):
        added = getattr(self, "added", None)
        return reverse("assurance:tool_detail", args=[
            self.partnership.slug, added.question_set_id if added else self.tool.pk])


class SectionRenameView(PartnershipMixin, ServiceFormView):
    permission_required = "assurance.manage"
    form_class = SectionForm
    page_title = "Rename a section"
    submit_label = "Save the title"

    def dispatch(self, request, *args, **kwargs):
        self.section = _section_of(kwargs["slug"], kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"title": self.section.title}

    def call_service(self, form):
        self.renamed = services.section_rename(actor=self.request.user, section=self.section,
                                               title=form.cleaned_data["title"])
        return self.renamed

    def success_message(self, result):
        return f"The section is now called “{result.title}”."

    def get_success_url(self):
        renamed = getattr(self, "renamed", None)
        return reverse("assurance:tool_detail", args=[
            self.partnership.slug,
            renamed.question_set_id if renamed else self.section.question_set_id])
