from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = ("Back up the whole platform into a new folder: every table (database.hubjsonl), every "
            "stored file (files/) and a manifest with a checksum of each. Restore with "
            "`manage.py restore <folder>`.")

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A new or empty folder to write the backup into")

    def handle(self, *args, **options):
        try:
            summary = backup.backup(options["folder"])
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up {summary.rows} rows in {summary.tables} tables and "
                          f"{summary.files} files to {options['folder']}.")
