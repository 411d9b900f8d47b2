"""Produce a partnership's yearly report as HTML, PDF or DOCX:

    manage.py yearly_report --partnership stscp --year 2023-24 --format pdf --out report.pdf
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.models import Partnership
from core.services import system_actor
from reports import render, selectors, services
from reports.models import YearlyReport


class Command(BaseCommand):
    help = "Write a partnership's yearly report (html, pdf or docx) to a file."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, help="The partnership's slug")
        parser.add_argument("--year", required=True, help="Reporting year, like 2023-24")
        parser.add_argument("--format", required=True, choices=render.FORMATS)
        parser.add_argument("--out", required=True, help="The file to write")

    def handle(self, *args, **options):
        partnership = Partnership.objects.filter(slug=options["partnership"]).first()
        if partnership is None:
            raise CommandError(f"There is no partnership called “{options['partnership']}”.")
        try:
            year_start = selectors.parse_year(options["year"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        report = YearlyReport.objects.filter(partnership=partnership,
                                             year_start=year_start).first()
        if report is None:
            raise CommandError(f"{partnership.short_name} has no yearly report for "
                               f"{options['year']}: start one in the hub first.")
        content = render.render(selectors.assemble(report), options["format"])
        Path(options["out"]).write_bytes(content)
        # An export is audited like a download; a command acts as the system actor.
        services.export_record(actor=system_actor(), report=report, fmt=options["format"])
        self.stdout.write(f"Wrote {options['out']} ({len(content):,} bytes).")
