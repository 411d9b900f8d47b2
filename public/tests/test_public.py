import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.calendar import add_months
from core.services import system_actor
from core.tests.files import pdf_upload
from governance.models import Procedure
from reports.tests.helpers import make_report, published
from reviews import services as review_services
from reviews.tests.factories import make_practice_review


def _published_review(partnership, pseudonym, published_on, **extra):
    return make_practice_review(
        partnership, pseudonym=pseudonym, decided_on=published_on - datetime.timedelta(days=200),
        draft_received_on=published_on - datetime.timedelta(days=40),
        signed_off_on=published_on - datetime.timedelta(days=20), published_on=published_on,
        publication_summary=f"A fictional summary of {pseudonym}.", **extra)


def _briefed_review(partnership):
    """A review published three days ago, with its briefing uploaded."""
    review = _published_review(partnership, "Kingfisher",
                               timezone.localdate() - datetime.timedelta(days=3))
    review_services.practice_review_set_briefing(
        actor=system_actor(), review=review, file=pdf_upload("kf.pdf"),
        expected_version=review.version)
    return review


def test_a_practice_review_past_its_window_is_no_longer_on_the_public_site(world, client):
    today = timezone.localdate()
    _published_review(world.partnership, "Kingfisher", today - datetime.timedelta(days=30))
    old = _published_review(world.partnership, "Heron",
                            add_months(today, -12) - datetime.timedelta(days=1))
    review_services.practice_review_set_briefing(
        actor=system_actor(), review=old, file=pdf_upload("heron.pdf"),
        expected_version=old.version)
    page = client.get(reverse("public:reviews", kwargs={"slug": "alpha"})).content.decode()
    assert "Kingfisher" in page
    assert "Heron" not in page
    briefing = reverse("public:briefing", kwargs={"slug": "alpha", "pk": old.pk})
    assert client.get(briefing).status_code == 404


def test_a_briefing_is_downloadable_while_its_review_is_on_the_site(world, client):
    review = _briefed_review(world.partnership)
    response = client.get(reverse("public:briefing", kwargs={"slug": "alpha", "pk": review.pk}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_only_published_reports_of_the_partnership_are_public(world, client):
    draft = make_report(world.partnership, 2023)
    done = published(make_report(world.partnership, 2022),
                     on=timezone.localdate() - datetime.timedelta(days=5))
    other = published(make_report(world.other, 2022),
                      on=timezone.localdate() - datetime.timedelta(days=5))
    page = client.get(reverse("public:reports", kwargs={"slug": "alpha"})).content.decode()
    assert "Yearly report 2022-23" in page and "2023-24" not in page
    assert client.get(reverse("public:report", kwargs={"slug": "alpha", "pk": draft.pk})
                      ).status_code == 404
    assert client.get(reverse("public:report", kwargs={"slug": "alpha", "pk": other.pk})
                      ).status_code == 404
    response = client.get(reverse("public:report", kwargs={"slug": "alpha", "pk": done.pk}))
    assert "The year in figures" in response.content.decode()


def test_procedures_show_the_partnerships_published_ones(world, client):
    shown = Procedure.objects.create(title="Neglect", url="https://procedures.example/neglect")
    shown.partnerships.add(world.partnership)
    hidden = Procedure.objects.create(title="Draft one", url="https://procedures.example/d",
                                      published=False)
    hidden.partnerships.add(world.partnership)
    elsewhere = Procedure.objects.create(title="Beta only", url="https://procedures.example/b")
    elsewhere.partnerships.add(world.other)
    page = client.get(reverse("public:procedures", kwargs={"slug": "alpha"})).content.decode()
    assert "Neglect" in page and "Draft one" not in page and "Beta only" not in page


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_public_lists_run_the_same_number_of_queries_for_few_and_many_rows(world, client,
                                                                          monkeypatch):
    # The lists read the stored publications; drawing each one's PDF and Word file does not
    # change their queries, so stand-ins keep the test quick.
    from reports import render

    monkeypatch.setattr(render, "render_pdf", lambda a: b"%PDF-1.7 stand-in")
    monkeypatch.setattr(render, "render_docx", lambda a: b"PK stand-in")
    today = timezone.localdate()
    urls = [reverse(f"public:{name}", kwargs={"slug": "alpha"})
            for name in ("home", "reports", "reviews", "procedures")]

    def grow(start, n):
        for i in range(start, start + n):
            _published_review(world.partnership, f"Bird {i}", today - datetime.timedelta(days=i))
            published(make_report(world.partnership, 1990 + i),
                      on=today - datetime.timedelta(days=i))
            p = Procedure.objects.create(title=f"Procedure {i}", url="https://p.example/x")
            p.partnerships.add(world.partnership)

    grow(1, 2)
    few = [_count(client, url) for url in urls]
    grow(3, 12)
    assert [_count(client, url) for url in urls] == few


def test_a_public_briefing_download_is_typed_cacheable_and_not_audited(world, client):
    from core.models import AuditEvent

    review = _briefed_review(world.partnership)
    before = AuditEvent.objects.count()
    response = client.get(reverse("public:briefing", kwargs={"slug": "alpha", "pk": review.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" not in response.get("Cache-Control", "")
    assert AuditEvent.objects.count() == before
