"""Thematic analysis across the learning sources."""

from __future__ import annotations

from django.views.generic import TemplateView

from core.web import PartnershipMixin

from .. import selectors
from ..need_to_know import sources_shown


class ThematicAnalysisView(PartnershipMixin, TemplateView):
    permission_required = "learning.view_thematic_analysis"
    template_name = "learning/thematic_analysis.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        analysis = selectors.thematic_analysis(self.partnership)
        # Counts are shown to every reader; a restricted review is named only to those who
        # may read it (others see "Restricted review", with no kind or link).
        shown = sources_shown(self.request.user, analysis.sources)
        context.update(analysis=analysis,
                       matrix=[(shown[s.pk], counts) for s, counts in analysis.matrix])
        return context
