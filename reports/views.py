"""The yearly report pages. Thin: check, call a selector or one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.forms.models import model_to_dict
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render as render_page
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from core.exports import Column
from core.models import Organisation
from core.services import ConcurrentEditError
from core.web import HubListView, PartnershipMixin, ServiceFormView

from . import files, forms, render, selectors, services, tasks
from .models import NarrativeBlock


class ReportMixin(PartnershipMixin):
    """The report in the URL, if it belongs to this partnership (404 otherwise)."""

    permission_required = "reports.view_report"

    def get_permission_object(self):
        self.report = selectors.report_in_partnership(self.partnership, self.kwargs["pk"])
        return self.partnership

    def report_url(self, name="reports:report_detail"):
        return reverse(name, kwargs={"slug": self.partnership.slug, "pk": self.report.pk})

    def get_success_url(self):
        return self.report_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.report
        return context


class ReportListView(HubListView):
    permission_required = "reports.view_report"
    template_name = "reports/report_list.html"
    export_name = "yearly-reports"
    export_columns = [
        Column("Year", lambda r: r.label),
        Column("Signed off", lambda r: r.signed_off_on or ""),
        Column("Published", lambda r: r.published_on or ""),
    ]

    def base_queryset(self):
        return selectors.reports_for(self.partnership)


class ReportCreateView(PartnershipMixin, ServiceFormView):
    permission_required = "reports.manage_report"
    form_class = forms.ReportCreateForm
    page_title = "Start a yearly report"
    submit_label = "Start the report"

    def call_service(self, form):
        self.report = services.report_create(actor=self.request.user,
                                             partnership=self.partnership,
                                             year_start=form.cleaned_data["year"])
        return self.report

    def success_message(self, result):
        return f"The {result.label} report is started."

    def get_success_url(self):
        report = getattr(self, "report", None)
        if report is None:
            return self.get_cancel_url()
        return reverse("reports:report_detail", kwargs={"slug": self.partnership.slug,
                                                        "pk": report.pk})

    def get_cancel_url(self):
        return reverse("reports:report_list", kwargs={"slug": self.partnership.slug})


class ReportDetailView(ReportMixin, TemplateView):
    """The report's working page: checklist, narrative and approvals, publication log."""

    template_name = "reports/report_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        a = selectors.assemble(self.report, charts=False)
        # Each block with what its edit page checks (the block, or a reference to one not
        # yet written), so a link to it is shown only to those who may write it.
        refs = {kind: a.blocks.get(kind) or services.BlockRef(self.report, kind)
                for kind in NarrativeBlock.Kind.values}
        blocks = [(kind, label, a.blocks.get(kind), refs[kind]) for kind, label in
                  NarrativeBlock.Kind.choices]
        checklist = [(c, refs[c.fix_kwargs["kind"]] if c.fix == "block_edit"
                      else self.partnership) for c in a.checklist]
        context.update(a=a, blocks=blocks, checklist=checklist,
                       activity_items=selectors.activity_items(self.report),
                       priority_lists=[("priorities-year", f"Priorities of {a.label}",
                                        a.priorities),
                                       ("priorities-next", f"Priorities for "
                                        f"{selectors.next_year_label(self.report.year_start)}",
                                        a.next_priorities)],
                       publications=selectors.publications(self.report))
        return context


class ReportPreviewView(ReportMixin, TemplateView):
    """The report itself as an accessible page."""

    template_name = "reports/report_page.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(render.context(selectors.assemble(self.report)))
        return context


class ReportDownloadView(ReportMixin, View):
    """The working report as a file. PDF and Word come from storage, rendered once per change
    (reports.files); a change not rendered yet is rendered by a worker, or right here when
    there is none."""

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in render.FORMATS:
            raise Http404("The report comes as html, pdf or docx.")
        filename = f"{self.partnership.slug}-yearly-report-{self.report.label}.{fmt}"
        assembly = selectors.assemble(self.report)
        if fmt == "html":
            response = HttpResponse(render.render(assembly, fmt),
                                    content_type=render.CONTENT_TYPES[fmt])
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
        else:
            print_ = files.fingerprint(self.report, assembly)
            name = files.stored(self.report, fmt, print_)
            if name is None:
                tasks.render_report_file.delay(self.report.pk, fmt)  # in-process without a broker
                name = files.stored(self.report, fmt, print_)
            if name is None:
                return render_page(request, "reports/report_preparing.html", {
                    "partnership": self.partnership, "report": self.report,
                    "fmt": fmt.upper() if fmt == "pdf" else "Word"}, status=202)
            response = FileResponse(default_storage.open(name, "rb"), as_attachment=True,
                                    filename=filename, content_type=render.CONTENT_TYPES[fmt])
        services.export_record(actor=request.user, report=self.report, fmt=fmt,
                               path=request.get_full_path())
        return response


