"""Thin views: check the permission on the partnership, call one selector or service."""

from __future__ import annotations

from functools import cached_property

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from core.exports import Column
from core.tabular import read_table
from core.web import (
    HubListView,
    InstanceFormMixin,
    PartnershipMixin,
    ServiceFormView,
    TableImportView,
    get_in_partnership,
)

from . import filters, forms, selectors, services
from .models import (
    CommunicationItem,
    NationalItem,
    ScrutineerAppointment,
    ScrutinyActivity,
    VoiceItem,
)

VIEW, MANAGE = "business.view_business", "business.manage_business"


def _date(value) -> str:
    return value.isoformat() if value else ""


class BusinessMixin(PartnershipMixin):
    """Every business page is checked on the partnership (so a link to it needs no object);
    a record page then finds its record in this partnership or answers 404."""

    permission_required = VIEW
    model = None

    @cached_property
    def record(self):
        return get_in_partnership(self.model.objects.all(), self.partnership,
                                  pk=self.kwargs["pk"])

    def url(self, name: str, **kwargs) -> str:
        return reverse(f"business:{name}", kwargs={"slug": self.partnership.slug, **kwargs})


class CreateView(BusinessMixin, ServiceFormView):
    """A create page: the form takes the partnership; its data goes to `service`."""

    permission_required = MANAGE
    submit_label = "Save"
    partnership_form = True
    list_name = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        return {**kwargs, "partnership": self.partnership} if self.partnership_form else kwargs

    def create(self, data):
        raise NotImplementedError

    def call_service(self, form):
        self.created = self.create(dict(form.cleaned_data))
        return self.created

    def success_message(self, result):
        return f"“{result}” saved."

    def get_success_url(self):
        return self.url(self.list_name)


class EditView(InstanceFormMixin, BusinessMixin, ServiceFormView):
    permission_required = MANAGE
    partnership_form = True
    back_name = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        return {**kwargs, "partnership": self.partnership} if self.partnership_form else kwargs

    def form_instance(self):
        return self.record

    @property
    def page_title(self):
        return f"Change “{self.record}”"

    def update(self, data, version):
        raise NotImplementedError

    def call_service(self, form):
        data, version = self.split_version(form)
        return self.update(data, version)

    def success_message(self, result):
        return "Saved."

    def get_success_url(self):
        if self.back_name.endswith("_detail"):
            return self.url(self.back_name, pk=self.record.pk)
        return self.url(self.back_name)


# ---- national agenda tracker ----

