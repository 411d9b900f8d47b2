"""The subject-access page of a partnership (decision 0039): its business unit finds a person
the partnership knows and downloads everything the hub holds about them, the very export
`manage.py subject_access` writes (core.subject_access), audited by that service."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.views import View
from django.views.generic import TemplateView

from . import selectors
from .forms import HubForm
from .subject_access import as_json, subject_access_export
from .web import PartnershipMixin

MAX_FOUND = 50


class PersonSearchForm(HubForm):
    q = forms.CharField(label="Name or e-mail address", max_length=120, required=False,
                        help_text="Part of the name or e-mail address is enough")


class SubjectAccessView(PartnershipMixin, TemplateView):
    permission_required = "core.answer_subject_access"
    template_name = "core/subject_access.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PersonSearchForm(self.request.GET or None)
        found = None
        if form.is_valid() and form.cleaned_data["q"].strip():
            text = form.cleaned_data["q"].strip()
            people = list(selectors.people_for(self.partnership)
                          .filter(Q(name__icontains=text) | Q(email__icontains=text))
                          .select_related("user")
                          .prefetch_related("roles", "organisation__partnerships")
                          [:MAX_FOUND + 1])
            user = self.request.user
            found = [{"person": p, "may_export": user.has_perm("core.govern_information", p)}
                     for p in people[:MAX_FOUND]]
            context["more"] = len(people) > MAX_FOUND
        context.update(form=form, found=found, max_found=MAX_FOUND)
        return context


class SubjectAccessExportView(PartnershipMixin, View):
    """The export as a JSON file. Refused (403) when another partnership knows the person
    too: the platform's administrators answer that request."""

    permission_required = "core.answer_subject_access"

    def get(self, request, **kwargs):
        person = get_object_or_404(selectors.people_for(self.partnership), pk=kwargs["pk"])
        export = subject_access_export(actor=request.user, person=person)
        response = HttpResponse(as_json(export), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="subject-access-{person.pk}.json"')
        add_never_cache_headers(response)
        return response
