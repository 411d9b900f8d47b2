import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import reminders


class Command(BaseCommand):
    help = ("E-mail people about actions due soon or overdue and the business unit about "
            "statutory deadlines. Celery beat runs it each morning (core.tasks); a day's "
            "reminders are sent once.")

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD)")
        parser.add_argument("--again", action="store_true",
                            help="Send even if the day's reminders were sent already")
        parser.add_argument("--base-url", default="", help="Prefix for links, e.g. https://hub.example.org")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be a date like 2026-11-23") from None
        sent = reminders.send_once(today, base_url=options["base_url"], again=options["again"])
        if sent is None:
            self.stdout.write(f"The reminders for {today:%d %B %Y} were sent already "
                              "(use --again to send them again).")
        else:
            self.stdout.write(f"Sent {sent} reminder e-mail(s) for {today:%d %B %Y}.")