class NationalListView(BusinessMixin, HubListView):
    template_name = "business/national_list.html"
    filterset_class = filters.NationalFilter
    export_name = "national-agenda"
    export_columns = [
        Column("Title", lambda n: n.title),
        Column("Kind", lambda n: n.get_kind_display()),
        Column("From", lambda n: n.get_issuer_display()),
        Column("Issued on", lambda n: _date(n.issued_on)),
        Column("Link", lambda n: n.url),
        Column("Response due", lambda n: _date(n.due_on)),
        Column("Response date from", lambda n: n.get_due_basis_display()),
        Column("Circulated to", lambda n: n.circulated_to),
        Column("Circulated on", lambda n: _date(n.circulated_on)),
        Column("Agenda item", lambda n: n.agenda_item.title if n.agenda_item else ""),
        Column("Learning actions", lambda n: n.action_count),
        Column("Outcome", lambda n: n.outcome),
        Column("Status", lambda n: n.get_status_display()),
        Column("Responded on", lambda n: _date(n.closed_on)),
        Column("Overdue", lambda n: "yes" if n.overdue else "no"),
    ]

    def base_queryset(self):
        return selectors.national_list(self.partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overdue_count"] = selectors.national_overdue_count(self.partnership)
        return context


class NationalCreateView(CreateView):
    form_class = forms.NationalItemForm
    page_title = "Log a national letter, review or guidance"
    list_name = "national_list"

    def get_initial(self):
        return {"status": NationalItem.Status.RECEIVED}

    def create(self, data):
        return services.national_item_create(actor=self.request.user,
                                             partnership=self.partnership, data=data)

    def get_success_url(self):
        if hasattr(self, "created"):
            return self.url("national_detail", pk=self.created.pk)
        return super().get_success_url()


class NationalDetailView(BusinessMixin, TemplateView):
    template_name = "business/national_detail.html"
    model = NationalItem

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = (selectors.national_list(self.partnership)
                .filter(pk=self.kwargs["pk"]).select_related("source").first())
        if item is None:
            raise Http404("There is no such national item in this partnership.")
        context.update(item=item, today=timezone.localdate())
        return context


class NationalEditView(EditView):
    form_class = forms.NationalItemEditForm
    model = NationalItem
    back_name = "national_detail"

    def update(self, data, version):
        return services.national_item_update(actor=self.request.user, item=self.record,
                                             data=data, expected_version=version)


# ---- independent scrutiny ----

class ScrutinyListView(BusinessMixin, HubListView):
    template_name = "business/scrutiny_list.html"
    filterset_class = filters.ScrutinyFilter
    export_name = "scrutiny-activities"
    export_columns = [
        Column("Title", lambda a: a.title),
        Column("Kind", lambda a: a.get_kind_display()),
        Column("Held or reported on", lambda a: _date(a.held_on)),
        Column("Scrutineer", lambda a: a.scrutineer.name if a.scrutineer else ""),
        Column("What was done", lambda a: a.summary),
        Column("Findings", lambda a: a.finding_count),
        Column("Recommendations", lambda a: a.recommendation_count),
        Column("Learning actions", lambda a: a.action_count),
        Column("Response", lambda a: a.get_response_display()),
        Column("Responded on", lambda a: _date(a.response_on)),
        Column("What the partnership said and did", lambda a: a.response_text),
    ]

    def base_queryset(self):
        return selectors.scrutiny_list(self.partnership)


class ScrutinyCreateView(CreateView):
    form_class = forms.ScrutinyActivityForm
    page_title = "Log a scrutiny activity"
    list_name = "scrutiny_list"

    def get_initial(self):
        return {"response": ScrutinyActivity.Response.AWAITED}

    def create(self, data):
        return services.scrutiny_activity_create(actor=self.request.user,
                                                 partnership=self.partnership, data=data)

    def get_success_url(self):
        if hasattr(self, "created"):
            return self.url("scrutiny_detail", pk=self.created.pk)
        return super().get_success_url()


class ScrutinyDetailView(BusinessMixin, TemplateView):
    template_name = "business/scrutiny_detail.html"

    def get_context_data(self, **kwargs):
        from learning.selectors import findings_of

        context = super().get_context_data(**kwargs)
        activity = (selectors.scrutiny_list(self.partnership).filter(pk=self.kwargs["pk"])
                    .select_related("source").first())
        if activity is None:
            raise Http404("There is no such scrutiny activity in this partnership.")
        context.update(activity=activity, findings=list(findings_of(activity.source)))
        return context


class ScrutinyEditView(EditView):
    form_class = forms.ScrutinyActivityEditForm
    model = ScrutinyActivity
    back_name = "scrutiny_detail"

    def update(self, data, version):
        return services.scrutiny_activity_update(actor=self.request.user, activity=self.record,
                                                 data=data, expected_version=version)


class AppointmentListView(BusinessMixin, HubListView):
    template_name = "business/appointment_list.html"
    export_name = "scrutineer-appointments"
    export_columns = [
        Column("Scrutineer", lambda a: a.person.name),
        Column("Role title", lambda a: a.title),
        Column("Appointed from", lambda a: _date(a.starts_on)),
        Column("Appointed until", lambda a: _date(a.ends_on)),
        Column("Days a year", lambda a: a.days_per_year if a.days_per_year is not None else ""),
        Column("Terms", lambda a: a.terms),
    ]

    def base_queryset(self):
        return selectors.appointment_list(self.partnership)


class AppointmentCreateView(CreateView):
    form_class = forms.AppointmentForm
    page_title = "Record a scrutineer's appointment"
    list_name = "appointment_list"

    def create(self, data):
        return services.appointment_create(actor=self.request.user,
                                           partnership=self.partnership, data=data)


class AppointmentEditView(EditView):
    form_class = forms.AppointmentEditForm
    model = ScrutineerAppointment
    back_name = "appointment_list"

    def update(self, data, version):
        return services.appointment_update(actor=self.request.user, appointment=self.record,
                                           data=data, expected_version=version)


class StatementListView(BusinessMixin, HubListView):
    template_name = "business/statement_list.html"
    export_name = "scrutineer-statements"
    export_columns = [
        Column("Reporting year", lambda s: s.year_label),
        Column("Statement", lambda s: s.text),
        Column("Written by", lambda s: s.written_by.get_full_name() if s.written_by else ""),
        Column("Approved on", lambda s: _date(s.approved_on)),
    ]

    def base_queryset(self):
        return selectors.statement_list(self.partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        this_year = selectors.year_start_of(timezone.localdate())
        # The year just ended is the one whose report is being written.
        context["write_years"] = [(y, selectors.year_label(y))
                                  for y in (this_year - 1, this_year)]
        return context


class StatementMixin(BusinessMixin):
    permission_required = "business.write_statement"

    @cached_property
    def year_start(self) -> int:
        year = self.kwargs["year"]
        if not 2000 <= year <= timezone.localdate().year:
            raise Http404("There is no such reporting year.")
        return year

    @cached_property
    def statement(self):
        return selectors.statement_for(self.partnership, self.year_start)

    def get_success_url(self):
        return self.url("statement_list")


class StatementEditView(StatementMixin, ServiceFormView):
    form_class = forms.StatementForm
    submit_label = "Save the statement"

    @property
    def page_title(self):
        return f"Scrutineer's statement for {selectors.year_label(self.year_start)}"

    def get_initial(self):
        if self.statement is None:
            return {"version": 0}
        return {"text": self.statement.text, "version": self.statement.version}

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.statement_save(actor=self.request.user, partnership=self.partnership,
                                       year_start=self.year_start, text=data["text"],
                                       expected_version=version)

    def success_message(self, result):
        return ("Saved. Approve it when it is final: the yearly report prints only an "
                "approved statement.") if not result.is_approved else "Saved."


class StatementApproveView(StatementMixin, ServiceFormView):
    form_class = forms.ApproveForm
    submit_label = "Approve the statement"
    template_name = "business/statement_approve.html"

    @property
    def page_title(self):
        return f"Approve the statement for {selectors.year_label(self.year_start)}"

    def get(self, request, *args, **kwargs):
        if self.statement is None:
            messages.error(request, "Write the statement before approving it.")
            return redirect(self.url("statement_edit", year=self.year_start))
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"version": self.statement.version if self.statement else 0}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["statement"] = self.statement
        return context

    def call_service(self, form):
        if self.statement is None:
            from django.core.exceptions import ValidationError
            raise ValidationError("Write the statement before approving it.")
        return services.statement_approve(actor=self.request.user, statement=self.statement,
                                          expected_version=form.cleaned_data["version"])

    def success_message(self, result):
        return "Approved: the yearly report prints this statement."


# ---- communication ----

class CommunicationListView(BusinessMixin, HubListView):
    template_name = "business/communication_list.html"
    filterset_class = filters.CommunicationFilter
    export_name = "communication"
    export_columns = [
        Column("Kind", lambda c: c.get_kind_display()),
        Column("Title", lambda c: c.title),
        Column("Date", lambda c: _date(c.issued_on)),
        Column("Audience", lambda c: c.get_audience_display()),
        Column("Theme", lambda c: c.theme.name if c.theme else ""),
        Column("Reach", lambda c: c.reach if c.reach is not None else ""),
        Column("Measure", lambda c: c.get_measure_display() if c.measure else ""),
        Column("Link", lambda c: c.url),
    ]

    def base_queryset(self):
        return selectors.communication_list(self.partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["years"] = selectors.communication_years(self.partnership)
        return context


class CommunicationCreateView(CreateView):
    form_class = forms.CommunicationForm
    page_title = "Add communication"
    list_name = "communication_list"
    partnership_form = False

    def create(self, data):
        return services.communication_create(actor=self.request.user,
                                             partnership=self.partnership, data=data)


class CommunicationEditView(EditView):
    form_class = forms.CommunicationEditForm
    model = CommunicationItem
    back_name = "communication_list"
    partnership_form = False

    def update(self, data, version):
        return services.communication_update(actor=self.request.user, item=self.record,
                                             data=data, expected_version=version)


class CommunicationImportView(BusinessMixin, TableImportView):
    permission_required = MANAGE
    template_name = "business/communication_import.html"
    form_class = forms.CommunicationImportForm

    def read_rows(self, upload):
        return read_table(upload, required=services.COMMUNICATION_COLUMNS)

    def save(self, form, rows, upload):
        saved = services.communication_import(actor=self.request.user,
                                              partnership=self.partnership, rows=rows)
        messages.success(self.request, f"{len(saved)} rows processed and saved from "
                                       f"{upload.name}.")
        return redirect(self.url("communication_list"))


# ---- voice of the child ----

class VoiceListView(BusinessMixin, HubListView):
    template_name = "business/voice_list.html"
    filterset_class = filters.VoiceFilter
    export_name = "voice-of-the-child"
    export_columns = [
        Column("Heard on", lambda v: _date(v.heard_on)),
        Column("Where", lambda v: v.get_channel_display()),
        Column("Whose voice", lambda v: v.get_voice_display()),
        Column("Age band", lambda v: v.get_age_band_display()),
        Column("What they said", lambda v: v.said),
        Column("Theme", lambda v: v.theme.name if v.theme else ""),
        Column("What changed", lambda v: v.what_changed),
        Column("Consent to share", lambda v: "yes" if v.consent else "no"),
        Column("Consent recorded on", lambda v: _date(v.consent_recorded_on)),
    ]

    def base_queryset(self):
        return selectors.voice_list(self.partnership)


class VoiceCreateView(CreateView):
    form_class = forms.VoiceForm
    page_title = "Record what children, young people or families said"
    list_name = "voice_list"
    partnership_form = False

    def create(self, data):
        return services.voice_create(actor=self.request.user, partnership=self.partnership,
                                     data=data)

    def success_message(self, result):
        return "Saved."


class VoiceEditView(EditView):
    form_class = forms.VoiceEditForm
    model = VoiceItem
    back_name = "voice_list"
    partnership_form = False
    page_title = "Change what children, young people or families said"

    def update(self, data, version):
        return services.voice_update(actor=self.request.user, item=self.record, data=data,
                                     expected_version=version)
