from core.tests.walk import WORKERS, UrlCase

from .factories import panel_incident, panel_practice_review

BUSINESS_UNIT = frozenset({"business_unit"})


def _incident(w):
    return {"slug": w.partnership.slug, "pk": panel_incident(w).pk}


def _review(w):
    return {"slug": w.partnership.slug, "pk": panel_practice_review(w).pk}


def _milestone(w):
    review = panel_practice_review(w)
    return {**_review(w), "milestone": review.milestones.get().pk}


CASES = [
    UrlCase("reviews:incident_list", allowed=WORKERS,
            note="everyone at work in the partnership; rows are scoped by need to know"),
    UrlCase("reviews:incident_create", allowed=BUSINESS_UNIT),
    UrlCase("reviews:incident_detail", kwargs=_incident,
            allowed=BUSINESS_UNIT | {"group_member"},
            note="the group member is named on this incident's review panel"),
    UrlCase("reviews:incident_edit", kwargs=_incident, allowed=BUSINESS_UNIT),
    UrlCase("reviews:rapid_review_edit", kwargs=_incident, allowed=BUSINESS_UNIT),
    UrlCase("reviews:practice_review_list", allowed=WORKERS,
            note="everyone at work in the partnership; rows are scoped by need to know"),
    UrlCase("reviews:practice_review_create", allowed=BUSINESS_UNIT),
    UrlCase("reviews:practice_review_detail", kwargs=_review,
            allowed=BUSINESS_UNIT | {"group_member"},
            note="the group member is named on this review's panel"),
    UrlCase("reviews:practice_review_edit", kwargs=_review, allowed=BUSINESS_UNIT),
    UrlCase("reviews:milestone_add", kwargs=_review, allowed=BUSINESS_UNIT),
    UrlCase("reviews:milestone_complete", kwargs=_milestone, allowed=BUSINESS_UNIT),
    UrlCase("reviews:learning_event_add", kwargs=_review, allowed=BUSINESS_UNIT),
    UrlCase("reviews:briefing_edit", kwargs=_review, allowed=BUSINESS_UNIT),
    UrlCase("reviews:briefing_download", kwargs=_review,
            allowed=BUSINESS_UNIT | {"group_member"},
            note="unpublished, so the briefing is case detail: business unit and panel"),
]
