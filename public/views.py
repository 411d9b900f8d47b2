"""The public site: no sign-in. Only what is published, and only while it is published."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.models import Partnership
from core.web import file_download
from reports import selectors as report_selectors
from training import selectors as training_selectors

from . import selectors


def _partnership(slug):
    return get_object_or_404(Partnership, slug=slug)


def index(request):
    """Every partnership's public site, so the public can find their own."""
    return render(request, "public/index.html",
                  {"partnerships": Partnership.objects.order_by("name")})


def home(request, slug):
    """A partnership's public landing page: who the partners are and what it publishes."""
    partnership = _partnership(slug)
    return render(request, "public/home.html", {
        "public_partnership": partnership, **selectors.landing(partnership)})


def reports(request, slug):
    partnership = _partnership(slug)
    return render(request, "public/report_list.html", {
        "public_partnership": partnership,
        "reports": report_selectors.published_reports(partnership)})


def _publications(partnership, pk):
    """The report's publications that are out, newest first; 404 if it is not published."""
    publications = report_selectors.publications_on_site(partnership, pk)
    if not publications:
        raise Http404("There is no such published report.")
    return publications


def report(request, slug, pk):
    """The newest publication of the report, exactly as it was frozen (decision 0010): the
    HTML kept at publication, never a fresh assembly of today's records."""
    partnership = _partnership(slug)
    publications = _publications(partnership, pk)
    return render(request, "public/report.html", {
        "public_partnership": partnership, "publication": publications[0],
        "publications": publications})


def report_pdf(request, slug, pk):
    """The newest publication's PDF, the file stored when it was published."""
    partnership = _partnership(slug)
    publication = _publications(partnership, pk)[0]
    return file_download(request, publication.pdf, obj=publication, private=False,
                         filename=publication.file_name("pdf"), content_type="application/pdf",
                         missing="The report's file is missing.")


def reviews(request, slug):
    partnership = _partnership(slug)
    return render(request, "public/review_list.html", {
        "public_partnership": partnership, "reviews": selectors.reviews_on_site(partnership)})


def briefing(request, slug, pk):
    """A published review's seven-minute briefing, only while the review is on the site."""
    partnership = _partnership(slug)
    review = next((r for r in selectors.reviews_on_site(partnership) if r.pk == pk), None)
    if review is None or not review.briefing_file:
        raise Http404("There is no such published briefing.")
    return file_download(request, review.briefing_file, obj=review, private=False,
                         missing="The briefing's file is missing.")


def procedures(request, slug):
    partnership = _partnership(slug)
    return render(request, "public/procedure_list.html", {
        "public_partnership": partnership, "procedures": selectors.procedures(partnership),
        "today": timezone.localdate()})


def training(request, slug):
    """The training calendar: sessions to come with places left; registered practitioners
    sign in to book."""
    partnership = _partnership(slug)
    return render(request, "public/training.html", {
        "public_partnership": partnership,
        "sessions": training_selectors.public_calendar(partnership)})


def you_said_we_did(request, slug):
    """What children, young people and families told the partnership and what changed,
    by theme. Only what they consented to share: an item without consent is never here."""
    partnership = _partnership(slug)
    return render(request, "public/you_said_we_did.html", {
        "public_partnership": partnership,
        "themes": selectors.you_said_we_did(partnership)})
