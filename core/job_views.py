"""The page of a background import (decision 0038): how far it has got, then its outcome.

While the import runs the page asks the browser to load it again every few seconds (the
Refresh header: no JavaScript needed) and offers a link to do so."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from .models import ImportJob
from .web import PartnershipMixin

REFRESH_SECONDS = 3


class ImportJobView(PartnershipMixin, TemplateView):
    permission_required = "core.view_import_job"
    template_name = "core/import_job.html"
    not_found_model = ImportJob

    def get_permission_object(self):
        self.job = get_object_or_404(ImportJob, pk=self.kwargs["pk"],
                                     partnership=self.partnership)
        return self.job

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job"] = self.job
        context["problems"] = self.job.problems
        context["more_problems"] = (f"and {self.job.problems_not_listed:,} more"
                                    if self.job.problems_not_listed else "")
        context["more_problems_count"] = self.job.problems_not_listed
        context["refresh_seconds"] = REFRESH_SECONDS
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.job.finished:
            response["Refresh"] = str(REFRESH_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
