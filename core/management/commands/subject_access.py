from django.core.management.base import BaseCommand, CommandError

from core.models import Person
from core.services import system_actor
from core.subject_access import as_json, subject_access_export


class Command(BaseCommand):
    help = ("Export everything held about one person (a subject access request) as JSON: "
            "their record, their login, every record naming either, and the audit rows "
            "about them. The export is audited.")

    def add_arguments(self, parser):
        parser.add_argument("person", help="The person's id, or their e-mail address")
        parser.add_argument("--out", help="Write the JSON to this file (default: the screen)")

    def handle(self, *args, **options):
        key = options["person"].strip()
        people = (Person.objects.filter(pk=int(key)) if key.isdigit()
                  else Person.objects.filter(email__iexact=key))
        if len(people) != 1:
            raise CommandError(
                f"{'No' if not people else 'More than one'} person has the id or e-mail "
                f"address “{key}”" + ("" if not people else ": give the id instead") + ".")
        export = subject_access_export(actor=system_actor(), person=people[0])
        text = as_json(export)
        if options["out"]:
            with open(options["out"], "w", encoding="utf-8") as out:
                out.write(text)
            self.stderr.write(f"Wrote {export['records']} records about {export['person']} "
                              f"to {options['out']}.")
        else:
            self.stdout.write(text)
