"""manage.py demo_totp USERNAME: the current two-factor code of a fictional demo login."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.demo.totp import DEVICE_NAME, base32_secret, current_code
from core.models import User


class Command(BaseCommand):
    help = "Print the current 6-digit code and the secret of a demo login's authenticator."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}. Run load_demo first?")
        if not user.is_demo:
            raise CommandError(
                f"{username!r} is not a demo login; codes are only shown for demo users."
            )
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
        device = devices.filter(name=DEVICE_NAME).first() or devices.order_by("pk").first()
        if device is None:
            raise CommandError(
                f"{username!r} has no authenticator: their roles do not need a code."
            )
        self.stdout.write(f"Code for {username}: {current_code(device)}")
        self.stdout.write(f"Secret (base32, for an authenticator app): {base32_secret(device)}")
