"""The practitioner's home: learning briefings and procedures (what the partnership publishes
for practitioners). Training courses will join it when training lands, as their own panel."""

from learning.models import DisseminationProduct

from . import selectors

SHOWN = 5
BRIEFING_KINDS = [DisseminationProduct.Kind.SEVEN_MINUTE_BRIEFING,
                  DisseminationProduct.Kind.LEARNING_BRIEF]


def practitioner_panel(request, partnership):
    if not request.user.has_perm("core.view_practice_resources", partnership):
        return None
    reviews = [r for r in selectors.reviews_on_site(partnership) if r.briefing_file][:SHOWN]
    briefs = list(DisseminationProduct.objects.filter(
        partnership=partnership, kind__in=BRIEFING_KINDS).order_by("-issued_on", "-id")[:SHOWN])
    procedures = list(selectors.procedures(partnership)[:SHOWN * 2])
    return {"template": "public/_practitioner_panel.html", "order": 10, "reviews": reviews,
            "briefs": briefs, "procedures": procedures}
