"""manage.py enrolment_code USERNAME [--partnership SLUG]: an administrator issues a one-time
code with which the person sets up their authenticator app (e.g. a new partnership's first
business unit user). The code is printed once; only its hash is kept."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from core.models import Partnership, User
from core.services import system_actor
from core.two_factor import enrolment_code_issue


class Command(BaseCommand):
    help = "Issue a one-time enrolment code (expires in 72 hours) for a person's authenticator."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--partnership", help="Slug of a partnership the person has a role in")

    def handle(self, *args, username, partnership=None, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active user called “{username}”.")
        where = None
        if partnership:
            where = Partnership.objects.filter(slug=partnership).first()
            if where is None:
                raise CommandError(f"There is no partnership called “{partnership}”.")
        try:
            record, code = enrolment_code_issue(actor=system_actor(), user=user, partnership=where)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(code)
        self.stdout.write(f"Link (after the host name): {reverse('two_factor')}?code={code}")
        self.stderr.write(f"Expires {record.expires_at:%Y-%m-%d %H:%M %Z}. Shown only now.")
