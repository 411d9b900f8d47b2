"""Evidence on an action and its sign-off."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from core.web import FileDownloadMixin, InstanceFormMixin, PartnershipMixin, ServiceFormView

from .. import forms, services
from ..models import (
    Action,
    Evidence,
)
from .common import (
    ActionObjectMixin,
    GuardedFormView,
)

# ---- evidence and sign-off ----

class EvidenceAddView(InstanceFormMixin, ActionObjectMixin, ServiceFormView):
    permission_required = "learning.add_evidence"
    form_class = forms.EvidenceForm
    submit_label = "Add evidence"
    multipart = True

    @property
    def page_title(self):
        return f"Add evidence to “{self.action.title}”"

    instance_fields = ("version",)

    def form_instance(self):
        return self.action

    def call_service(self, form):
        data = form.cleaned_data
        return services.evidence_add(actor=self.request.user, action=self.action,
                                     description=data["description"], file=data.get("file"),
                                     url=data.get("url", ""), completes=data["completes"],
                                     expected_version=data["version"])

    def success_message(self, result):
        return "Evidence added."


class EvidenceRemoveView(PartnershipMixin, GuardedFormView):
    permission_required = "learning.change_action"
    form_class = forms.ConfirmForm
    template_name = "learning/confirm_remove.html"
    submit_label = "Remove evidence"
    destructive = True

    def get_permission_object(self):
        self.evidence = get_object_or_404(
            Evidence.objects.select_related("action__source", "added_by__person"),
            action__partnership=self.partnership, pk=self.kwargs["pk"])
        self.action = self.evidence.action
        return self.action

    @property
    def page_title(self):
        return f"Remove evidence from “{self.action.title}”"

    def refusal(self):
        signed_off = self.action.status == Action.Status.SIGNED_OFF
        return services.EVIDENCE_SIGNED_OFF if signed_off else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        only = not self.action.evidence.exclude(pk=self.evidence.pk).exists()
        context.update(
            evidence=self.evidence,
            warning=("The evidence will be removed from the action"
                     + (" and its document deleted" if self.evidence.file else "")
                     + ". The audit trail keeps a record of what it was."),
            blocks_sign_off=only and self.action.recommendation_id is not None)
        return context

    def call_service(self, form):
        return services.evidence_remove(actor=self.request.user, evidence=self.evidence)

    def success_message(self, result):
        message = f"Evidence removed: {self.evidence}."
        if result.status == Action.Status.COMPLETED and services.needs_evidence(result):
            message += (" The action has no evidence now, so it cannot be signed off until "
                        "evidence is added.")
        return message

    def get_success_url(self):
        return reverse("learning:action_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.action.pk})


class EvidenceDownloadView(FileDownloadMixin, PartnershipMixin, TemplateView):
    permission_required = "learning.view_action"
    missing_message = ("The evidence has no document (it may be a link), or its file is "
                       "missing; ask for it to be added again.")

    def get_permission_object(self):
        self.evidence = get_object_or_404(
            Evidence.objects.select_related("action__source"),
            action__partnership=self.partnership, pk=self.kwargs["pk"])
        return self.evidence.action

    def get_download_object(self):
        return self.evidence

    def get_download_name(self, obj) -> str:
        return obj.filename


class ActionSignOffView(InstanceFormMixin, ActionObjectMixin, ServiceFormView):
    permission_required = "learning.sign_off_action"
    form_class = forms.SignOffForm
    submit_label = "Save decision"
    template_name = "learning/sign_off_form.html"

    @property
    def page_title(self):
        return f"Sign off “{self.action.title}”"

    instance_fields = ("version",)

    def form_instance(self):
        return self.action

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action"] = self.action
        context["evidence"] = list(self.action.evidence.all())
        return context

    def call_service(self, form):
        data = form.cleaned_data
        if data["decision"] == "sign_off":
            return services.action_sign_off(actor=self.request.user, action=self.action,
                                            expected_version=data["version"])
        return services.action_send_back(actor=self.request.user, action=self.action,
                                         reason=data["reason"],
                                         expected_version=data["version"])

    def success_message(self, result):
        if result.status == Action.Status.SIGNED_OFF:
            return "Action signed off."
        return "Action sent back to its owner."
