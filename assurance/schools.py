"""The school register and the Section 175/157 audit's school pages (decision 0034): the
register list and its import, a cycle's response per council area, the schools needing
follow-up, and the business unit's reminder to schools that have not responded. Thin views:
check the permission, call one selector or service, render."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from core.exports import Column, export_response
from core.filters import PartnershipFilterSet
from core.forms import HubForm
from core.models import Area, AuditEvent
from core.services import audit_record
from core.tabular import check_table_file, read_table
from core.web import HubListView, PartnershipMixin, TableImportView

from . import charts, selectors, services
from .models import Kind, School
from .views import CycleMixin

REGISTER_COLUMNS = [
    Column("urn", lambda s: s.urn),
    Column("name", lambda s: s.organisation.name),
    Column("phase", lambda s: s.phase),
    Column("area", lambda s: s.area.name),
    Column("dsl_email", lambda s: s.dsl_email),
]


class SchoolFilter(PartnershipFilterSet):
    name = django_filters.CharFilter(field_name="organisation__name", lookup_expr="icontains",
                                     label="Name contains")
    area = django_filters.ModelChoiceFilter(queryset=Area.objects.none(), label="Council area",
                                            empty_label="Any area")
    phase = django_filters.ChoiceFilter(choices=School.Phase.choices, label="Phase or type",
                                        empty_label="Any phase or type")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["area"].queryset = selectors.register_areas(self.partnership)

    class Meta:
        model = School
        fields = ["name", "area", "phase"]


class SchoolListView(HubListView):
    """The partnership's register of schools and colleges."""

    permission_required = "assurance.read_all"
    template_name = "assurance/school_list.html"
    filterset_class = SchoolFilter
    paginate_by = 50
    export_name = "school-register"
    export_columns = [*REGISTER_COLUMNS, Column("section", lambda s: s.section)]

    def base_queryset(self):
        return selectors.school_register(self.partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_manage"] = self.request.user.has_perm("assurance.manage",
                                                           self.partnership)
        return context


class SchoolImportForm(HubForm):
    file = forms.FileField(
        label="School register file",
        help_text="CSV or Excel (XLSX) with the columns urn, name, phase, area and dsl_email")

    def clean_file(self):
        return check_table_file(self.cleaned_data["file"])


