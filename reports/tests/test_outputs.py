"""The yearly_report command: every format for both demo partnerships, the PDF tagged as
PDF/UA with text that extracts, the Word file editable, and the same headline figures in
all three, equal to the selectors' and to the seeds' where the seeds agree with themselves."""

import io
import re
from html.parser import HTMLParser

import pypdf
import pytest
from django.core.management import CommandError, call_command
from docx import Document

from reports import selectors
from reports.models import YearlyReport

DEMO = [("hsscp", "2020-21"), ("stscp", "2023-24")]


class _Headlines(HTMLParser):
    """Rows of the headline table: data-headline key -> the value cell's text."""

    def __init__(self):
        super().__init__()
        self.rows, self.key, self.cell, self.text = {}, None, False, ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-headline" in attrs:
            self.key = attrs["data-headline"]
        elif tag == "td" and self.key:
            self.cell, self.text = True, ""

    def handle_endtag(self, tag):
        if tag == "td" and self.cell:
            self.rows[self.key], self.cell, self.key = self.text.strip(), False, None

    def handle_data(self, data):
        if self.cell:
            self.text += data


def _titles(outline) -> list[str]:
    found = []
    for entry in outline:
        found += _titles(entry) if isinstance(entry, list) else [entry.title]
    return found


def _produce(tmp_path, slug, year, fmt):
    out = tmp_path / f"{slug}.{fmt}"
    call_command("yearly_report", partnership=slug, year=year, format=fmt, out=str(out),
                 stdout=io.StringIO())
    return out.read_bytes()


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())


def test_each_format_for_both_demo_partnerships_carries_the_same_headline_figures(
        demo, tmp_path):
    for slug, year in DEMO:
        report = YearlyReport.objects.get(partnership__slug=slug,
                                          year_start=selectors.parse_year(year))
        expected = {h.key: h.display for h in selectors.assemble(report).headlines}
        labels = {h.key: h.label for h in selectors.assemble(report, charts=False).headlines}

        html = _produce(tmp_path, slug, year, "html").decode()
        assert '<html lang="en-GB">' in html and "<title>" in html
        parser = _Headlines()
        parser.feed(html)
        assert parser.rows == expected
        assert re.search(r'<img [^>]*alt="Bar chart of', html)

        pdf = pypdf.PdfReader(io.BytesIO(_produce(tmp_path, slug, year, "pdf")))
        root = pdf.trailer["/Root"]
        xmp = root["/Metadata"].get_object().get_data().decode()
        assert "http://www.aiim.org/pdfua/ns/id/" in xmp and 'pdfuaid:part="1"' in xmp
        assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
        assert root["/Lang"] == "en-GB"
        assert pdf.metadata.title == f"{report.partnership.name}: yearly report {year}"
        assert "The year in figures" in _titles(pdf.outline)  # bookmarks from the headings
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
        for key, value in expected.items():
            assert f"{labels[key]} {value}" in text, key

        document = Document(io.BytesIO(_produce(tmp_path, slug, year, "docx")))
        assert document.core_properties.title == f"{report.partnership.name}: yearly report {year}"
        headline_table = document.tables[0]
        docx_rows = {row.cells[0].text: row.cells[1].text for row in headline_table.rows[1:]}
        assert docx_rows == {labels[k]: v for k, v in expected.items()}
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert "Finance" in headings and "Independent scrutiny" in headings
        alt = [s._inline.docPr.get("descr") for s in document.inline_shapes]
        assert alt and all(a.startswith("Bar chart of") for a in alt)


