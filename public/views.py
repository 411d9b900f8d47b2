"""The public site: no sign-in. Only what is published, and only while it is published."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.models import Partnership
from reports import render as report_render
from reports import selectors as report_selectors

from . import selectors


def _partnership(slug):
    return get_object_or_404(Partnership, slug=slug)


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


def _published_report(partnership, pk):
    report = report_selectors.published_reports(partnership).filter(pk=pk).first()
    if report is None:
        raise Http404("There is no such published report.")
    return report


def report(request, slug, pk):
    partnership = _partnership(slug)
    assembly = report_selectors.assemble(_published_report(partnership, pk))
    return render(request, "public/report.html", {
        "public_partnership": partnership, **report_render.context(assembly)})


def report_pdf(request, slug, pk):
    partnership = _partnership(slug)
    report = _published_report(partnership, pk)
    response = HttpResponse(report_render.render_pdf(report_selectors.assemble(report)),
                            content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{partnership.slug}-yearly-report-{report.label}.pdf"')
    return response


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
    try:
        handle = review.briefing_file.open("rb")
    except FileNotFoundError:
        raise Http404("The briefing's file is missing.") from None
    return FileResponse(handle, as_attachment=True,
                        filename=review.briefing_file.name.rsplit("/", 1)[-1])


def procedures(request, slug):
    partnership = _partnership(slug)
    return render(request, "public/procedure_list.html", {
        "public_partnership": partnership, "procedures": selectors.procedures(partnership),
        "today": timezone.localdate()})
