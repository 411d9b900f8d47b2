"""Records of the business app built on the `world` fixture (one of each, cached)."""

import datetime

from django.utils import timezone

from business import services
from core.models import Role
from core.services import system_actor

TODAY = timezone.localdate


def _days(n: int) -> datetime.date:
    return TODAY() - datetime.timedelta(days=n)


def national_item(world):
    """A national panel review, its response overdue."""
    if "national_item" not in world.objects:
        world.objects["national_item"] = services.national_item_create(
            actor=system_actor(), partnership=world.partnership,
            data={"kind": "review", "issuer": "panel", "title": "Safeguarding children with "
                  "disabilities in residential settings", "issued_on": _days(60),
                  "due_basis": "letter", "letter_due": _days(10), "status": "in_hand",
                  "circulated_to": "Executive and the Learning and Development group"})
    return world.objects["national_item"]


def scrutiny_activity(world):
    if "scrutiny_activity" not in world.objects:
        world.objects["scrutiny_activity"] = services.scrutiny_activity_create(
            actor=system_actor(), partnership=world.partnership,
            data={"kind": "observation", "title": "Observation of exploitation meetings",
                  "held_on": _days(30), "scrutineer": world.people[Role.SCRUTINEER],
                  "summary": "Observed three area multi-agency exploitation meetings."})
    return world.objects["scrutiny_activity"]


def appointment(world):
    if "appointment" not in world.objects:
        world.objects["appointment"] = services.appointment_create(
            actor=system_actor(), partnership=world.partnership,
            data={"person": world.people[Role.SCRUTINEER], "title": "Independent Scrutineer",
                  "starts_on": _days(400), "terms": "Six Steps to Independent Scrutiny"})
    return world.objects["appointment"]


def statement(world, *, approved=False):
    if "statement" not in world.objects:
        from business.selectors import year_start_of

        world.objects["statement"] = services.statement_save(
            actor=system_actor(), partnership=world.partnership,
            year_start=year_start_of(TODAY()) - 1,
            text="The annual report is an accurate reflection of the partnership's work.",
            expected_version=0)
    if approved and not world.objects["statement"].is_approved:
        world.objects["statement"] = services.statement_approve(
            actor=system_actor(), statement=world.objects["statement"],
            expected_version=world.objects["statement"].version)
    return world.objects["statement"]


def communication_item(world):
    if "communication_item" not in world.objects:
        world.objects["communication_item"] = services.communication_create(
            actor=system_actor(), partnership=world.partnership,
            data={"kind": "newsletter", "title": "Quarterly newsletter", "issued_on": _days(20),
                  "audience": "partners", "reach": 120, "measure": "sent_to"})
    return world.objects["communication_item"]


WITHHELD_SAID = "Nobody asked me what I wanted at the meeting"


def voice_item(world, *, consent=True):
    key = "voice_item" if consent else "voice_withheld"
    if key not in world.objects:
        world.objects[key] = services.voice_create(
            actor=system_actor(), partnership=world.partnership,
            data={"heard_on": _days(15), "channel": "youth_council", "voice": "young_people",
                  "age_band": "11-15",
                  "said": ("Say if you are stood with a mate and older people pressure you"
                           if consent else WITHHELD_SAID),
                  "what_changed": "Exploitation awareness sessions in schools",
                  "consent": consent, "consent_recorded_on": _days(15) if consent else None})
    return world.objects[key]
