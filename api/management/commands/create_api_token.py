"""manage.py create_api_token USERNAME --partnership SLUG --system NAME [--days N]

A token for one organisation's system, acting as USERNAME in one partnership. The token is
printed once: only its hash is kept (decision 0008)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api.services import DEFAULT_LIFETIME_DAYS, api_token_create
from core.models import Partnership
from core.services import system_actor


class Command(BaseCommand):
    help = ("Create an API token for an organisation's system, acting as USERNAME in one "
            "partnership; the token is printed once.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--partnership", required=True,
                            help="Slug of the partnership the token acts in, e.g. hsscp")
        parser.add_argument("--system", required=True,
                            help="Name of the organisation system that will use the token")
        parser.add_argument("--days", type=int, default=DEFAULT_LIFETIME_DAYS,
                            help=f"Days until the token expires (default {DEFAULT_LIFETIME_DAYS})")

    def handle(self, *args, username, partnership, system, days, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active user called “{username}”.")
        where = Partnership.objects.filter(slug=partnership).first()
        if where is None:
            raise CommandError(f"There is no partnership called “{partnership}”.")
        try:
            token, key = api_token_create(actor=system_actor(), user=user, partnership=where,
                                          system_name=system, days=days)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(key)
        self.stderr.write(f"For {token.system_name} in {where.short_name}, acting as {username}; "
                          f"expires {token.expires_at:%Y-%m-%d}. Shown only now.")
