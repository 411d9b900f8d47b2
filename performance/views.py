"""Thin views: check the permission, call one selector or service, render."""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import TemplateView

from core import jobs, populations
from core.exports import Column
from core.filters import PartnershipFilterSet
from core.services import ConcurrentEditError
from core.tabular import read_table
from core.web import (
    HubListView,
    PartnershipMixin,
    TableImportView,
    add_service_errors,
    import_problems,
)

from . import charts, selectors, services, tasks
from .caching import cached
from .forms import (
    CatalogueImportForm,
    IndicatorEditForm,
    IndicatorForm,
    PopulationImportForm,
    ScorecardForm,
    TargetForm,
    UploadForm,
    ValueForm,
)
from .models import DataReturn, Indicator

DATA_COLUMNS = tasks.DATA_COLUMNS


class ScorecardView(PartnershipMixin, TemplateView):
    permission_required = "performance.view_scorecard"
    template_name = "performance/scorecard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        areas = list(selectors.areas_for(self.partnership))
        code = self.request.GET.get("area")
        area = next((a for a in areas if a.ons_code == code), areas[0] if areas else None)
        version = selectors.data_version()
        periods = cached(f"periods|{area.pk}|{version}",
                         lambda: selectors.periods_for(area)) if area else []
        period = self.request.GET.get("period")
        if period not in periods:
            period = periods[0] if periods else None
        context.update(area=area, period=period, form=None)
        context["choose"] = ScorecardForm(
            initial={"area": area.ons_code if area else "", "period": period},
            areas=areas, periods=periods)
        if area is not None and period is not None:
            # Computing and rendering 150 indicators costs far more than the rest of the
            # page; see performance.caching for why this is never stale.
            html = cached(
                f"tables|{self.partnership.pk}|{area.pk}|{period}|{version}",
                lambda: render_to_string("performance/_scorecard_tables.html", {
                    "card": selectors.scorecard(partnership=self.partnership, area=area,
                                                period=period, periods=periods),
                    "partnership": self.partnership}))
            context["tables"] = mark_safe(html)  # rendered by our own template, escaped there
        return context


class IndicatorFilter(PartnershipFilterSet):
    q = django_filters.CharFilter(method="search", label="Code or name contains")
    section = django_filters.ChoiceFilter(choices=Indicator.Section.choices, label="Section")
    topic = django_filters.ChoiceFilter(choices=Indicator.Topic.choices, label="Topic")
    unit = django_filters.ChoiceFilter(choices=Indicator.Unit.choices, label="Unit")

    class Meta:
        model = Indicator
        fields = ["q", "section", "topic", "unit"]

    def search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))


class IndicatorListView(HubListView):
    """The catalogue. Its download has the columns the catalogue import reads."""

    permission_required = "performance.view_scorecard"
    template_name = "performance/indicator_list.html"
    filterset_class = IndicatorFilter
    paginate_by = 50
    export_name = "indicator-catalogue"
    export_columns = [
        Column("code", lambda i: i.code),
        Column("name", lambda i: i.name),
        Column("definition", lambda i: i.definition),
        Column("section", lambda i: i.section),
        Column("topic", lambda i: i.topic),
        Column("unit", lambda i: i.unit),
        Column("polarity", lambda i: i.polarity),
        Column("source_organisation", lambda i: i.source_organisation),
        Column("source_kind", lambda i: i.source_kind),
        Column("frequency", lambda i: i.frequency),
        Column("count_indicator", lambda i: i.count_indicator.code if i.count_indicator else ""),
        Column("village_label", lambda i: i.village_label),
        Column("partnership", lambda i: i.partnership.slug if i.partnership_id else "national"),
    ]

    def base_queryset(self):
        return selectors.indicators_catalogue(self.partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_manage"] = self.request.user.has_perm("performance.manage_catalogue",
                                                           self.partnership)
        return context


