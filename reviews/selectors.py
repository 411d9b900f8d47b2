"""Reads shared by the review pages, exports and the home page."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from core import policy
from core.deadlines import Status, status_of
from core.models import DeadlineRule, Role
from core.selectors import rules_in_force

from .clock import DEADLINE_KINDS, deadlines_for, withdrawal_date
from .models import PracticeReview, RapidReview, SeriousIncident


def rules_for(partnership) -> list[DeadlineRule]:
    """The partnership's review deadline rules. One query."""
    return list(rules_in_force(partnership, [k.key for k in DEADLINE_KINDS]).order_by(
        "applies_to", "key"))


def incidents_visible_to(user, partnership):
    """Incidents this user may see: the business unit sees all, a panel member the ones
    whose rapid review names them. The one place incidents are scoped."""
    qs = SeriousIncident.objects.filter(partnership=partnership)
    scope = policy.scope_of(user)
    if scope.has(Role.BUSINESS_UNIT, partnership.pk):
        return qs
    if not scope.person_id or not scope.has_any(set(Role), partnership.pk):
        return qs.none()
    panels = RapidReview.panel_members.through.objects.filter(
        person_id=scope.person_id
    ).values("rapidreview__incident_id")
    return qs.filter(pk__in=panels)


def incident_list(qs):
    """The joins every incident list needs, so its query count never grows with its rows."""
    return qs.select_related("rapid_review")


def with_deadlines(incidents, rules, today: datetime.date | None = None):
    """Attach `.deadlines` (the incident's and its rapid review's) to each incident."""
    for incident in incidents:
        review = getattr(incident, "rapid_review", None)
        incident.deadlines = deadlines_for(incident, rules, today)
        if review is not None:
            incident.deadlines += deadlines_for(review, rules, today)
    return incidents


def practice_reviews_visible_to(user, partnership):
    """Practice reviews this user may see: the business unit sees all, a panel member the
    ones whose panel names them. The one place practice reviews are scoped."""
    qs = PracticeReview.objects.filter(partnership=partnership)
    scope = policy.scope_of(user)
    if scope.has(Role.BUSINESS_UNIT, partnership.pk):
        return qs
    if not scope.person_id or not scope.has_any(set(Role), partnership.pk):
        return qs.none()
    panels = PracticeReview.panel_members.through.objects.filter(
        person_id=scope.person_id
    ).values("practicereview_id")
    return qs.filter(pk__in=panels)


def practice_review_list(qs):
    """The joins every practice review list needs: its rapid review and incident, and its
    milestones, so the query count never grows with the rows."""
    return (qs.select_related("rapid_review__incident").prefetch_related("milestones")
            .annotate(learning_event_count=Count("learning_events"))
            .order_by(*PracticeReview._meta.ordering))


def with_review_deadlines(reviews, rules, today: datetime.date | None = None):
    """Attach `.deadlines`, `.withdrawal_date` and each milestone's `.status` to each
    practice review (calendar arithmetic on rows already read: no queries beyond the
    prefetched milestones)."""
    today = today or timezone.localdate()
    for review in reviews:
        review.deadlines = deadlines_for(review, rules, today)
        review.withdrawal_date = withdrawal_date(review, rules)
        review.milestone_list = list(review.milestones.all())
        for milestone in review.milestone_list:
            milestone.status = status_of(milestone.due_on, milestone.done_on, today,
                                         back_entered=review.recorded_after)
            milestone.label = Status.LABELS[milestone.status]
        review.overdue_milestones = [m for m in review.milestone_list
                                     if m.status == Status.OVERDUE]
    return reviews


def published_reviews(partnership, today: datetime.date | None = None) -> list[PracticeReview]:
    """The partnership's reviews on the public site today: published on or before today and
    not yet withdrawn (published_on <= today < withdrawal date). The public-site period is
    a rule kept as data, so the window is computed here rather than in SQL; newest first."""
    today = today or timezone.localdate()
    rules = rules_for(partnership)
    candidates = PracticeReview.objects.filter(
        partnership=partnership, published_on__isnull=False, published_on__lte=today,
    ).filter(Q(removed_on__isnull=True) | Q(removed_on__gt=today)).order_by("-published_on")
    return [r for r in candidates
            if (end := withdrawal_date(r, rules)) is None or today < end]


def open_deadlines(partnership, today: datetime.date | None = None):
    """Overdue and due-soon statutory deadlines of a partnership, most urgent first.

    Rows are (record, deadline); the record is an incident (carrying its rapid review's
    deadlines) or a practice review, each with `reference` and `detail_url`."""
    today = today or timezone.localdate()
    rules = rules_for(partnership)
    incidents = incident_list(
        SeriousIncident.objects.filter(partnership=partnership).filter(
            Q(notified_on__isnull=True)
            | Q(rapid_review__isnull=True)
            | Q(rapid_review__sent_on__isnull=True)
        )
    )
    rows = []
    for incident in with_deadlines(list(incidents), rules, today):
        rows.extend((incident, d) for d in incident.deadlines if d.needs_attention)
    reviews = PracticeReview.objects.filter(
        partnership=partnership, kind__in=PracticeReview.STATUTORY_KINDS,
        decided_on__isnull=False,
    ).filter(Q(published_on__isnull=True) | Q(sent_to_panel_on__isnull=True))
    for review in reviews:
        rows.extend((review, d) for d in deadlines_for(review, rules, today)
                    if d.needs_attention)
    return sorted(rows, key=lambda row: (row[1].due, row[0].reference))


def deadlines_panel(request, partnership):
    """Home-page panel for the business unit: statutory deadlines needing attention."""
    if not request.user.has_perm("reviews.manage_deadline_rules", partnership):
        return None
    return {
        "template": "reviews/_deadlines_panel.html", "order": 10,
        "rows": open_deadlines(partnership),
        "partnership": partnership,
    }
