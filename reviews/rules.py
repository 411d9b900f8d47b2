"""Who may see and change serious incidents, rapid reviews and the deadline rules.

Case detail is on a need-to-know basis: only the business unit and the people named on the
rapid review's panel see an incident, and only the business unit and a practice review's own
named panel see that review. Everyone else is refused, and views and refusals are
both written to the audit trail (see views.RestrictedRecordMixin).
"""

import rules

from core import policy
from core.models import Role

from .models import PracticeReview, RapidReview


def _on_panel(person_id, **lookup) -> bool:
    if not person_id:
        return False
    return RapidReview.panel_members.through.objects.filter(
        person_id=person_id, **lookup
    ).exists()


@rules.predicate
def sees_incident(user, incident):
    if incident is None:
        return False
    if policy.is_business_unit(user, incident.partnership_id):
        return True
    scope = policy.scope_of(user)
    if not scope.has_any(set(Role), incident.partnership_id):
        return False
    return _on_panel(scope.person_id, rapidreview__incident_id=incident.pk)


@rules.predicate
def lists_incidents(user, partnership):
    """Those who work in the partnership, and any panel member; the list shows only the
    incidents each may see."""
    if partnership is None:
        return False
    scope = policy.scope_of(user)
    if scope.has_any(policy.WORKING_ROLES, partnership.pk):
        return True
    return scope.has_any(set(Role), partnership.pk) and _on_panel(
        scope.person_id, rapidreview__incident__partnership_id=partnership.pk
    )


@rules.predicate
def runs_reviews(user, obj):
    """The business unit of the partnership (obj is a partnership or one of its records)."""
    if obj is None:
        return False
    partnership_id = getattr(obj, "partnership_id", None) or getattr(obj, "pk", None)
    return policy.is_business_unit(user, partnership_id)


def _on_practice_panel(person_id, **lookup) -> bool:
    if not person_id:
        return False
    return PracticeReview.panel_members.through.objects.filter(
        person_id=person_id, **lookup
    ).exists()


@rules.predicate
def sees_practice_review(user, review):
    if review is None:
        return False
    if policy.is_business_unit(user, review.partnership_id):
        return True
    scope = policy.scope_of(user)
    if not scope.has_any(set(Role), review.partnership_id):
        return False
    return _on_practice_panel(scope.person_id, practicereview_id=review.pk)


@rules.predicate
def lists_practice_reviews(user, partnership):
    """As for incidents: those at work in the partnership, and any panel member; the list
    shows only the reviews each may see."""
    if partnership is None:
        return False
    scope = policy.scope_of(user)
    if scope.has_any(policy.WORKING_ROLES, partnership.pk):
        return True
    return scope.has_any(set(Role), partnership.pk) and _on_practice_panel(
        scope.person_id, practicereview__partnership_id=partnership.pk
    )


@rules.predicate
def published(user, review):
    return review is not None and review.published_on is not None


@rules.predicate
def works_in_partnership(user, review):
    return review is not None and policy.has_any_role(user, review.partnership_id)


rules.add_perm("reviews.list_incidents", lists_incidents)
rules.add_perm("reviews.view_incident", sees_incident)
rules.add_perm("reviews.notify_incident", runs_reviews)
rules.add_perm("reviews.change_incident", runs_reviews)
rules.add_perm("reviews.manage_deadline_rules", runs_reviews)
rules.add_perm("reviews.list_practice_reviews", lists_practice_reviews)
rules.add_perm("reviews.view_practice_review", sees_practice_review)
rules.add_perm("reviews.add_practice_review", runs_reviews)
rules.add_perm("reviews.change_practice_review", runs_reviews)
# A published review's briefing is public learning; before publication it is case detail.
rules.add_perm("reviews.download_briefing",
               sees_practice_review | (published & works_in_partnership))
