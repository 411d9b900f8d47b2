"""Procedures for tests, made through the services (as the system)."""

import datetime

from core.services import system_actor
from governance import services


def make_procedure(partnership, title="Neglect strategy", **data):
    return services.procedure_create(actor=system_actor(), partnership=partnership, data={
        "title": title, "kind": "procedure", "url": "https://procedures.example/neglect",
        "last_reviewed_on": datetime.date(2024, 3, 1), **data})


def world_procedure(w, key="procedure"):
    if key not in w.objects:
        partnership = w.partnership if key == "procedure" else w.other
        w.objects[key] = make_procedure(partnership)
    return w.objects[key]