def test_demo_headline_figures_equal_the_seeds_where_the_seeds_are_consistent(demo):
    hsscp = selectors.assemble(YearlyReport.objects.get(partnership__slug="hsscp",
                                                        year_start=2020), charts=False)
    figures = {h.key: h.display for h in hsscp.headlines}
    # Seed 000: six rapid reviews, four progressed to local reviews, three completed in year;
    # income 296,687, expenditure 247,291, and 151,436 carried forward into 2021-22.
    assert figures["rapid_reviews"] == "6"
    assert figures["local_reviews_decided"] == "4"
    assert figures["practice_reviews_completed"] == "3"
    assert figures["income"] == "£296,687"
    assert figures["expenditure"] == "£247,291"
    assert figures["reserves"] == "£151,436"
    # The demo's EMMA and Eve actions were finished and signed off with evidence in 2020-21.
    assert figures["actions_completed"] == "2"
    stscp = selectors.assemble(YearlyReport.objects.get(partnership__slug="stscp",
                                                        year_start=2023), charts=False)
    # Seed 001: no rapid reviews, so no new local practice reviews; Angel published in June
    # 2023; no finance figures given.
    figures = {h.key: h.display for h in stscp.headlines}
    assert figures["rapid_reviews"] == "0" and figures["practice_reviews_started"] == "0"
    assert figures["practice_reviews_published"] == "1"
    assert figures["actions_completed"] == "1"  # Angel's interpreter guidance
    assert "reserves" not in figures
    assert "No finance record for 2023-24 is held in the hub." in _body(stscp)
    assert "No multi-agency audits" not in _body(stscp)
    # Seed 001's child protection rate (91.4) does not match its own count (249) and child
    # population (33,499): the report keeps the published figure and shows the computed one.
    middlesbrough = next(f for f in stscp.figures if f.area == "Middlesbrough"
                         and f.indicator == "Child protection plans per 10,000 children")
    assert middlesbrough.value == "91.4"
    # The disagreement is a warning for the business unit, never text in the report.
    assert any("Middlesbrough" in c and "computed, it is 74.3" in c for c in stscp.rate_checks)
    assert "computed, it is" not in _body(stscp)


def test_the_demo_reports_are_published_once_and_served_frozen_with_the_same_figures(
        demo, client):
    from django.urls import reverse

    for (slug, year), on in zip(DEMO, ("2021-09-28", "2024-09-27"), strict=True):
        report = YearlyReport.objects.get(partnership__slug=slug,
                                          year_start=selectors.parse_year(year))
        publication = report.publications.get()
        assert (publication.number, str(publication.published_on)) == (1, on)
        assert str(report.published_on) == on
        kwargs = {"slug": slug, "pk": report.pk}
        parser = _Headlines()
        parser.feed(client.get(reverse("public:report", kwargs=kwargs)).content.decode())
        assert parser.rows == {h["key"]: h["display"] for h in publication.headlines}
        # Nothing changed since publication, so the frozen figures are today's too.
        assert parser.rows == {h.key: h.display
                               for h in selectors.assemble(report, charts=False).headlines}
        pdf = client.get(reverse("public:report_pdf", kwargs=kwargs))
        assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def _body(assembly):
    from reports import render

    return render.body_html(assembly)


def test_the_command_explains_a_missing_report_or_a_bad_year(db, tmp_path):
    from core.tests.factories import PartnershipFactory

    PartnershipFactory(slug="gamma")
    with pytest.raises(CommandError, match="no yearly report"):
        call_command("yearly_report", partnership="gamma", year="2023-24", format="pdf",
                     out=str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="not a reporting year"):
        call_command("yearly_report", partnership="gamma", year="2023", format="pdf",
                     out=str(tmp_path / "x.pdf"))


@pytest.mark.browser
def test_the_html_the_command_writes_passes_axe_core(demo, tmp_path, _playwright_browser):
    from conftest import assert_accessible

    page = _playwright_browser.new_page()
    try:
        for slug, year in DEMO:
            _produce(tmp_path, slug, year, "html")
            page.goto((tmp_path / f"{slug}.html").as_uri())
            assert page.get_by_role("heading", level=1).count() == 1
            assert page.locator("img:not([alt])").count() == 0
            assert_accessible(page)
    finally:
        page.close()
