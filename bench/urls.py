"""The site's URLs plus a trivial page of the performance app, for comparison."""

from django.template import engines
from django.template.response import TemplateResponse
from django.urls import include, path
from django.views import View

from core.web import PartnershipMixin


class TrivialView(PartnershipMixin, View):
    """The same sign-in, partnership and permission checks, base template and menu as the
    scorecard; no figures."""

    permission_required = "performance.view_scorecard"
    template = engines["django"].from_string('{% extends "base.html" %}{% block title %}Trivial{% endblock %}'
                        '{% block content %}<h1 class="govuk-heading-l">{{ partnership.name }}'
                        '</h1>{% endblock %}')

    def get(self, request, **kwargs):
        return TemplateResponse(request, self.template, {"partnership": self.partnership})


urlpatterns = [
    path("bench/p/<slug:slug>/trivial/", TrivialView.as_view(), name="bench-trivial"),
    path("", include("hub.urls")),
]
