"""What the public site shows: published records only, each within its publication window."""

from __future__ import annotations

import datetime

from django.utils import timezone

from business import selectors as business_selectors
from core.models import Organisation
from governance import selectors as governance_selectors
from reports.selectors import published_reports
from reviews.clock import withdrawal_date
from reviews.selectors import published_reviews, rules_for


def reviews_on_site(partnership, today: datetime.date | None = None):
    """Published practice reviews still within their time on the public site (the reviews
    app's public-site rule); each carries `.withdrawal_date`. Past it, a review is gone."""
    reviews = published_reviews(partnership, today)
    rules = rules_for(partnership)
    for review in reviews:
        review.withdrawal_date = withdrawal_date(review, rules)  # type: ignore[attr-defined]
    return reviews


def procedures(partnership):
    """The published procedures, read from the governance register."""
    return governance_selectors.published_procedures(partnership)


def you_said_we_did(partnership):
    """The voice of the child that may leave the partnership (consent recorded), by theme,
    with what changed because of it."""
    return business_selectors.you_said_we_did(partnership)


def landing(partnership, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    organisations = partnership.organisations.filter(
        Organisation.existing_on(today), kind__in=["local_authority", "police", "icb"]
    ).order_by("name")
    return {
        "statutory_partners": organisations, "areas": partnership.areas.all(),
        "report_count": published_reports(partnership, today).count(),
        "review_count": len(reviews_on_site(partnership, today)),
        "procedure_count": procedures(partnership).count(),
    }
