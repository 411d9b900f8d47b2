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
                       matrix=[(shown[s.pk], counts) for s, counts in analysis.matrix],
                       theme_panels=theme_panels(self.request, self.partnership,
                                                 analysis.themes))
        return context


def theme_panels(request, partnership, themes) -> list[dict]:
    """What higher apps add to the themes page, declared on their AppConfig as
    `theme_panels = ["dotted.path"]` (decision 0023): e.g. the training that answered each
    theme. Learning never imports them; each returns a dict with `template`, or None."""
    from django.apps import apps
    from django.utils.module_loading import import_string

    panels = []
    for config in apps.get_app_configs():
        for path in getattr(config, "theme_panels", []):
            panel = import_string(path)(request, partnership, themes)
            if panel:
                panels.append(panel)
    return panels
