"""KLOE deep dives and active learning sets."""

from __future__ import annotations

from django.urls import reverse
from django.views.generic import TemplateView

from core.exports import Column
from core.web import (
    HubListView,
    InstanceFormMixin,
    PartnershipMixin,
    ServiceFormView,
    get_in_partnership,
)

from .. import forms, selectors, services
from ..models import (
    Inquiry,
)

# ---- KLOE deep dives and active learning sets ----

class InquiryListView(HubListView):
    permission_required = "learning.list_inquiries"
    template_name = "learning/inquiry_list.html"
    export_name = "deep-dives-and-active-learning"
    export_columns = [
        Column("Title", lambda i: i.title),
        Column("Kind", lambda i: i.get_kind_display()),
        Column("Line of enquiry", lambda i: i.question),
        Column("Commissioned by", lambda i: i.commissioned_by or ""),
        Column("Commissioned on",
               lambda i: i.commissioned_on.isoformat() if i.commissioned_on else ""),
        Column("Critical friend", lambda i: i.critical_friend or ""),
        Column("Practitioners", lambda i: i.practitioners if i.practitioners is not None else ""),
        Column("Status", lambda i: i.get_status_display()),
        Column("Reported on", lambda i: i.reported_on.isoformat() if i.reported_on else ""),
        Column("Findings", lambda i: i.finding_count),
        Column("Actions", lambda i: i.action_count),
    ]

    def base_queryset(self):
        return selectors.inquiry_list(self.partnership)


class InquiryCreateView(PartnershipMixin, ServiceFormView):
    permission_required = "learning.manage_inquiries"
    form_class = forms.InquiryForm
    submit_label = "Save"
    page_title = "Commission a deep dive or active learning set"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_initial(self):
        return {"status": "commissioned"}

    def call_service(self, form):
        data = dict(form.cleaned_data)
        agencies = data.pop("agencies", [])
        self.inquiry = services.inquiry_create(actor=self.request.user,
                                               partnership=self.partnership, data=data,
                                               agencies=agencies)
        return self.inquiry

    def success_message(self, result):
        return f"“{result}” commissioned."

    def get_success_url(self):
        if hasattr(self, "inquiry"):
            return reverse("learning:inquiry_detail",
                           kwargs={"slug": self.partnership.slug, "pk": self.inquiry.pk})
        return reverse("learning:inquiry_list", kwargs={"slug": self.partnership.slug})


class InquiryMixin(PartnershipMixin):
    permission_required = "learning.view_inquiry"

    def get_permission_object(self):
        self.inquiry = get_in_partnership(
            Inquiry.objects.select_related("commissioned_by", "critical_friend", "source"),
            self.partnership, pk=self.kwargs["pk"])
        return self.inquiry

    def get_success_url(self):
        return reverse("learning:inquiry_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.inquiry.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["inquiry"] = self.inquiry
        return context


class InquiryDetailView(InquiryMixin, TemplateView):
    template_name = "learning/inquiry_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            agencies=list(self.inquiry.agencies.all()),
            findings=list(selectors.findings_of(self.inquiry.source)),
            can_manage=self.request.user.has_perm("learning.manage_inquiries",
                                                  self.partnership))
        return context


class InquiryEditView(InstanceFormMixin, InquiryMixin, ServiceFormView):
    permission_required = "learning.manage_inquiries"
    form_class = forms.InquiryEditForm
    submit_label = "Save changes"

    def get_permission_object(self):
        super().get_permission_object()
        return self.partnership

    @property
    def page_title(self):
        return f"Change “{self.inquiry}”"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership, "editing": True}

    def form_instance(self):
        return self.inquiry

    def call_service(self, form):
        data, version = self.split_version(form)
        agencies = data.pop("agencies", [])
        return services.inquiry_update(actor=self.request.user, inquiry=self.inquiry,
                                       data=data, agencies=agencies, expected_version=version)

    def success_message(self, result):
        return "Saved."
