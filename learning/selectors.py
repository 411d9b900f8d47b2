"""Reads of the action plan shared by pages, exports and the API."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from core import policy
from core.calendar import DUE_SOON
from core.models import Role

from .models import (
    Action,
    ChallengeEvent,
    DisseminationProduct,
    Finding,
    ImprovementPlan,
    Inquiry,
    Recommendation,
    Source,
    Theme,
)
from .need_to_know import mark_actions


def actions_visible_to(user, partnership):
    """Actions this user may see in this partnership: the one place actions are scoped."""
    qs = Action.objects.filter(partnership=partnership)
    scope = policy.scope_of(user)
    if scope.has_any(policy.READER_ROLES, partnership.pk):
        return qs
    allowed = Q(pk__in=[])
    if scope.person_id:
        allowed |= Q(owner_person_id=scope.person_id)
    orgs = scope.org_ids_led(partnership.pk)
    if orgs:
        allowed |= Q(owner_organisation_id__in=orgs)
    if scope.member_groups and scope.has_any({Role.GROUP_CHAIR, Role.GROUP_MEMBER}, partnership.pk):
        allowed |= Q(source__meeting__group_id__in=scope.member_groups)
    return qs.filter(allowed)


def action_list(qs):
    """The joins every action list needs, so its query count never grows with its rows."""
    return qs.select_related(
        "source", "owner_organisation", "owner_person", "source__meeting__group"
    ).prefetch_related("themes")


def my_actions_due(user, partnership, today: datetime.date | None = None):
    """My open actions that are overdue or due soon (core.calendar.DUE_SOON)."""
    today = today or timezone.localdate()
    scope = policy.scope_of(user)
    if not scope.person_id:
        return Action.objects.none()
    return action_list(
        Action.objects.filter(
            partnership=partnership,
            owner_person_id=scope.person_id,
            status__in=Action.OPEN_STATUSES,
            due_date__lte=DUE_SOON.last_day(today),
        )
    ).order_by("due_date")


def due_by(when: str, today: datetime.date) -> datetime.date:
    """Last due date of "week" (this week, to Sunday) or "soon" (core.calendar.DUE_SOON)."""
    if when == "week":
        return today + datetime.timedelta(days=6 - today.weekday())
    return DUE_SOON.last_day(today)


def timeliness(action, today: datetime.date | None = None) -> str:
    """overdue / due_soon / on_track for an open action; its status otherwise."""
    if not action.is_open:
        return action.status
    today = today or timezone.localdate()
    if action.due_date < today:
        return "overdue"
    if DUE_SOON.contains(action.due_date, today):
        return "due_soon"
    return "on_track"


TIMELINESS_LABELS = {"overdue": "Overdue", "due_soon": "Due soon", "on_track": "On track"}


def timeliness_label(action) -> str:
    value = timeliness(action)
    return TIMELINESS_LABELS.get(value) or action.get_status_display()


def with_timeliness(actions, user=None) -> list:
    """The actions as a list, each marked overdue / due soon for the status tags, and (given
    the reader) with what may be shown of its source and recommendation (`.shown`)."""
    actions = mark_actions(user, actions) if user is not None else list(actions)
    for action in actions:
        action.timeliness = timeliness(action)
        action.timeliness_label = timeliness_label(action)
    return actions


def group_action_log(user, partnership, group, *, before=None, open_only=True):
    """A governance group's action log: actions set at its meetings that this user may see.

    With `before`, only actions set at meetings that started earlier (what a meeting
    carries over from the ones before it)."""
    qs = actions_visible_to(user, partnership).filter(source__meeting__group=group)
    if before is not None:
        qs = qs.filter(source__meeting__starts_at__lt=before)
    if open_only:
        qs = qs.filter(status__in=Action.OPEN_STATUSES)
    return action_list(qs).order_by("due_date", "id")


def meeting_actions(user, partnership, meeting):
    """The actions set at this meeting that this user may see."""
    if not meeting.source_id:
        return Action.objects.none()
    return action_list(actions_visible_to(user, partnership).filter(source=meeting.source_id))


# ---- the combined learning action plan ----

def plan_list(qs):
    """The action list's joins plus what the plan shows: the recommendation and finding it
    answers, and how many evidence items it has (one query whatever the row count)."""
    return action_list(qs).select_related("recommendation__finding").annotate(
        evidence_count=Count("evidence", distinct=True)
    ).order_by("due_date", "id")  # aggregation drops Meta.ordering


def my_organisation_actions(user, partnership):
    """The actions an agency lead's organisation owns, and the user's own."""
    scope = policy.scope_of(user)
    mine = Q(pk__in=[])
    if scope.person_id:
        mine |= Q(owner_person_id=scope.person_id)
    orgs = scope.org_ids_led(partnership.pk)
    if orgs:
        mine |= Q(owner_organisation_id__in=orgs)
    return Action.objects.filter(partnership=partnership).filter(mine)


def findings_of(source):
    """A source's findings with their themes, recommendations and their actions."""
    return (
        Finding.objects.filter(source=source)
        .prefetch_related(
            "themes",
            Prefetch("recommendations",
                     queryset=Recommendation.objects.select_related("lead_organisation")
                     .prefetch_related(Prefetch(
                         "actions", queryset=Action.objects.select_related(
                             "owner_organisation", "owner_person", "source",
                             "source__meeting").annotate(
                             evidence_count=Count("evidence", distinct=True))))),
        )
    )


