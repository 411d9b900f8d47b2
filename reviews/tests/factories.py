"""Incidents and rapid reviews for tests, made through the services (so each has its
learning source and audit rows, like real ones)."""

import datetime

from django.utils import timezone

from core.calendar import add_working_days
from core.models import Role
from core.services import system_actor
from core.tests.files import pdf_upload

from .. import services
from ..models import RapidReview


def make_incident(partnership, *, reference="Child K", la_aware_on=None, notified_on=None,
                  summary="Fictional test incident."):
    return services.notify_incident(
        actor=system_actor(), partnership=partnership,
        **{"reference": reference,
              "la_aware_on": la_aware_on or timezone.localdate() - datetime.timedelta(days=1),
              "notified_on": notified_on, "summary": summary},
    )


def make_rapid_review(incident, *, panel=(), agencies=(), partners_aware_on=None, **data):
    """Start the incident's rapid review, or change it from the version it has now."""
    saved = RapidReview.objects.filter(incident=incident).first()
    return services.save_rapid_review(
        actor=system_actor(), incident=incident,
        data={"partners_aware_on": partners_aware_on or incident.la_aware_on, **data},
        agencies=agencies, panel_members=panel, expected_version=saved.version if saved else 0,
    )


def panel_incident(world):
    """An alpha incident whose rapid review names the world's group member on its panel."""
    if "panel_incident" not in world.objects:
        incident = make_incident(world.partnership, reference="Child P",
                                 la_aware_on=add_working_days(timezone.localdate(), -3))
        make_rapid_review(incident, panel=[world.people[Role.GROUP_MEMBER]],
                          agencies=[world.orgs["police"]])
        world.objects["panel_incident"] = incident
    return world.objects["panel_incident"]


def make_practice_review(partnership, *, pseudonym="Child T", kind="individual",
                         decided_on=None, panel=(), rapid_review=None, **data):
    return services.practice_review_create(
        actor=system_actor(), partnership=partnership, panel_members=panel,
        rapid_review=rapid_review,
        data={"pseudonym": pseudonym, "kind": kind,
              "decided_on": decided_on or timezone.localdate() - datetime.timedelta(days=30),
              **data},
    )


def panel_practice_review(world):
    """An alpha practice review naming the world's group member on its panel, with one
    milestone and a briefing document (unpublished, so the briefing is case detail)."""
    if "panel_practice_review" not in world.objects:

        review = make_practice_review(world.partnership, pseudonym="Kingfisher",
                                      kind="thematic",
                                      panel=[world.people[Role.GROUP_MEMBER]])
        services.milestone_add(actor=system_actor(), review=review, name="Practitioner event",
                               due_on=timezone.localdate() + datetime.timedelta(days=20))
        review = services.practice_review_set_briefing(
            actor=system_actor(), review=review, expected_version=review.version,
            file=pdf_upload("briefing.pdf"))
        world.objects["panel_practice_review"] = review
    return world.objects["panel_practice_review"]