class IndicatorDetailView(PartnershipMixin, TemplateView):
    permission_required = "performance.view_scorecard"
    template_name = "performance/indicator_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = _indicator_or_404(self.partnership, self.kwargs["code"])
        page = selectors.indicator_page(partnership=self.partnership, indicator=indicator,
                                        period_type=self.request.GET.get("type"))
        context["page"] = page
        context["indicator"] = indicator
        context["chart"] = charts.indicator_chart(page)
        context["may_manage"] = self.request.user.has_perm("performance.manage_catalogue",
                                                           self.partnership)
        context["may_change"] = self.request.user.has_perm("performance.change_indicator",
                                                           indicator)
        return context


class IndicatorChartView(PartnershipMixin, View):
    """The indicator page's chart as SVG (the page shows its data as a table)."""

    permission_required = "performance.view_scorecard"

    def get(self, request, **kwargs):
        indicator = _indicator_or_404(self.partnership, self.kwargs["code"])
        page = selectors.indicator_page(partnership=self.partnership, indicator=indicator,
                                        period_type=request.GET.get("type"))
        svg = charts.indicator_svg(page)
        if svg is None:
            raise Http404("There are no figures to draw.")
        return HttpResponse(svg, content_type="image/svg+xml")


def _indicator_or_404(partnership, code):
    """A national indicator or the partnership's own; another partnership's is not there."""
    indicator = selectors.indicator_in(partnership, code)
    if indicator is None:
        raise Http404("No such indicator.")
    return indicator


class IndicatorFormView(PartnershipMixin, View):
    """Add an indicator to the catalogue, or change one."""

    permission_required = "performance.manage_catalogue"
    template_name = "performance/indicator_form.html"

    def get_object(self):
        code = self.kwargs.get("code")
        if not code:
            return None
        indicator = _indicator_or_404(self.partnership, code)
        if not self.request.user.has_perm("performance.change_indicator", indicator):
            raise PermissionDenied(services.NATIONAL_ONLY)
        return indicator

    def get(self, request, **kwargs):
        indicator = self.get_object()
        if indicator is None:
            return self.render(IndicatorForm(partnership=self.partnership), indicator)
        return self.render(IndicatorEditForm(instance=indicator, partnership=self.partnership,
                                             initial={"version": indicator.version}), indicator)

    def post(self, request, **kwargs):
        indicator = self.get_object()
        form_class = IndicatorForm if indicator is None else IndicatorEditForm
        form = form_class(request.POST, instance=indicator, partnership=self.partnership)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                if indicator is None:
                    indicator = services.indicator_create(actor=request.user, data=data,
                                                          partnership=self.partnership)
                else:
                    services.indicator_update(
                        actor=request.user, indicator=Indicator.objects.get(pk=indicator.pk),
                        data=data, expected_version=form.cleaned_data["version"])
                messages.success(request, f"Saved {indicator.code} {indicator.name}.")
                return redirect("performance:indicator_detail", slug=self.partnership.slug,
                                code=data["code"])
            except ValidationError as error:
                add_service_errors(form, error)
            except ConcurrentEditError as error:
                form.add_error(None, str(error))
        return self.render(form, indicator)

    def render(self, form, indicator):
        return render(self.request, self.template_name,
                      {"form": form, "indicator": indicator, "partnership": self.partnership})


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class TargetView(PartnershipMixin, View):
    """The partnership's target and tolerance for one indicator (gives the RAG status)."""

    permission_required = "performance.manage_catalogue"
    template_name = "performance/target_form.html"

    def get(self, request, **kwargs):
        indicator = _indicator_or_404(self.partnership, self.kwargs["code"])
        target = indicator.targets.filter(partnership=self.partnership).first()
        initial = {"value": target.value, "tolerance": target.tolerance} if target else {}
        return self.render(TargetForm(initial=initial), indicator)

    def post(self, request, **kwargs):
        indicator = _indicator_or_404(self.partnership, self.kwargs["code"])
        form = TargetForm(request.POST)
        if form.is_valid():
            try:
                services.target_set(actor=request.user, partnership=self.partnership,
                                    indicator=indicator, value=form.cleaned_data["value"],
                                    tolerance=form.cleaned_data["tolerance"])
                messages.success(request, f"Target set for {indicator.name}.")
                return redirect("performance:indicator_detail", slug=self.partnership.slug,
                                code=indicator.code)
            except ValidationError as error:
                add_service_errors(form, error)
        return self.render(form, indicator)

    def render(self, form, indicator):
        return render(self.request, self.template_name,
                      {"form": form, "indicator": indicator, "partnership": self.partnership})