class BlockEditView(ReportMixin, ServiceFormView):
    permission_required = "reports.write_block"
    form_class = forms.BlockForm
    submit_label = "Save the text"

    def get_permission_object(self):
        super().get_permission_object()
        kind = self.kwargs["kind"]
        if kind not in NarrativeBlock.Kind.values:
            raise Http404("There is no such part of the report.")
        self.block = NarrativeBlock.objects.filter(report=self.report, kind=kind).first()
        self.page_title = f"{NarrativeBlock.Kind(kind).label}, {self.report.label}"
        return self.block or services.BlockRef(self.report, kind)

    def get_initial(self):
        if self.block is None:
            return {"title": services.BLOCK_TITLES[self.kwargs["kind"]], "version": 0}
        return {"title": self.block.title, "author": self.block.author,
                "body": self.block.body, "version": self.block.version}

    def call_service(self, form):
        data = form.cleaned_data
        return services.block_save(actor=self.request.user, report=self.report,
                                   kind=self.kwargs["kind"], data=data,
                                   expected_version=data.get("version"))

    def success_message(self, result):
        return f"{result.title} is saved. A partner delegate needs to approve this version."


class BlockApproveView(ReportMixin, View):
    permission_required = "reports.approve_block"

    def post(self, request, *args, **kwargs):
        block = NarrativeBlock.objects.filter(report=self.report, pk=kwargs["block"]).first()
        if block is None:
            raise Http404("There is no such block in this report.")
        form = forms.ApproveForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError("The approval did not say which version you read.")
            services.block_approve(actor=request.user, block=block,
                                   version=form.cleaned_data["version"])
            messages.success(request, f"{block.title} is approved.")
        except ConcurrentEditError as error:
            messages.error(request, error.message)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(self.report_url())


class ActivityAddView(ReportMixin, ServiceFormView):
    permission_required = "reports.manage_report"
    form_class = forms.ActivityForm
    submit_label = "Add to the report"

    @property
    def page_title(self):
        return f"Add activity to the {self.report.label} report"

    def call_service(self, form):
        return services.activity_add(actor=self.request.user, partnership=self.partnership,
                                     data=form.cleaned_data)

    def success_message(self, result):
        return f"“{result.title}” is added to {result.happened_on:%B %Y}."


class ActivityItemMixin(ReportMixin):
    """An activity of the report's year, of this partnership (404 otherwise)."""

    permission_required = "reports.manage_report"

    def get_permission_object(self):
        partnership = super().get_permission_object()
        self.item = selectors.activity_item_in_report(self.report, self.kwargs["item"])
        return partnership

    def get_success_url(self):
        return self.report_url() + "#activity"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        return context


class ActivityEditView(ActivityItemMixin, ServiceFormView):
    form_class = forms.ActivityEditForm
    submit_label = "Save the activity"

    @property
    def page_title(self):
        return f"Change activity in the {self.report.label} report"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["agenda_items"] = selectors.agenda_items_for_report(
            self.report, also=self.item.agenda_item_id)
        return kwargs

    def get_initial(self):
        fields = [*services.ACTIVITY_FIELDS, "version"]
        return model_to_dict(self.item, fields=fields)

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.activity_update(actor=self.request.user, report=self.report,
                                        item=self.item, data=data, expected_version=version)

    def success_message(self, result):
        return f"“{result.title}” is saved."


class ActivityRemoveView(ActivityItemMixin, TemplateView):
    """Asks before removing; only a POST removes."""

    template_name = "reports/activity_remove.html"

    def post(self, request, *args, **kwargs):
        form = forms.RemoveForm(request.POST)
        here = request.path
        if not form.is_valid():
            messages.error(request, "The page did not say which version of the activity you "
                                    "saw, so nothing was removed. Try again.")
            return redirect(here)
        try:
            services.activity_remove(actor=request.user, item=self.item,
                                     expected_version=form.cleaned_data["version"])
        except ConcurrentEditError:
            messages.error(request, "Someone else changed this activity after you opened the "
                                    "page, so it was not removed. Check it below, then remove "
                                    "it if you still want to.")
            return redirect(here)
        messages.success(request, f"“{self.item.title}” is removed from the report.")
        return redirect(self.get_success_url())


