"""The public site: every page is open to anyone, signed in or not."""

import datetime

from django.utils import timezone

from core.services import system_actor
from core.tests.files import pdf_upload
from core.tests.walk import UrlCase
from reports.tests.helpers import world_publication


def _published_report(w):
    return {"slug": w.partnership.slug, "pk": world_publication(w).report_id}


def _briefing(w):
    from reviews import services
    from reviews.tests.factories import make_practice_review

    if "public_review" not in w.objects:
        today = timezone.localdate()
        review = make_practice_review(
            w.partnership, pseudonym="Heron", decided_on=today - datetime.timedelta(days=200),
            draft_received_on=today - datetime.timedelta(days=60),
            signed_off_on=today - datetime.timedelta(days=40),
            published_on=today - datetime.timedelta(days=30))
        services.practice_review_set_briefing(
            actor=system_actor(), review=review, expected_version=review.version,
            file=pdf_upload("heron-briefing.pdf"))
        w.objects["public_review"] = review
    return {"slug": w.partnership.slug, "pk": w.objects["public_review"].pk}


CASES = [
    UrlCase("public:index", kwargs=lambda w: {}, public=True),
    UrlCase("public:reports", public=True),
    UrlCase("public:report", kwargs=_published_report, public=True),
    UrlCase("public:report_pdf", kwargs=_published_report, public=True),
    UrlCase("public:reviews", public=True),
    UrlCase("public:briefing", kwargs=_briefing, public=True),
    UrlCase("public:procedures", public=True),
    UrlCase("public:training", public=True),
    UrlCase("public:you_said_we_did", public=True),
]
