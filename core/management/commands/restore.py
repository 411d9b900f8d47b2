from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = ("Restore a backup made by `manage.py backup` into an empty, migrated database and "
            "empty file storage, and check every table and file against the backup's "
            "checksums; if anything differs nothing is kept.")

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup folder")
        parser.add_argument("--replace", action="store_true",
                            help="Delete every record and stored file that is there now and "
                                 "put the backup's in their place")

    def handle(self, *args, **options):
        try:
            summary = backup.restore(options["folder"], replace=options["replace"])
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored {summary.rows} rows in {summary.tables} tables and "
                          f"{summary.files} files; every checksum matches the backup.")
