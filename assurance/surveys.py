"""Surveys of practitioners and young people, and self-assessments, on the question-set
engine (issue 12, decision 0035). A survey is answered through its link by individuals,
anonymously; a self-assessment by the partnership's business unit (and any organisation
named), its results compared with the previous self-assessment by the cycle summary."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views import View
from django.views.generic import TemplateView

from core.exports import Column, export_response
from core.models import AuditEvent, Partnership
from core.services import ConcurrentEditError, audit_record
from core.web import PartnershipMixin, RemoveForm, ServiceFormView, add_service_errors

from . import charts, selectors, services
from .forms import SurveyResponseForm, SurveySettingsForm
from .models import Cycle, Kind
from .views import CycleMixin

# A link's answers from one address in ten minutes (the address is hashed in the cache only,
# never stored with a response).
RATE_LIMIT = 20
RATE_WINDOW = 600


class SurveysView(PartnershipMixin, TemplateView):
    """The partnership's surveys and self-assessments."""

    permission_required = "assurance.read_all"
    template_name = "assurance/surveys.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycles = list(selectors.surveys_for(self.partnership))
        context.update(
            surveys=[c for c in cycles if c.kind == Kind.SURVEY],
            self_assessments=[c for c in cycles if c.kind == Kind.SELF_ASSESSMENT],
            own_returns={r.cycle_id: r.pk for r in selectors.partnership_returns(cycles)},
            may_manage=self.request.user.has_perm("assurance.manage", self.partnership))
        return context


class SurveyMixin(CycleMixin):
    def get_permission_object(self):
        cycle = super().get_permission_object()
        if cycle.kind != Kind.SURVEY:
            raise Http404("This cycle is not a survey.")
        return cycle


class SurveyDetailView(SurveyMixin, TemplateView):
    """The survey's link, its settings and how many have answered."""

    template_name = "assurance/survey_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        may_run = self.request.user.has_perm("assurance.run_cycle", self.cycle)
        link = self.request.build_absolute_uri(reverse(
            "assurance:survey_respond", args=[self.partnership.slug, self.cycle.response_token]))
        context.update(
            may_run=may_run, link=link if may_run else "",
            responses=self.cycle.returns.filter(respondent="individual").count(),
            refusal=services.survey_refusal(self.request.user, self.cycle,
                                            self.cycle.response_token),
            close_form=RemoveForm(initial={"version": self.cycle.version}))
        return context


class SurveySettingsView(SurveyMixin, ServiceFormView):
    permission_required = "assurance.run_cycle"
    form_class = SurveySettingsForm
    page_title = "Who may answer the survey"
    submit_label = "Save the settings"

    def get_initial(self):
        c = self.cycle
        return {"sign_in_required": c.sign_in_required, "response_cap": c.response_cap,
                "version": c.version}

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.survey_settings_update(actor=self.request.user, cycle=self.cycle,
                                               data=data, expected_version=version)

    def success_message(self, result):
        return "The survey's settings are saved."

    def get_success_url(self):
        return reverse("assurance:survey_detail", args=[self.partnership.slug, self.cycle.pk])


class CycleCloseView(CycleMixin, View):
    """POST only: the business unit closes a cycle (a survey's link stops taking answers)."""

    permission_required = "assurance.run_cycle"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = RemoveForm(request.POST)
        if self.cycle.kind == Kind.SURVEY:
            back = reverse("assurance:survey_detail", args=[self.partnership.slug, self.cycle.pk])
        else:
            back = reverse("assurance:cycle_detail", args=[self.partnership.slug, self.cycle.pk])
        if not form.is_valid():
            messages.error(request, "The page did not say which version of the cycle you saw, "
                                    "so it was not closed. Try again.")
            return redirect(back)
        if self.cycle.status == Cycle.Status.CLOSED:
            messages.error(request, f"{self.cycle.title} is already closed.")
            return redirect(back)
        try:
            services.cycle_close(actor=request.user, cycle=self.cycle,
                                 expected_version=form.cleaned_data["version"])
        except ConcurrentEditError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{self.cycle.title} is closed.")
        return redirect(back)


