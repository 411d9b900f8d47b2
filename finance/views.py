"""Budgets by financial year. Thin: check, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View

from core.exports import Column
from core.models import Organisation
from core.tabular import read_table
from core.web import HubListView, PartnershipMixin, ServiceFormView, TableImportView

from . import charts, forms, selectors, services
from .models import FinanceLine, FinanceYear


def _money(value):
    return "" if value is None else value


def year_url(record: FinanceYear) -> str:
    return reverse("finance:year_detail", kwargs={"slug": record.partnership.slug,
                                                  "pk": record.pk})


class YearListView(HubListView):
    permission_required = "finance.view_budget"
    template_name = "finance/year_list.html"
    export_name = "budgets"
    export_columns = [
        Column("Financial year", lambda y: y.label),
        Column("Status", lambda y: y.get_status_display()),
        Column("Partner contributions (£)", lambda y: _money(y.figures.contributions)),
        Column("Contributions received (£)",
               lambda y: _money(y.figures.contributions_received)),
        Column("Other income (£)", lambda y: _money(y.figures.other_income)),
        Column("Total income (£)", lambda y: _money(y.figures.income)),
        Column("Total expenditure (£)", lambda y: _money(y.figures.expenditure)),
        Column("Balance for the year (£)", lambda y: _money(y.figures.balance)),
        Column("Reserves brought forward (£)", lambda y: _money(y.figures.brought_forward)),
        Column("Reserves carried forward (£)", lambda y: _money(y.figures.carried_forward)),
        Column("Published figures that differ",
               lambda y: "; ".join(f"{d.label}: published {d.published:,.2f}, lines add up "
                                   f"to {d.computed:,.2f}" for d in y.figures.differences)),
    ]

    def base_queryset(self):
        return selectors.years(self.partnership)

    def export_rows(self, rows):
        rows = list(rows)
        for row in rows:
            row.figures = selectors.compute(row)
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [(y, selectors.compute(y)) for y in context["object_list"]]
        context["may_manage"] = self.request.user.has_perm("finance.manage_budget",
                                                           self.partnership)
        return context


class YearMixin(PartnershipMixin):
    """A year of this partnership (404 otherwise); permissions are asked with it."""

    permission_required = "finance.manage_budget"

    def get_permission_object(self):
        self.record = selectors.year_in_partnership(self.partnership, self.kwargs["pk"])
        return self.record

    def get_success_url(self):
        return year_url(self.record)


class YearDetailView(YearMixin, HubListView):
    """A year's budget: contributions per partner, other income, spending by category,
    in-kind contributions, reserves, and any published figure that differs. Its lines
    export as CSV/XLSX."""

    permission_required = "finance.view_budget"
    template_name = "finance/year_detail.html"
    paginate_by = None
    export_columns = [
        Column("Kind", lambda x: x.get_kind_display()),
        Column("Category", lambda x: x.get_category_display()),
        Column("Line", lambda x: x.label),
        Column("Partner", lambda x: x.organisation.name if x.organisation_id else ""),
        Column("Amount (£)", lambda x: _money(x.amount)),
        Column("Received (£)", lambda x: _money(x.received)),
        Column("Date received", lambda x: x.received_on or ""),
    ]

    @property
    def export_name(self):
        return f"budget-{self.record.label}"

    def base_queryset(self):
        return selectors.lines(self.record)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        following = selectors.next_year(self.record)
        history = selectors.history(self.partnership, self.record.year_start)
        context.update(
            history=history, chart=charts.budget_chart(history),
            record=self.record, f=selectors.compute(self.record), following=following,
            previous=selectors.previous_year(self.record),
            may_manage=user.has_perm("finance.manage_budget", self.record),
            next_has_entries=selectors.has_entries(following))
        return context


class YearCreateView(PartnershipMixin, ServiceFormView):
    permission_required = "finance.manage_budget"
    form_class = forms.YearCreateForm
    page_title = "Start a year's budget"
    submit_label = "Start the budget"

    def get_initial(self):
        year = self.request.GET.get("year", "")
        return {"year_start": int(year)} if year.isdigit() else {}

    def call_service(self, form):
        self.record = services.year_create(actor=self.request.user,
                                           partnership=self.partnership,
                                           data=form.cleaned_data)
        return self.record

    def success_message(self, result):
        return f"The {result.label} budget is started."

    def get_success_url(self):
        return year_url(self.record)

    def get_cancel_url(self):
        return reverse("finance:year_list", kwargs={"slug": self.partnership.slug})


class YearEditView(YearMixin, ServiceFormView):
    form_class = forms.YearForm
    submit_label = "Save"

    @property
    def page_title(self):
        return f"Reserves and published figures, {self.record.label}"

    def get_initial(self):
        r = self.record
        return {name: getattr(r, name) for name in services.YEAR_FIELDS} | {
            "version": r.version}

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.year_update(actor=self.request.user, record=self.record, data=data,
                                    expected_version=version)

    def success_message(self, result):
        return f"The {result.label} budget is saved."


class LineAddView(YearMixin, ServiceFormView):
    form_class = forms.LineForm
    submit_label = "Add the line"

    @property
    def page_title(self):
        return f"Add a line to the {self.record.label} budget"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "organisations": Organisation.objects.filter(partnerships=self.partnership)}

    def call_service(self, form):
        return services.line_add(actor=self.request.user, record=self.record,
                                 data=form.cleaned_data)

    def success_message(self, result):
        return f"Added: {result.get_kind_display().lower()}, {result.name or result.describe}."


class LineRemoveView(PartnershipMixin, View):
    permission_required = "finance.manage_budget"
    http_method_names = ["post"]

    def get_permission_object(self):
        self.line = get_object_or_404(
            FinanceLine.objects.select_related("finance_year__partnership", "organisation"),
            pk=self.kwargs["pk"], finance_year__partnership=self.partnership)
        return self.line.finance_year

    def post(self, request, *args, **kwargs):
        try:
            services.line_remove(actor=request.user, line=self.line)
            messages.success(request, f"Removed: {self.line.name or self.line.describe}.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(year_url(self.line.finance_year))


class BudgetImportView(YearMixin, TableImportView):
    """Import a year's lines from CSV / XLSX: all rows or none, problems listed by row."""

    template_name = "finance/import.html"
    form_class = forms.BudgetImportForm

    def read_rows(self, upload):
        return read_table(upload, required=services.IMPORT_REQUIRED)

    def save(self, form, rows, upload):
        created = services.budget_import(actor=self.request.user, record=self.record,
                                         rows=rows)
        messages.success(self.request, f"{len(created)} rows processed and saved from "
                                       f"{upload.name} into the {self.record.label} budget.")
        return redirect(year_url(self.record))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "record": self.record,
                "columns": services.IMPORT_COLUMNS,
                "categories": FinanceLine.Category.choices}


class YearCloseView(YearMixin, ServiceFormView):
    form_class = forms.VersionOnlyForm
    template_name = "finance/close.html"
    submit_label = "Close the year"

    @property
    def page_title(self):
        return f"Close the {self.record.label} budget"

    def get_initial(self):
        return {"version": self.record.version}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "record": self.record,
                "f": selectors.compute(self.record)}

    def call_service(self, form):
        return services.year_close(actor=self.request.user, record=self.record,
                                   expected_version=form.cleaned_data["version"])

    def success_message(self, result):
        return (f"The {result.label} budget is closed; its reserve is carried into "
                f"{selectors.next_year(result).label}.")


class YearReopenView(YearCloseView):
    submit_label = "Reopen the year"
    destructive = True

    @property
    def page_title(self):
        return f"Reopen the {self.record.label} budget"

    def call_service(self, form):
        return services.year_reopen(actor=self.request.user, record=self.record,
                                    expected_version=form.cleaned_data["version"])

    def success_message(self, result):
        return f"The {result.label} budget is open again."