# ---- thematic analysis ----

def share(part: int, whole: int) -> int | None:
    """Per cent of `whole` (rounded half up to a whole number); None when there is nothing to
    divide, so a page shows "no actions" rather than 0%."""
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("1"),
                                                                 rounding=ROUND_HALF_UP))


@dataclass
class ThemeRow:
    theme: Theme
    sources: int = 0
    findings: int = 0
    actions: int = 0
    evidenced_signed_off: int = 0

    @property
    def share(self) -> int | None:
        return share(self.evidenced_signed_off, self.actions)


@dataclass
class ThematicAnalysis:
    themes: list[Theme]
    sources: list[Source]
    matrix: list[tuple[Source, list[int]]]  # per source, findings per theme (themes' order)
    rows: list[ThemeRow]


def thematic_analysis(partnership) -> ThematicAnalysis:
    """Which themes recur across the partnership's sources, and whether their actions close.

    A theme's actions are those tagged with it (an action from a recommendation starts with
    its finding's themes); dropped actions do not count. "Closed" means signed off with at
    least one evidence item. Four queries, whatever the number of records."""
    pairs = list(
        Finding.themes.through.objects.filter(finding__partnership=partnership)
        .values_list("finding__source_id", "theme_id", "finding_id")
    )
    counts: dict[tuple[int, int], int] = {}
    for source_id, theme_id, _ in pairs:
        counts[(source_id, theme_id)] = counts.get((source_id, theme_id), 0) + 1
    action_rows = list(
        Action.themes.through.objects.filter(action__partnership=partnership)
        .exclude(action__status=Action.Status.DROPPED)
        .values("theme_id")
        .annotate(total=Count("action_id", distinct=True),
                  done=Count("action_id", distinct=True,
                             filter=Q(action__status=Action.Status.SIGNED_OFF,
                                      action__evidence__isnull=False)))
    )
    by_theme = {r["theme_id"]: r for r in action_rows}
    used = {t for _, t in counts} | set(by_theme)
    themes = [t for t in Theme.objects.all() if t.pk in used]
    source_ids = sorted({s for s, _ in counts})
    sources = list(Source.objects.filter(pk__in=source_ids).order_by("kind", "title"))
    rows = []
    for theme in themes:
        row = ThemeRow(theme=theme)
        row.sources = sum(1 for s in source_ids if (s, theme.pk) in counts)
        row.findings = sum(n for (s, t), n in counts.items() if t == theme.pk)
        totals = by_theme.get(theme.pk)
        row.actions = totals["total"] if totals else 0
        row.evidenced_signed_off = totals["done"] if totals else 0
        rows.append(row)
    matrix = [(s, [counts.get((s.pk, t.pk), 0) for t in themes]) for s in sources]
    return ThematicAnalysis(themes=themes, sources=sources, matrix=matrix, rows=rows)


# ---- challenge events ----

def challenge_event_list(partnership):
    return (ChallengeEvent.objects.filter(partnership=partnership)
            .select_related("challenged_source", "chair")
            .annotate(response_count=Count("responses", distinct=True),
                      action_count=Count("source__actions", distinct=True))
            .order_by("-held_on", "-id"))


def challengeable_sources(partnership):
    """Sources whose action plans can be challenged: reviews, audits, deep dives..."""
    return Source.objects.filter(partnerships=partnership).exclude(
        kind__in=[Source.Kind.MEETING, Source.Kind.CHALLENGE_EVENT]).order_by("kind", "title")


def inquiry_list(partnership):
    return (Inquiry.objects.filter(partnership=partnership)
            .select_related("commissioned_by", "critical_friend")
            .annotate(finding_count=Count("source__findings", distinct=True),
                      action_count=Count("source__actions", distinct=True))
            .order_by("-commissioned_on", "-id"))


# ---- dissemination ----

def dissemination_list(partnership):
    return (DisseminationProduct.objects.filter(partnership=partnership)
            .select_related("source").prefetch_related("themes")
            .order_by("-issued_on", "-id"))


def reach(qs) -> dict:
    """Total reach of the (filtered) products: people attending and sent to (one query)."""
    totals = qs.order_by().aggregate(products=Count("id"), attended=Sum("attended"),
                                     sent_to=Sum("sent_to"))
    return {k: v or 0 for k, v in totals.items()}


# ---- improvement plans ----

def improvement_plan_list(partnership):
    return (ImprovementPlan.objects.filter(partnership=partnership)
            .select_related("owner_organisation")
            .annotate(objective_count=Count("objectives", distinct=True),
                      action_count=Count("source__actions", distinct=True))
            .order_by("title", "id"))


def improvement_plan_detail(plan):
    """Objectives → actions (with owners) → milestones, in a fixed number of queries."""
    return list(plan.objectives.prefetch_related(Prefetch(
        "actions", queryset=Action.objects.select_related(
            # the source and its meeting: read by each action's link (learning.view_action)
            "owner_organisation", "owner_person", "source", "source__meeting")
        .prefetch_related("milestones").order_by("due_date", "id"))))