class DataReturnListView(HubListView):
    permission_required = "performance.view_scorecard"
    template_name = "performance/data_return_list.html"
    export_name = "data-returns"
    export_columns = [
        Column("Return", lambda r: r.pk),
        Column("Sent", lambda r: r.created_at.isoformat(timespec="seconds")),
        Column("Sent by", lambda r: r.submitted_by.get_username() if r.submitted_by else ""),
        Column("How", lambda r: r.get_method_display()),
        Column("Status", lambda r: r.get_status_display()),
        Column("Rows", lambda r: r.row_count),
        Column("File", lambda r: r.filename),
        Column("Synthetic", lambda r: "Yes" if r.synthetic else "No"),
    ]

    def base_queryset(self):
        return selectors.data_returns_for(self.partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_submit"] = self.request.user.has_perm("performance.submit_return",
                                                           self.partnership)
        return context


class ValueFormView(PartnershipMixin, View):
    """Send one value through a form."""

    permission_required = "performance.submit_return"
    template_name = "performance/value_form.html"

    def get(self, request, **kwargs):
        return self.render(ValueForm(areas=selectors.areas_for(self.partnership),
                                     partnership=self.partnership))

    def post(self, request, **kwargs):
        form = ValueForm(request.POST, areas=selectors.areas_for(self.partnership),
                         partnership=self.partnership)
        warnings = []
        if form.is_valid():
            try:
                services.data_return_submit(
                    actor=request.user, rows=[form.as_row()], method=DataReturn.Method.FORM,
                    partnership=self.partnership, partnership_ids={self.partnership.pk},
                    confirm_warnings=form.cleaned_data["confirm"])
                messages.success(request, "The value was saved.")
                return redirect("performance:data_return_list", slug=self.partnership.slug)
            except services.DataReturnRejected as rejected:
                for problem in rejected.errors:
                    field = {"indicator_code": "indicator", "area_code": "area"}.get(
                        problem.field, problem.field)
                    form.add_error(field if field in form.fields else None, problem.message)
            except services.WarningsNeedConfirmation as pending:
                warnings = pending.warnings
        return self.render(form, warnings)

    def render(self, form, warnings=()):
        return render(self.request, self.template_name,
                      {"form": form, "warnings": warnings, "partnership": self.partnership})


class CatalogueImportView(TableImportView):
    """Import indicator definitions: all rows or none, problems listed by row."""

    permission_required = "performance.manage_catalogue"
    template_name = "performance/catalogue_import.html"
    form_class = CatalogueImportForm

    def read_rows(self, upload):
        return read_table(upload, required=["code", "name", "unit"])

    def save(self, form, rows, upload):
        result = services.catalogue_import(actor=self.request.user, rows=rows,
                                           partnership=self.partnership)
        messages.success(
            self.request, f"Catalogue imported: {result['rows']} rows processed, "
                          f"{result['created']} added, {result['updated']} changed.")
        return redirect("performance:indicator_list", slug=self.partnership.slug)


class UploadView(TableImportView):
    """Upload a CSV / XLSX return: errors by row (nothing saved), or warnings to confirm."""

    permission_required = "performance.submit_return"
    template_name = "performance/upload.html"
    form_class = UploadForm

    def read_rows(self, upload):
        return read_table(upload, required=DATA_COLUMNS)

    def save(self, form, rows, upload):
        if len(rows) > settings.HUB_BACKGROUND_IMPORT_ROWS:
            return self.in_background(rows, upload)
        try:
            data_return = services.data_return_submit(
                actor=self.request.user, rows=rows, method=DataReturn.Method.UPLOAD,
                partnership=self.partnership, partnership_ids={self.partnership.pk},
                filename=upload.name)
        except services.WarningsNeedConfirmation as pending:
            held = services.data_return_hold(
                actor=self.request.user, partnership=self.partnership, rows=pending.rows,
                warnings=pending.warnings, method=DataReturn.Method.UPLOAD,
                filename=upload.name)
            return redirect("performance:data_return_confirm", slug=self.partnership.slug,
                            pk=held.pk)
        messages.success(self.request, f"{data_return.row_count} rows processed and saved "
                                       f"from {upload.name}.")
        return redirect("performance:data_return_list", slug=self.partnership.slug)

    def in_background(self, rows, upload):
        """A large return: stored, and imported by a task; its page shows the progress."""
        job = jobs.import_job_start(
            actor=self.request.user, partnership=self.partnership,
            permission="performance.submit_return", kind=tasks.KIND, upload=upload,
            total_rows=len(rows))
        transaction.on_commit(lambda: tasks.import_data_return.delay(job.pk))
        return redirect("core:import_job", slug=self.partnership.slug, pk=job.pk)


