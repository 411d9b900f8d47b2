"""Reads shared by core pages."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q

from .models import (
    Area,
    AreaPopulation,
    AuditEvent,
    DeadlineRule,
    Organisation,
    Person,
    RoleAssignment,
)


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


# ---- child populations: one rule for every page, check and report -------------------------

@dataclass(frozen=True)
class Population:
    """The child population a figure of `wanted` (a year) is read against."""

    year: int
    children: int
    wanted: int

    @property
    def label(self) -> str:
        """e.g. "mid-2019 estimate" (and, when it is an earlier year's, that it is)."""
        if self.year == self.wanted:
            return f"mid-{self.year} estimate"
        return f"mid-{self.year} estimate, the newest before {self.wanted}"


def population_estimate(populations: dict, area_id: int, wanted: int) -> Population | None:
    """The population of the figure's own year, else the nearest earlier estimate; never a
    later year's (a later estimate did not exist when the figure was counted).

    `populations` is {area id: [(year, children), ...]} as population_lookup gives it."""
    earlier = [(year, children) for year, children in populations.get(area_id, ())
               if year <= wanted]
    if not earlier:
        return None
    year, children = max(earlier)
    return Population(year, children, wanted)


def population_lookup(area_ids) -> dict[int, list[tuple[int, int]]]:
    """{area id: [(year, children), ...]} for these areas, in one query."""
    populations: dict[int, list[tuple[int, int]]] = {}
    rows = AreaPopulation.objects.filter(area_id__in=list(area_ids)).order_by("area_id", "year")
    for area_id, year, children in rows.values_list("area_id", "year", "children"):
        populations.setdefault(area_id, []).append((year, children))
    return populations


def populations_for(partnership):
    """The partnership's yearly child populations, newest first, with their area."""
    return (AreaPopulation.objects.filter(area__partnership=partnership)
            .select_related("area").order_by("area__name", "-year"))


def rules_in_force(partnership, kinds=None):
    """A partnership's time limits (of the kinds named, else all): its own copy of a rule
    where it has one, else the default. One queryset, so a list page can filter and
    paginate it."""
    own = DeadlineRule.objects.filter(partnership=partnership, key=OuterRef("key"))
    rules = DeadlineRule.objects.filter(
        Q(partnership=partnership) | Q(~Exists(own), partnership__isnull=True))
    return rules if kinds is None else rules.filter(applies_to__in=kinds)