def _results_export(request, partnership, results, fmt):
    audit_record(actor=request.user, action=AuditEvent.Action.EXPORT, partnership=partnership,
                 obj=results.cycle, object_repr=f"{results.cycle} results ({fmt})",
                 path=request.get_full_path())
    return export_response(rows=results.rows, fmt=fmt, columns=[
        Column("code", lambda r: r.question.code), Column("question", lambda r: r.question.text),
        Column("section", lambda r: r.section),
        Column("answer type", lambda r: r.question.get_answer_type_display()),
        Column("answered", lambda r: r.answered),
        Column("counts", lambda r: " / ".join(f"{label}: {n}" for label, n in r.counts)),
        Column("average", lambda r: r.average),
        Column("previous average", lambda r: r.previous_average)],
        filename=f"{partnership.slug}-survey-results")


class SurveyResultsView(SurveyMixin, TemplateView):
    """Counts and averages per question, with a chart, its text alternative and the table."""

    template_name = "assurance/survey_results.html"

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt:
            if fmt not in ("csv", "xlsx"):
                raise Http404("Exports are CSV or XLSX.")
            return _results_export(request, self.partnership,
                                   selectors.survey_results(self.cycle), fmt)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = selectors.survey_results(self.cycle)
        context.update(results=results, chart=charts.survey_chart(results))
        return context


def _client_key(request, token: str) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{token}|{address}".encode()).hexdigest()
    return f"survey-rate|{digest}"


class SurveyRespondView(View):
    """The survey's public page: anyone with the link (signed in, if the survey says so)
    answers once per submission, anonymously. A wrong token is not found; a survey that is
    not open says so and takes nothing."""

    template_name = "assurance/survey_respond.html"

    def setup_cycle(self, slug, token):
        self.partnership = get_object_or_404(Partnership, slug=slug)
        cycle = (Cycle.objects.filter(partnerships=self.partnership, kind=Kind.SURVEY,
                                      response_token=token)
                 .select_related("question_set", "lead_partnership").first())
        if cycle is None:
            raise Http404("This survey link is not recognised.")
        self.cycle, self.token = cycle, token

    def form(self, data=None):
        return SurveyResponseForm(data, cycle=self.cycle,
                                  questions=services.survey_questions(self.cycle),
                                  organisations=list(self.cycle.organisations.all()))

    def render(self, request, form=None, *, status=200, done=False):
        refusal = None if done else services.survey_refusal(request.user, self.cycle,
                                                            self.token)
        if refusal and "Sign in" in refusal:
            return redirect(f"{reverse('login')}?next={request.path}")
        grouped = []
        if form is not None and not refusal:
            sections: dict[str, list] = {}
            for q in form.questions:
                sections.setdefault(q.section.title, []).append(
                    form[services.field_name(q)])
            grouped = list(sections.items())
        response = render(request, self.template_name, {
            "public_partnership": self.partnership, "cycle": self.cycle, "form": form,
            "grouped": grouped, "refusal": refusal, "done": done}, status=status)
        add_never_cache_headers(response)  # the form carries its own CSRF token
        return response

    def get(self, request, slug, token):
        self.setup_cycle(slug, token)
        return self.render(request, self.form(), done=request.GET.get("done") == "1")

    def post(self, request, slug, token):
        self.setup_cycle(slug, token)
        form = self.form(request.POST)
        key = _client_key(request, token)
        if cache.get(key, 0) >= RATE_LIMIT:
            form.is_valid()
            form.add_error(None, "Too many answers have come from here in the last few "
                                 "minutes. Please wait ten minutes and try again.")
            return self.render(request, form, status=429)
        if not form.is_valid():
            return self.render(request, form)
        try:
            services.survey_response_submit(
                actor=request.user, cycle=self.cycle, token=token, values=form.values(),
                organisation=form.cleaned_data.get("organisation"),
                age_band=form.cleaned_data.get("age_band") or "")
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render(request, form)
        except PermissionDenied:
            return self.render(request, form)
        cache.add(key, 0, RATE_WINDOW)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, RATE_WINDOW)
        return redirect(f"{request.path}?done=1")
