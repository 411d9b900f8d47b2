"""Dissemination products."""

from __future__ import annotations

from django.urls import reverse

from core.exports import Column
from core.web import (
    HubListView,
    InstanceFormMixin,
    PartnershipMixin,
    ServiceFormView,
    get_in_partnership,
)

from .. import forms, selectors, services
from ..filters import DisseminationFilter
from ..models import (
    DisseminationProduct,
)
from ..need_to_know import mark_sources

# ---- dissemination ----

class DisseminationListView(HubListView):
    permission_required = "learning.list_dissemination"
    template_name = "learning/dissemination_list.html"
    filterset_class = DisseminationFilter
    export_name = "dissemination"
    export_columns = [
        Column("Title", lambda d: d.title),
        Column("Kind", lambda d: d.get_kind_display()),
        Column("Published or held on", lambda d: d.issued_on.isoformat()),
        Column("Learning it shares", lambda d: d.source_shown.title if d.source_shown else ""),
        Column("Themes", lambda d: "; ".join(t.name for t in d.themes.all())),
        Column("People attending", lambda d: d.attended if d.attended is not None else ""),
        Column("Sent to", lambda d: d.sent_to if d.sent_to is not None else ""),
        Column("Link", lambda d: d.url),
    ]

    def base_queryset(self):
        return selectors.dissemination_list(self.partnership)

    def export_rows(self, rows):
        return mark_sources(self.request.user, rows)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = self.export_rows(context["object_list"])
        context["reach"] = selectors.reach(self.object_list)
        context["can_manage"] = self.request.user.has_perm("learning.manage_dissemination",
                                                           self.partnership)
        return context


class _DisseminationFormView(PartnershipMixin, ServiceFormView):
    permission_required = "learning.manage_dissemination"
    form_class = forms.DisseminationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "sources": selectors.challengeable_sources(self.partnership)}

    def get_success_url(self):
        return reverse("learning:dissemination_list", kwargs={"slug": self.partnership.slug})


class DisseminationCreateView(_DisseminationFormView):
    submit_label = "Save"
    page_title = "Record a briefing, newsletter item or learning event"

    def call_service(self, form):
        data = dict(form.cleaned_data)
        themes = data.pop("themes", [])
        return services.dissemination_add(actor=self.request.user,
                                          partnership=self.partnership, data=data,
                                          themes=themes)

    def success_message(self, result):
        return f"“{result}” recorded."


class DisseminationEditView(InstanceFormMixin, _DisseminationFormView):
    form_class = forms.DisseminationEditForm
    submit_label = "Save changes"
    page_title = "Change the dissemination record"

    def get_permission_object(self):
        self.product = get_in_partnership(DisseminationProduct, self.partnership,
                                          pk=self.kwargs["pk"])
        return self.partnership

    def form_instance(self):
        return self.product

    def call_service(self, form):
        data, version = self.split_version(form)
        themes = data.pop("themes", [])
        return services.dissemination_update(actor=self.request.user, product=self.product,
                                             data=data, themes=themes,
                                             expected_version=version)

    def success_message(self, result):
        return "Saved."
