"""A published yearly report is frozen (decision 0010): the public site serves what was kept
at publication, later edits change only the draft, and publishing again makes a new version."""

import datetime
import hashlib
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, Role
from core.services import system_actor
from reports import render, selectors, services
from reports.models import Publication
from reports.tests.helpers import add_activity, make_report, published
from reviews.tests.factories import make_incident, make_rapid_review

D = datetime.date


def _days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


def _public(client, name, report):
    return client.get(reverse(f"public:{name}", kwargs={"slug": report.partnership.slug,
                                                         "pk": report.pk}))


def _pdf(response) -> bytes:
    return b"".join(response.streaming_content)


def _headline(html: str, key: str) -> str:
    match = re.search(rf'data-headline="{key}">.*?<td[^>]*>([^<]*)</td>', html, re.S)
    assert match, key
    return match.group(1).strip()


def _report_with_foreword(world, text="The original fictional foreword."):
    report = make_report(world.partnership, 2023)
    services.block_save(actor=system_actor(), report=report, kind="foreword",
                        data={"body": text}, expected_version=0)
    return report


def _change_the_draft(world, report):
    """Edit a block's text and add source records in the report's year."""
    block = report.blocks.get(kind="foreword")
    services.block_save(actor=world.users[Role.BUSINESS_UNIT], report=report, kind="foreword",
                        data={"body": "A changed fictional foreword."},
                        expected_version=block.version)
    incident = make_incident(world.partnership, reference="Child Q", la_aware_on=D(2023, 10, 2))
    make_rapid_review(incident, partners_aware_on=D(2023, 10, 3))
    add_activity(world.partnership, title="Fictional exploitation conference")


def test_later_edits_to_text_and_records_leave_the_publication_unchanged(world, client, login):
    report = published(_report_with_foreword(world), on=_days_ago(3))
    page = _public(client, "report", report).content.decode()
    pdf = _pdf(_public(client, "report_pdf", report))
    assert "The original fictional foreword." in page
    assert _headline(page, "rapid_reviews") == "0"

    _change_the_draft(world, report)

    after = _public(client, "report", report).content.decode()
    assert "The original fictional foreword." in after
    assert "A changed fictional foreword." not in after
    assert "Fictional exploitation conference" not in after
    assert _headline(after, "rapid_reviews") == "0"
    assert _pdf(_public(client, "report_pdf", report)) == pdf  # byte for byte
    publication = report.publications.get()
    assert hashlib.sha256(pdf).hexdigest() == publication.pdf_sha256
    assert publication.body_html in after

    # The business unit's working draft shows the changes.
    login(world.users[Role.BUSINESS_UNIT])
    draft = client.get(reverse("reports:report_preview", kwargs={
        "slug": report.partnership.slug, "pk": report.pk})).content.decode()
    assert "A changed fictional foreword." in draft
    assert "Fictional exploitation conference" in draft
    assert _headline(draft, "rapid_reviews") == "1"


def test_publishing_again_makes_version_2_which_the_public_site_then_shows(world, client,
                                                                           login):
    report = published(_report_with_foreword(world), on=_days_ago(3))
    first_pdf = _pdf(_public(client, "report_pdf", report))
    _change_the_draft(world, report)
    second = services.report_publish(actor=world.users[Role.PARTNER_DELEGATE], report=report,
                                     published_on=_days_ago(1),
                                     note="The October rapid review is added.")
    assert (second.number, second.published_on) == (2, _days_ago(1))
    report.refresh_from_db()
    assert report.published_on == _days_ago(3)  # the clock's "published" is the first one

    page = _public(client, "report", report).content.decode()
    assert "A changed fictional foreword." in page
    assert "The original fictional foreword." not in page
    assert _headline(page, "rapid_reviews") == "1"
    assert "Version 2, published" in page and "The October rapid review is added." in page
    pdf = _pdf(_public(client, "report_pdf", report))
    assert pdf != first_pdf
    assert hashlib.sha256(pdf).hexdigest() == second.pdf_sha256
    listing = client.get(reverse("public:reports", kwargs={"slug": "alpha"})).content.decode()
    assert f"published {_days_ago(1):%-d %B %Y} (version 2)" in listing

    # Version 1 is kept as it was, and the report page lists the history.
    first = report.publications.get(number=1)
    assert "The original fictional foreword." in first.body_html
    login(world.users[Role.SCRUTINEER])
    detail = client.get(reverse("reports:report_detail", kwargs={
        "slug": "alpha", "pk": report.pk})).content.decode()
    assert 'data-publication="2"' in detail and 'data-publication="1"' in detail
    assert "The October rapid review is added." in detail
    old = client.get(reverse("reports:publication_download", kwargs={
        "slug": "alpha", "pk": report.pk, "number": 1, "fmt": "pdf"}))
    assert _pdf(old) == first_pdf
    assert AuditEvent.objects.filter(model="reports.YearlyReport",
                                     action=AuditEvent.Action.EXPORT).exists()


