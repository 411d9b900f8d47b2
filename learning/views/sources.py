"""Sources with their findings and recommendations, and the thread views."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from core.models import AuditEvent
from core.services import audit_record
from core.web import InstanceFormMixin, PartnershipMixin, ServiceFormView, get_in_partnership
from reviews.views import RestrictedIncidentMixin, RestrictedPracticeReviewMixin

from .. import forms, selectors, services
from ..models import (
    ChallengeEvent,
    Finding,
    Recommendation,
    Source,
)
from ..selectors import action_list, actions_visible_to, with_timeliness
from ..thread import thread_for
from .common import (
    ActionObjectMixin,
)

# ---- sources, findings and recommendations ----

class SourceMixin(PartnershipMixin):
    """The learning source in the URL, if it belongs to this partnership (404 otherwise).
    Opening a case review's findings is a view of a restricted record, so it is audited."""

    permission_required = "learning.view_source"
    source_kwarg = "pk"
    audit_not_found = True  # an id tried under another partnership's slug is audited
    not_found_model = Source

    def get_source(self):
        return get_object_or_404(Source.objects.filter(partnerships=self.partnership),
                                 pk=self.kwargs[self.source_kwarg])

    def get_permission_object(self):
        self.source = self.get_source()
        return self.source

    def check_object_permission(self):
        super().check_object_permission()  # a refusal is audited by core.middleware
        if self.source.is_restricted and self.request.method == "GET":
            audit_record(actor=self.request.user, action=AuditEvent.Action.VIEW,
                         obj=self.source, partnership=self.partnership,
                         path=self.request.get_full_path())

    def source_url(self):
        return reverse("learning:source_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.source.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["source"] = self.source
        return context


def _owner_link(source, partnership):
    """The page of the record that owns a source, if it has one, and the object that page
    checks (a meeting's page asks with its group; an improvement plan's with the
    partnership), so the link is shown only to those who may open it."""
    owner = source.owner
    name = {"Meeting": "governance:meeting_detail", "SeriousIncident": "reviews:incident_detail",
            "PracticeReview": "reviews:practice_review_detail",
            "ChallengeEvent": "learning:challenge_detail",
            "Inquiry": "learning:inquiry_detail",
            "ImprovementPlan": "learning:improvement_plan_detail",
            "ScrutinyActivity": "business:scrutiny_detail",
            "NationalItem": "business:national_detail"}.get(type(owner).__name__)
    pk, checked = (owner.pk if owner is not None else None), owner
    if type(owner).__name__ == "RapidReview":
        name, pk, checked = "reviews:incident_detail", owner.incident_id, owner.incident
    elif type(owner).__name__ == "Meeting":
        checked = owner.group
    elif type(owner).__name__ in {"ImprovementPlan", "ScrutinyActivity", "NationalItem"}:
        checked = partnership
    if name is None:
        return "", None
    return reverse(name, kwargs={"slug": partnership.slug, "pk": pk}), checked


class SourceDetailView(SourceMixin, TemplateView):
    template_name = "learning/source_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        findings = list(selectors.findings_of(self.source).filter(partnership=self.partnership))
        direct = with_timeliness(action_list(
            actions_visible_to(self.request.user, self.partnership)
            .filter(source=self.source, recommendation__isnull=True)))
        context.update(findings=findings, direct_actions=direct,
                       owner_link=_owner_link(self.source, self.partnership),
                       can_manage=self.request.user.has_perm("learning.manage_findings",
                                                             self.source))
        return context


class FindingCreateView(SourceMixin, ServiceFormView):
    permission_required = "learning.manage_findings"
    form_class = forms.FindingForm
    submit_label = "Add finding"

    @property
    def page_title(self):
        return f"Add a finding to {self.source.title}"

    def call_service(self, form):
        data = form.cleaned_data
        return services.finding_create(actor=self.request.user, partnership=self.partnership,
                                       source=self.source, text=data["text"],
                                       themes=data["themes"])

    def success_message(self, result):
        return "Finding added."

    def get_success_url(self):
        return self.source_url()


class FindingMixin(SourceMixin):
    permission_required = "learning.manage_findings"
    not_found_model = Finding

    def get_source(self):
        self.finding = get_in_partnership(Finding.objects.select_related("source"),
                                          self.partnership, pk=self.kwargs["pk"])
        return self.finding.source

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["finding"] = self.finding
        return context


class FindingEditView(InstanceFormMixin, FindingMixin, ServiceFormView):
    form_class = forms.FindingEditForm
    submit_label = "Save finding"
    page_title = "Change the finding"

    def form_instance(self):
        return self.finding

    def call_service(self, form):
        data = form.cleaned_data
        return services.finding_update(actor=self.request.user, finding=self.finding,
                                       text=data["text"], themes=data["themes"],
                                       expected_version=data["version"])

    def success_message(self, result):
        return "Finding saved."

    def get_success_url(self):
        return self.source_url()


class RecommendationCreateView(FindingMixin, ServiceFormView):
    form_class = forms.RecommendationForm
    submit_label = "Add recommendation"
    template_name = "learning/recommendation_form.html"

    @property
    def page_title(self):
        return "Add a recommendation"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def call_service(self, form):
        data = dict(form.cleaned_data)
        return services.recommendation_create(actor=self.request.user, finding=self.finding,
                                              data=data)

    def success_message(self, result):
        if result.is_smart:
            return "Recommendation added."
        return "Recommendation added. It is not yet SMART: " + " ".join(result.smart_gaps)

    def get_success_url(self):
        return self.source_url()


class RecommendationMixin(SourceMixin):
    permission_required = "learning.manage_findings"
    not_found_model = Recommendation

    def get_source(self):
        self.recommendation = get_in_partnership(
            Recommendation.objects.select_related("finding__source", "lead_organisation"),
            self.partnership, pk=self.kwargs["pk"])
        return self.recommendation.finding.source

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recommendation"] = self.recommendation
        return context


class RecommendationEditView(InstanceFormMixin, RecommendationMixin, ServiceFormView):
    form_class = forms.RecommendationEditForm
    submit_label = "Save recommendation"
    page_title = "Change the recommendation"
    template_name = "learning/recommendation_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def form_instance(self):
        return self.recommendation

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.recommendation_update(actor=self.request.user,
                                              recommendation=self.recommendation, data=data,
                                              expected_version=version)

    def success_message(self, result):
        return "Recommendation saved."

    def get_success_url(self):
        return self.source_url()


class RecommendationActionCreateView(RecommendationMixin, ServiceFormView):
    form_class = forms.RecommendationActionForm
    submit_label = "Add action"

    @property
    def page_title(self):
        return "Add an action for this recommendation"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def call_service(self, form):
        return services.action_create_for_recommendation(
            actor=self.request.user, recommendation=self.recommendation, **form.cleaned_data)

    def success_message(self, result):
        return f"Action added: {result}."

    def get_success_url(self):
        return self.source_url()


# ---- the thread ----

class _ThreadMixin:
    template_name = "learning/thread.html"

    def thread_record(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.thread_record()
        context.update(record=record, thread=thread_for(self.request.user, self.partnership,
                                                        record))
        return context


class FindingThreadView(_ThreadMixin, FindingMixin, TemplateView):
    permission_required = "learning.view_source"

    def thread_record(self):
        return self.finding

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm("learning.manage_findings",
                                                           self.source)
        return context


class RecommendationThreadView(_ThreadMixin, RecommendationMixin, TemplateView):
    permission_required = "learning.view_source"

    def thread_record(self):
        return self.recommendation

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm("learning.manage_findings",
                                                           self.source)
        return context


class ActionThreadView(_ThreadMixin, ActionObjectMixin, TemplateView):
    permission_required = "learning.view_action"

    def thread_record(self):
        return self.action


class IncidentThreadView(_ThreadMixin, RestrictedIncidentMixin, TemplateView):
    def thread_record(self):
        return self.incident


class PracticeReviewThreadView(_ThreadMixin, RestrictedPracticeReviewMixin, TemplateView):
    def thread_record(self):
        return self.review


class SourceActionCreateView(SourceMixin, ServiceFormView):
    """An action set directly by a source that is not a meeting (e.g. a challenge event's
    further actions): it joins the combined plan through that source."""

    permission_required = "learning.manage_findings"
    form_class = forms.RecommendationActionForm
    submit_label = "Add action"

    @property
    def page_title(self):
        return f"Add an action from {self.source.title}"

    def check_object_permission(self):
        super().check_object_permission()
        if self.source.kind == Source.Kind.MEETING:
            raise Http404("Actions from a meeting are added on the meeting's page.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def call_service(self, form):
        return services.source_action_create(actor=self.request.user,
                                             partnership=self.partnership, source=self.source,
                                             **form.cleaned_data)

    def success_message(self, result):
        return f"Action added: {result}."

    def get_success_url(self):
        owner = self.source.owner
        if isinstance(owner, ChallengeEvent):
            return reverse("learning:challenge_detail",
                           kwargs={"slug": self.partnership.slug, "pk": owner.pk})
        return self.source_url()