class ConfirmView(PartnershipMixin, View):
    """Confirm (or discard) a held return whose rows raised warnings."""

    permission_required = "performance.submit_return"
    template_name = "performance/confirm.html"

    def get_return(self):
        return get_object_or_404(DataReturn, pk=self.kwargs["pk"], partnership=self.partnership,
                                 status=DataReturn.Status.PENDING)

    def get(self, request, **kwargs):
        data_return = self.get_return()
        return render(request, self.template_name,
                      {"data_return": data_return, "partnership": self.partnership})

    def post(self, request, **kwargs):
        data_return = self.get_return()
        if request.user != data_return.submitted_by and not request.user.has_perm(
                "performance.manage_catalogue", self.partnership):
            raise PermissionDenied("Only the sender or the business unit can confirm a return.")
        list_url = reverse("performance:data_return_list", kwargs={"slug": self.partnership.slug})
        if request.POST.get("discard"):
            services.data_return_discard(actor=request.user, data_return=data_return)
            messages.success(request, "The return was discarded; nothing was saved.")
            return redirect(list_url)
        try:
            services.data_return_confirm(actor=request.user, data_return=data_return)
        except services.DataReturnRejected as rejected:
            return render(request, self.template_name,
                          {"data_return": data_return, "partnership": self.partnership,
                           **import_problems(rejected)}, status=400)
        messages.success(request, f"{data_return.row_count} rows confirmed and saved.")
        return redirect(list_url)


class ExceptionListView(PartnershipMixin, TemplateView):
    permission_required = "performance.view_scorecard"
    template_name = "performance/exceptions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposals = cached(
            f"exceptions|{self.partnership.pk}|{selectors.data_version()}",
            lambda: selectors.exception_proposals(partnership=self.partnership))
        meeting = selectors.next_engine_room_meeting(self.partnership)
        on_agenda = set(meeting.agenda_items.values_list("title", flat=True)) if meeting else set()
        for proposal in proposals:
            proposal.on_agenda = services.exception_title(proposal) in on_agenda
        context["proposals"] = proposals
        context["meeting"] = meeting
        context["may_propose"] = self.request.user.has_perm("performance.propose_exception",
                                                            self.partnership)
        return context


class ExceptionToAgendaView(PartnershipMixin, View):
    permission_required = "performance.propose_exception"

    def post(self, request, **kwargs):
        try:
            item = services.exception_to_agenda(actor=request.user, partnership=self.partnership,
                                                key=request.POST.get("key", ""))
            messages.success(request, f"Added to the agenda of {item.meeting}: {item.title}.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("performance:exceptions", slug=self.partnership.slug)

    def get(self, request, **kwargs):
        raise Http404("Use the button on the exceptions page.")


class PopulationImportView(TableImportView):
    """Import ONS mid-year estimates of children: all rows saved, or none and the problems
    listed by row, as a data return upload."""

    permission_required = "core.manage_partnership"
    template_name = "performance/population_import.html"
    form_class = PopulationImportForm

    def read_rows(self, upload):
        return populations.population_columns(read_table(upload, required=[]))

    def save(self, form, rows, upload):
        saved = populations.population_import(
            actor=self.request.user, partnership=self.partnership, rows=rows,
            source=form.cleaned_data["source"] or f"Imported from {upload.name}")
        messages.success(self.request, f"{saved} child populations saved from {upload.name}.")
        return redirect("core:population_list", slug=self.partnership.slug)
