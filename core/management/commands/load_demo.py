"""manage.py load_demo: load (or refresh) the fictional Tees demo. Safe to run again."""

import time

from django.core.management.base import BaseCommand, CommandError

from core.demo import loader, tees


class Command(BaseCommand):
    help = (
        "Load the Tees demo: both Teesside partnerships, their areas, organisations, groups, "
        "a year of meetings and actions, and one fictional login per role. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-extensions", action="store_true",
            help=("Load only core's part (partnerships, areas, organisations, people, logins); "
                  "skip the demo loaders the apps declare (groups, meetings, actions...)."),
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            result = loader.load(stdout=self.stdout, extensions=not options["no_extensions"])
        except loader.DemoError as exc:
            raise CommandError(str(exc)) from exc
        for line in result.extensions:
            self.stdout.write(f"Loaded app demo: {line}")
        for line in result.skipped:
            self.stderr.write(f"Skipped app demo (could not import): {line}")
        self.write_logins(result.logins)
        self.stdout.write(self.style.SUCCESS(
            f"Tees demo loaded in {time.monotonic() - started:.1f} s."
        ))

    def write_logins(self, logins):
        rows = [("Username", "Role(s)", "Partnership(s)", "Two-factor code")]
        for login in logins:
            code = (f"code: .venv/bin/python manage.py demo_totp {login.username}"
                    if login.needs_code else "not needed")
            rows.append((login.username, ", ".join(login.roles),
                         ", ".join(login.partnerships), code))
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        self.stdout.write("")
        self.stdout.write("Demo logins (all fictional people):")
        for n, row in enumerate(rows):
            self.stdout.write("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths,
                                                                      strict=True)).rstrip())
            if n == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in widths))
        self.stdout.write("")
        self.stdout.write(f"Password for every demo login: {tees.DEMO_PASSWORD}")
        self.stdout.write(f"Open {tees.DEMO_URL} and sign in.")