class PriorityAddView(ReportMixin, ServiceFormView):
    permission_required = "reports.manage_report"
    form_class = forms.PriorityForm
    page_title = "Add a priority"
    submit_label = "Add the priority"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["organisations"] = Organisation.objects.filter(partnerships=self.partnership)
        return kwargs

    def call_service(self, form):
        return services.priority_add(actor=self.request.user, report=self.report,
                                     data=form.cleaned_data)

    def success_message(self, result):
        return f"“{result.title}” is added."


class PriorityMixin(ReportMixin):
    """A priority of the report in the URL (404 otherwise), run by the business unit."""

    permission_required = "reports.manage_report"

    def get_permission_object(self):
        partnership = super().get_permission_object()
        self.priority = selectors.priority_in_report(self.report, self.kwargs["priority"])
        return partnership

    def get_success_url(self):
        return self.report_url() + "#priorities"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["priority"] = self.priority
        return context


class PriorityEditView(PriorityMixin, ServiceFormView):
    form_class = forms.PriorityEditForm
    submit_label = "Save the priority"

    @property
    def page_title(self):
        return f"Change the priority “{self.priority.title}”"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["organisations"] = Organisation.objects.filter(partnerships=self.partnership)
        return kwargs

    def get_initial(self):
        return model_to_dict(self.priority, fields=[*services.PRIORITY_FIELDS, "version"])

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.priority_update(actor=self.request.user, report=self.report,
                                        priority=self.priority, data=data,
                                        expected_version=version)

    def success_message(self, result):
        return f"“{result.title}” is saved."


class PriorityRemoveView(PriorityMixin, TemplateView):
    """Asks before removing; only a POST removes."""

    template_name = "reports/priority_remove.html"

    def post(self, request, *args, **kwargs):
        form = forms.RemoveForm(request.POST)
        here = request.path
        if not form.is_valid():
            messages.error(request, "The page did not say which version of the priority you "
                                    "saw, so nothing was removed. Try again.")
            return redirect(here)
        try:
            services.priority_remove(actor=request.user, report=self.report,
                                     priority=self.priority,
                                     expected_version=form.cleaned_data["version"])
        except ConcurrentEditError:
            messages.error(request, "Someone else changed this priority after you opened the "
                                    "page, so it was not removed. Check it below, then remove "
                                    "it if you still want to.")
            return redirect(here)
        messages.success(request, f"“{self.priority.title}” is removed from the report.")
        return redirect(self.get_success_url())


class PriorityMoveView(PriorityMixin, View):
    """POST only: move the priority up or down its list."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.priority_move(actor=request.user, report=self.report,
                                   priority=self.priority,
                                   direction=request.POST.get("direction", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"“{self.priority.title}” is moved "
                                      f"{request.POST['direction']}.")
        return redirect(self.get_success_url())


class MeasureAddView(PriorityMixin, ServiceFormView):
    form_class = forms.MeasureForm
    submit_label = "Add the measure"

    @property
    def page_title(self):
        return f"Add a key measure to “{self.priority.title}”"

    def get_form_kwargs(self):
        from performance.selectors import indicators_catalogue

        return {**super().get_form_kwargs(), "partnership": self.partnership,
                "indicators": indicators_catalogue(self.partnership)}

    def call_service(self, form):
        return services.measure_add(actor=self.request.user, report=self.report,
                                    priority=self.priority, **form.cleaned_data)

    def success_message(self, result):
        return f"{result.indicator} is a key measure of “{self.priority.title}”."


class MeasureRemoveView(PriorityMixin, View):
    """POST only: unlink a key measure from the priority (the indicator stays)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        measure = self.priority.measures.select_related("indicator", "priority").filter(
            pk=kwargs["measure"]).first()
        if measure is None:
            raise Http404("There is no such measure of this priority.")
        services.measure_remove(actor=request.user, report=self.report, measure=measure)
        messages.success(request, f"{measure.indicator} is no longer a measure of "
                                  f"“{self.priority.title}”.")
        return redirect(self.get_success_url())


