from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from core.models import AuditEvent
from core.services import audit_record, system_actor


class Command(BaseCommand):
    help = "Print the API token of a user, creating it if needed (--new replaces it)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--new", action="store_true", help="Replace an existing token")

    def handle(self, *args, username, new=False, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active user called “{username}”.")
        if new:
            Token.objects.filter(user=user).delete()
        token, created = Token.objects.get_or_create(user=user)
        if created:
            # A command acts as the system actor, named so in the audit trail.
            audit_record(actor=system_actor(), action=AuditEvent.Action.CREATE,
                         model="authtoken.Token", object_repr=f"API token for {username}")
        self.stdout.write(token.key)