def test_the_public_site_serves_the_stored_files_without_assembling_or_rendering(
        world, client, monkeypatch):
    report = published(_report_with_foreword(world), on=_days_ago(2))
    publication = report.publications.get()

    def refuse(*args, **kwargs):
        raise AssertionError("the public site must not assemble or render the report")

    for module, name in ((selectors, "assemble"), (render, "render_pdf"),
                         (render, "render_html"), (render, "body_html"),
                         (render, "render_docx")):
        monkeypatch.setattr(module, name, refuse)
    page = _public(client, "report", report)
    assert page.status_code == 200
    assert "The original fictional foreword." in page.content.decode()
    response = _public(client, "report_pdf", report)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    with publication.pdf.open("rb") as stored:
        assert _pdf(response) == stored.read()


def test_an_unpublished_report_is_not_on_the_public_site(world, client):
    draft = make_report(world.partnership, 2023)
    # A publication date typed onto the report is not a publication.
    draft.signed_off_on = draft.published_on = _days_ago(5)
    draft.signed_off_by = "The lead safeguarding partners"
    draft.save()
    for name in ("report", "report_pdf"):
        assert _public(client, name, draft).status_code == 404
    listing = client.get(reverse("public:reports", kwargs={"slug": "alpha"})).content.decode()
    assert "No yearly report is published yet." in listing
    home = client.get(reverse("public:home", kwargs={"slug": "alpha"}))
    assert home.context["report_count"] == 0


def test_publishing_is_refused_without_sign_off_or_permission_or_with_dates_out_of_order(
        world):
    report = make_report(world.partnership, 2023)
    with pytest.raises(ValidationError) as error:
        services.report_publish(actor=system_actor(), report=report)
    assert "sign-off" in error.value.message_dict["published_on"][0]
    report.signed_off_on, report.signed_off_by = _days_ago(10), "The lead partners"
    report.save()
    for actor in (None, world.users[Role.SCRUTINEER], world.users[Role.GROUP_CHAIR]):
        with pytest.raises(PermissionDenied):
            services.report_publish(actor=actor, report=report)
    for when in (_days_ago(11), timezone.localdate() + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError):
            services.report_publish(actor=system_actor(), report=report, published_on=when)
    assert not Publication.objects.exists()

    services.report_publish(actor=world.users[Role.BUSINESS_UNIT], report=report,
                            published_on=_days_ago(2))
    with pytest.raises(ValidationError) as error:
        services.report_publish(actor=system_actor(), report=report, published_on=_days_ago(4))
    assert "Version 1 was published" in error.value.message_dict["published_on"][0]
    assert report.publications.count() == 1
    row = AuditEvent.objects.get(model="reports.Publication")
    assert row.action == AuditEvent.Action.CREATE and row.changes["version"] == 1


def test_the_business_unit_publishes_from_the_report_page(world, login):
    report = make_report(world.partnership, 2023)
    report.signed_off_on, report.signed_off_by = _days_ago(10), "The lead partners"
    report.save()
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reports:report_publish", kwargs={"slug": "alpha", "pk": report.pk})
    form = client.get(url)
    assert "Publish the 2023-24 report" in form.content.decode()
    assert form.context["form"].initial["published_on"] == timezone.localdate()
    refused = client.post(url, {"published_on": ""})
    assert refused.status_code == 200 and not report.publications.exists()
    response = client.post(url, {"published_on": _days_ago(1).isoformat()})
    assert response.status_code == 302, response.context["form"].errors
    publication = report.publications.get()
    assert publication.published_by == world.users[Role.BUSINESS_UNIT]
    assert publication.published_on == _days_ago(1)
    again = client.get(url).content.decode()
    assert "Publish version 2 of the 2023-24 report" in again
