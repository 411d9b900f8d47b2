import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import reminders


class Command(BaseCommand):
    help = ("E-mail people about actions due soon or overdue and the business unit about "
            "statutory deadlines. Meant to run once a day from the scheduler.")

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD)")
        parser.add_argument("--base-url", default="", help="Prefix for links, e.g. https://hub.example.org")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be a date like 2026-11-23") from None
        sent = reminders.send(today, base_url=options["base_url"])
        self.stdout.write(f"Sent {sent} reminder e-mail(s) for {today:%d %B %Y}.")
