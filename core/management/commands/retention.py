import datetime

from django.core.management.base import BaseCommand, CommandError

from core import retention
from core.services import system_actor


class Command(BaseCommand):
    help = ("Report, per record type, how long it is kept and how many records are past "
            "retention; with --purge, purge them (each purge logged and in the audit trail). "
            "Celery beat runs the purge nightly (core.tasks.purge_retention).")

    def add_arguments(self, parser):
        parser.add_argument("--purge", action="store_true", help="Purge what is past retention")
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD)")

    def handle(self, *args, **options):
        today = datetime.date.today()
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be a date like 2026-11-23") from None
        try:
            rows = (retention.retention_purge(actor=system_actor(), today=today)
                    if options["purge"] else retention.due(today))
        except ValueError as error:
            raise CommandError(str(error)) from None
        verb = "purged" if options["purge"] else "past retention"
        for row in rows:
            self.stdout.write(
                f"{row.rule.record_type} [{row.rule.key}]: kept {row.rule.years_kept} years "
                f"(dated before {row.cutoff:%-d %B %Y}); {row.count} {verb}.\n"
                f"    Why: {row.rule.reason}\n    Purging: {row.rule.on_purge}.")