class SchoolImportView(TableImportView):
    permission_required = "assurance.manage"
    template_name = "assurance/school_import.html"
    form_class = SchoolImportForm

    def read_rows(self, upload):
        return read_table(upload, required=services.REGISTER_COLUMNS)

    def save(self, form, rows, upload):
        result = services.school_register_import(actor=self.request.user,
                                                 partnership=self.partnership, rows=rows)
        messages.success(self.request, f"{result.rows} rows processed from {upload.name}: "
                                       f"{result.created} schools added, {result.updated} "
                                       f"updated, {result.unchanged} unchanged.")
        return redirect(reverse("assurance:school_list", args=[self.partnership.slug]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(phases=School.Phase.choices,
                       areas=list(selectors.register_areas(self.partnership)))
        return context


class SchoolTemplateView(PartnershipMixin, View):
    """The register's columns with one example row, to fill in and import."""

    permission_required = "assurance.manage"

    def get(self, request, slug, fmt):
        if fmt not in ("csv", "xlsx"):
            raise Http404("The template is CSV or XLSX.")
        area = selectors.register_areas(self.partnership).first()
        example = {"urn": "100000", "name": "Example Primary School", "phase": "primary",
                   "area": area.name if area else "Your council area",
                   "dsl_email": "dsl@example-primary.sch.uk"}
        return export_response(
            rows=[example], fmt=fmt, filename=f"{self.partnership.slug}-school-register-template",
            columns=[Column(name, lambda r, name=name: r[name])
                     for name in services.REGISTER_COLUMNS])


class S175CycleMixin(CycleMixin):
    def get_permission_object(self):
        cycle = super().get_permission_object()
        if cycle.kind != Kind.SECTION_175:
            raise Http404("Only a Section 175/157 cycle has a schools page.")
        return cycle


def _rate(r):
    return r.rate if r.rate is not None else ""


AREA_COLUMNS = [Column("council area", lambda r: r.area), Column("asked", lambda r: r.asked),
                Column("responded", lambda r: r.responded),
                Column("response rate (%)", _rate)]
FOLLOW_UP_COLUMNS = [
    Column("school", lambda f: f.school), Column("urn", lambda f: f.urn),
    Column("council area", lambda f: f.area), Column("dsl_email", lambda f: f.dsl_email),
    Column("why", lambda f: "; ".join(f.reasons))]


def _school(r):
    return getattr(r.organisation, "school_record", None)


SCHOOL_COLUMNS = [
    Column("school", lambda r: r.organisation.name),
    Column("urn", lambda r: _school(r).urn if _school(r) else ""),
    Column("council area", lambda r: _school(r).area.name if _school(r)
           else selectors.NOT_ON_REGISTER),
    Column("phase", lambda r: _school(r).get_phase_display() if _school(r) else ""),
    Column("status", lambda r: r.get_status_display()),
    Column("submitted", lambda r: r.submitted_at.date() if r.submitted_at else ""),
]


class CycleSchoolsView(S175CycleMixin, TemplateView):
    """A Section 175/157 cycle's schools: the response per council area (chart and table),
    the schools needing follow-up and each school's return with its Word and PDF export."""

    template_name = "assurance/cycle_schools.html"
    EXPORTS = {"areas": "response-by-area", "follow-up": "schools-follow-up",
               "schools": "school-returns"}

    def _rows(self, table):
        if table == "areas":
            response = selectors.school_response(self.cycle)
            return [*response.areas, response.overall], AREA_COLUMNS
        if table == "follow-up":
            return selectors.schools_to_follow_up(self.cycle), FOLLOW_UP_COLUMNS
        return list(selectors.school_returns(self.cycle)), SCHOOL_COLUMNS

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt:
            table = request.GET.get("table", "areas")
            if fmt not in ("csv", "xlsx") or table not in self.EXPORTS:
                raise Http404("Exports are CSV or XLSX of areas, follow-up or schools.")
            rows, columns = self._rows(table)
            audit_record(actor=request.user, action=AuditEvent.Action.EXPORT,
                         partnership=self.partnership, obj=self.cycle,
                         object_repr=f"{self.cycle} {self.EXPORTS[table]} ({fmt})",
                         path=request.get_full_path())
            return export_response(rows=rows, columns=columns, fmt=fmt,
                                   filename=f"{self.partnership.slug}-{self.EXPORTS[table]}")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        response = selectors.school_response(self.cycle)
        returns = list(selectors.school_returns(self.cycle))
        context.update(
            response=response, chart=charts.response_chart(self.cycle, response),
            follow_up=selectors.schools_to_follow_up(self.cycle), returns=returns,
            waiting=sum(1 for r in returns if r.status == r.Status.DRAFT),
            may_run=self.request.user.has_perm("assurance.run_cycle", self.cycle))
        return context


class SchoolRemindView(S175CycleMixin, View):
    """The business unit's button: remind every school that has not responded."""

    permission_required = "assurance.run_cycle"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        url = reverse("assurance:cycle_schools", args=[self.partnership.slug, self.cycle.pk])
        try:
            result = services.school_reminders_send(
                actor=request.user, cycle=self.cycle,
                base_url=request.build_absolute_uri("/").rstrip("/"))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(url)
        text = f"Reminders sent to {result.sent} school{'s' if result.sent != 1 else ''}."
        if result.already_today:
            text += (f" {result.already_today} already reminded today "
                     "(a school is reminded once a day at most).")
        if result.no_address:
            text += f" {result.no_address} with no e-mail address to remind."
        messages.success(request, text)
        return redirect(url)
