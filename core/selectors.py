"""Reads shared by core pages."""

from django.db.models import Prefetch, Q

from .models import Area, AreaPopulation, AuditEvent, Organisation, Person, RoleAssignment


def organisations_for(partnership):
    return Organisation.objects.filter(partnerships=partnership).order_by("kind", "name")


def people_for(partnership):
    return (
        Person.objects.filter(
            Q(organisation__partnerships=partnership) | Q(roles__partnership=partnership)
        )
        .select_related("organisation")
        .distinct()
        .order_by("name")
    )


def audit_events_for(partnership):
    """The partnership's records, plus sign-ins of people who hold a role in it."""
    staff = RoleAssignment.objects.filter(partnership=partnership).values("person__user_id")
    return AuditEvent.objects.filter(
        Q(partnership=partnership) | Q(partnership__isnull=True, actor_id__in=staff)
    ).select_related("actor")


def areas_for(partnership):
    """Areas with their population rows (newest first) prefetched; `latest` is the newest."""
    return Area.objects.filter(partnership=partnership).prefetch_related(
        Prefetch("populations", queryset=AreaPopulation.objects.order_by("-year"))
    )