class FinanceView(ReportMixin, ServiceFormView):
    permission_required = "reports.manage_report"
    form_class = forms.FinanceForm
    submit_label = "Save"
    template_name = "reports/finance_form.html"

    @property
    def page_title(self):
        return f"Finance {self.report.label}"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["organisations"] = Organisation.objects.filter(partnerships=self.partnership)
        return kwargs

    def get_initial(self):
        finance = selectors._finance(self.partnership, self.report.year_start)
        self.finance = finance
        if finance.record is None:
            return {"version": 0}
        return {"brought_forward": finance.record.brought_forward,
                "version": finance.record.version}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["finance"] = selectors._finance(self.partnership, self.report.year_start)
        return context

    def call_service(self, form):
        d = form.cleaned_data
        line = None
        if d.get("kind"):
            line = {"kind": d["kind"], "label": d["label"], "amount": d["amount"],
                    "organisation": d.get("organisation")}
        return services.finance_save(actor=self.request.user, partnership=self.partnership,
                                     year_start=self.report.year_start,
                                     brought_forward=d.get("brought_forward"), line=line,
                                     expected_version=d.get("version"))

    def success_message(self, result):
        return "The finance record is saved."

    def get_success_url(self):
        return self.report_url("reports:finance")


class PublicationView(ReportMixin, ServiceFormView):
    permission_required = "reports.record_publication"
    form_class = forms.PublicationForm
    page_title = "Vision and sign-off"
    submit_label = "Save"

    def get_initial(self):
        r = self.report
        return {"vision": r.vision, "signed_off_on": r.signed_off_on,
                "signed_off_by": r.signed_off_by, "published_url": r.published_url,
                "version": r.version}

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.publication_update(actor=self.request.user, report=self.report,
                                           data=data, expected_version=version)

    def success_message(self, result):
        return "The vision and sign-off are saved."


class PublicationEventAddView(ReportMixin, ServiceFormView):
    permission_required = "reports.record_publication"
    form_class = forms.PublicationEventForm
    page_title = "Record where the report went"
    submit_label = "Add to the publication log"

    def call_service(self, form):
        return services.publication_event_add(actor=self.request.user, report=self.report,
                                              data=form.cleaned_data)

    def success_message(self, result):
        return f"{result} is recorded."


class ReportPublishView(ReportMixin, ServiceFormView):
    """Freeze the report as it stands into the next publication version (decision 0010)."""

    permission_required = "reports.publish_report"
    form_class = forms.PublishForm
    template_name = "reports/publish_form.html"

    def get_permission_object(self):
        partnership = super().get_permission_object()
        self.latest = selectors.publications(self.report).first()
        return partnership

    @property
    def next_number(self) -> int:
        return self.latest.number + 1 if self.latest else 1

    @property
    def page_title(self):
        if self.latest is None:
            return f"Publish the {self.report.label} report"
        return f"Publish version {self.next_number} of the {self.report.label} report"

    @property
    def submit_label(self):
        return "Publish this version" if self.latest else "Publish the report"

    def get_initial(self):
        return {"published_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(latest=self.latest, next_number=self.next_number)
        return context

    def call_service(self, form):
        return services.report_publish(actor=self.request.user, report=self.report,
                                       published_on=form.cleaned_data["published_on"],
                                       note=form.cleaned_data.get("note", ""))

    def success_message(self, result):
        return (f"Version {result.number} is published. The public site shows it from "
                f"{result.published_on:%-d %B %Y}.")

    def get_success_url(self):
        return self.report_url() + "#publication"


class PublicationDownloadView(ReportMixin, View):
    """A publication version's stored PDF or Word file, exactly as published."""

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in ("pdf", "docx"):
            raise Http404("A publication is kept as pdf and docx.")
        publication = selectors.publication_of_report(self.report, kwargs["number"])
        try:
            handle = getattr(publication, fmt).open("rb")
        except FileNotFoundError:
            raise Http404("The publication's file is missing.") from None
        services.export_record(actor=request.user, report=self.report,
                               fmt=f"{fmt}, version {publication.number}",
                               path=request.get_full_path())
        return FileResponse(handle, as_attachment=True, content_type=render.CONTENT_TYPES[fmt],
                            filename=publication.file_name(fmt))
