"""The building blocks every page uses: partnership from the URL, permission checks,
filtered and paginated lists with CSV/XLSX export, and GOV.UK-style form handling."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.forms.models import model_to_dict
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views import View
from django.views.generic import FormView, ListView

from .exports import Column, export_response
from .models import AuditEvent, Partnership
from .services import ConcurrentEditError, audit_record
from .tabular import RowsRejected

EXPORT_FORMATS = {"csv", "xlsx"}


def note_refusal(request, *, obj=None, model: str = "", object_repr: str = "") -> None:
    """Say what a refusal (a 403, or a 404 on restricted records) was about; the audit row
    itself is written once, by core.middleware.RefusalAuditMiddleware."""
    if getattr(request, "hub_refusal", None) is None or obj is not None:
        request.hub_refusal = {"obj": obj, "model": model, "object_repr": object_repr}


class PartnershipMixin(LoginRequiredMixin):
    """Resolves /p/<slug>/ to a partnership the user has a role in, then checks
    `permission_required` (a rules name) against `get_permission_object()`.

    A refused request is audited by core.middleware.RefusalAuditMiddleware; a page of
    restricted records sets `audit_not_found` so an id tried under the wrong partnership's
    slug (a 404) is audited too."""

    permission_required: str = "core.view_partnership"
    audit_not_found: bool = False
    not_found_model = None  # the restricted model looked up by `pk`, to name the record

    def note_record(self, request, kwargs) -> None:
        """Name the record a refused or not-found request asked for, found whichever
        partnership it is in (so that partnership's audit trail shows the attempt)."""
        model, pk = self.not_found_model, kwargs.get("pk")
        if model is None or pk is None:
            note_refusal(request)
            return
        record = model.objects.filter(pk=pk).first() if str(pk).isdigit() else None
        note_refusal(request, obj=record, model=model._meta.label,
                     object_repr="" if record else f"{model._meta.verbose_name} {pk}")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.partnership = Partnership.objects.get(slug=kwargs["slug"])
        except Partnership.DoesNotExist:
            raise Http404(f"There is no partnership called “{kwargs['slug']}”.") from None
        request.partnership = self.partnership  # for the menu (core.context_processors)
        try:
            if not request.user.has_perm("core.view_partnership", self.partnership):
                raise PermissionDenied("You do not have a role in this partnership.")
            self.check_object_permission()
        except PermissionDenied:
            self.note_record(request, kwargs)
            raise
        except Http404:
            if self.audit_not_found:
                self.note_record(request, kwargs)
            raise
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.partnership

    def check_object_permission(self):
        obj = self.get_permission_object()
        if not self.request.user.has_perm(self.permission_required, obj):
            if isinstance(obj, Model) and obj != self.partnership:
                note_refusal(self.request, obj=obj)
            raise PermissionDenied("Your role does not allow this.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnership"] = self.partnership
        return context


class HubListView(PartnershipMixin, ListView):
    """A list page: filters in the query string, pagination, CSV/XLSX export.

    Subclasses give `filterset_class`, `export_columns` and `base_queryset()` (which must
    apply its joins, so the page runs a fixed number of queries whatever the row count).
    """

    paginate_by = 25
    filterset_class = None
    export_columns: list[Column] = []
    export_name = "export"

    def base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        qs = self.base_queryset()
        if self.filterset_class is not None:
            self.filterset = self.filterset_class(
                self.request.GET or None, queryset=qs, request=self.request,
                partnership=self.partnership,
            )
            if self.filterset.is_bound and not self.filterset.is_valid():
                return qs.none()
            qs = self.filterset.qs
        return qs

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt:
            if fmt not in EXPORT_FORMATS:
                raise Http404("Exports are CSV or XLSX.")
            return self.export(fmt)
        return super().get(request, *args, **kwargs)

    def export_rows(self, rows):
        """The rows as the export writes them (a list view may mark what each reader may
        see, as its page does)."""
        return rows

    def export(self, fmt: str):
        rows = self.get_queryset()
        audit_record(
            actor=self.request.user, action=AuditEvent.Action.EXPORT,
            partnership=self.partnership, model=rows.model._meta.label,
            object_repr=f"{self.export_name} ({fmt})", path=self.request.get_full_path(),
        )
        return export_response(
            rows=self.export_rows(rows), columns=self.export_columns, fmt=fmt,
            filename=f"{self.partnership.slug}-{self.export_name}",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = getattr(self, "filterset", None)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        context["query_string"] = query.urlencode()
        return context


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, field by field where it can."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for e in errors:
                form.add_error(target, e)
    else:
        for message in error.messages:
            form.add_error(None, message)


def get_in_partnership(model, partnership, **lookup):
    """A record of this partnership, or 404 (never another partnership's record)."""
    return get_object_or_404(model, partnership=partnership, **lookup)


class ServiceFormView(FormView):
    """A form page whose valid input goes to one service; service errors go on the form."""

    template_name = "core/form_page.html"
    page_title = ""
    submit_label = "Save changes"
    multipart = False
    destructive = False  # a removal: the button is red

    def call_service(self, form):
        raise NotImplementedError

    @staticmethod
    def split_version(form) -> tuple[dict, int | None]:
        """A versioned edit form's fields, and the version the user saw (decision 0002).
        A form without one gives None, which model_update refuses for a versioned record."""
        data = dict(form.cleaned_data)
        return data, data.pop("version", None)

    def success_message(self, result) -> str:
        return ""

    def form_valid(self, form):
        try:
            result = self.call_service(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        message = self.success_message(result)
        if message:
            messages.success(self.request, message)
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page_title=self.page_title, submit_label=self.submit_label,
                       multipart=self.multipart, destructive=self.destructive,
                       cancel_url=self.get_cancel_url())
        return context

    def get_cancel_url(self):
        return self.get_success_url()


class InstanceFormMixin:
    """An edit page whose form opens on the record `form_instance()` returns: the form's
    initial values, and the version it was opened at (decision 0002), are read from the
    record, so no edit view copies its fields by hand. `instance_fields` limits which form
    fields are filled (e.g. only the version, when the form adds a note to the record).

    The form only reads the record; the service writes it. (A ModelForm would set the
    posted values on the instance before the service compares them with the saved ones
    for the audit row.)"""

    instance_fields: tuple[str, ...] | None = None

    def form_instance(self):
        raise NotImplementedError

    def get_initial(self):
        initial = super().get_initial()
        instance = self.form_instance()
        if instance is None:
            return initial
        names = [name for name in self.get_form_class().base_fields
                 if self.instance_fields is None or name in self.instance_fields]
        initial.update(model_to_dict(instance, fields=names))
        if "version" in names:
            initial["version"] = instance.version
        return initial


def file_download(request, file, *, obj, partnership=None, filename: str = "",
                  content_type: str = "", missing: str = "The file is missing.",
                  private: bool = True) -> FileResponse:
    """Serve a stored file (a FileField's value) as an attachment: the one way the hub hands
    out papers, evidence, briefings and published files, never straight from the media folder.

    The caller has checked permission. A private download is audited as an export of `obj`
    and sent `no-store`, so no browser or proxy keeps a copy; a public one (`private=False`)
    keeps the public site's normal caching and writes no audit row.
    """
    if not file:
        raise Http404(missing)
    filename = filename or file.name.rsplit("/", 1)[-1]
    content_type = (content_type or mimetypes.guess_type(filename)[0]
                    or "application/octet-stream")
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404(missing) from None
    if private:
        audit_record(actor=request.user, action=AuditEvent.Action.EXPORT, obj=obj,
                     partnership=partnership, object_repr=f"{obj}: {filename}",
                     path=request.get_full_path())
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type=content_type)
    if private:
        add_never_cache_headers(response)
    return response


class FileDownloadMixin:
    """A download page on top of PartnershipMixin (or a mixin built on it): name the record
    in `get_download_object()` (after the permission check has found it) and the FileField
    in `file_field`."""

    file_field = "file"
    missing_message = "The file is missing; ask for it to be added again."

    def get_download_object(self):
        raise NotImplementedError

    def get_download_name(self, obj) -> str:
        return ""

    def get(self, request, *args, **kwargs):
        obj = self.get_download_object()
        return file_download(request, getattr(obj, self.file_field), obj=obj,
                             partnership=self.partnership,
                             filename=self.get_download_name(obj),
                             missing=self.missing_message)


def import_problems(problems) -> dict:
    """Template context for the problem table (core/_import_problems.html): the listed
    problems and how many more."""
    if isinstance(problems, RowsRejected):
        return {"problems": problems.errors, "more_problems": problems.more_message,
                "more_problems_count": problems.more}
    return {"problems": problems}


class TableImportView(PartnershipMixin, View):
    """A CSV / XLSX import page: all rows saved by one service, or none and the problems
    listed by row. Subclasses give `form_class` (a file field checked with
    core.tabular.check_table_file), read the rows and save them (returning the page to go
    to); the service raises core.tabular.RowsRejected."""

    form_class = None
    template_name = ""

    def read_rows(self, upload) -> list[dict]:
        raise NotImplementedError

    def save(self, form, rows, upload):
        raise NotImplementedError

    def get(self, request, **kwargs):
        return self.render(self.form_class())

    def post(self, request, **kwargs):
        form = self.form_class(request.POST, request.FILES)
        problems, processed = [], None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = self.read_rows(upload)
                processed = len(rows)
                return self.save(form, rows, upload)
            except ValidationError as error:
                add_service_errors(form, error)
            except RowsRejected as rejected:
                problems = rejected
                form.add_error("file", f"Nothing was saved: {processed} rows processed, "
                                       f"{rejected.rows_with_problems} with problems, "
                                       "listed below.")
        return self.render(form, problems, processed)

    def get_context_data(self, **kwargs):
        return {"partnership": self.partnership, **kwargs}

    def render(self, form, problems=(), processed=None):
        return render(self.request, self.template_name,
                      self.get_context_data(form=form, processed=processed,
                                            **import_problems(problems)))
