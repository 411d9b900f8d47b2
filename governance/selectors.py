"""Reads of groups and meetings shared by pages, exports and the API."""

from django.db.models import OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core import policy
from core.calendar import DUE_SOON
from core.deadlines import Status, status_of
from core.models import Role

from .models import AgendaItem, Decision, Group, Meeting, Paper, Procedure, ProcedureVersion


def groups_visible_to(user, partnership):
    """Groups of this partnership the user may see: the one place groups are scoped."""
    qs = Group.objects.filter(partnerships=partnership)
    scope = policy.scope_of(user)
    if scope.has_any(policy.READER_ROLES, partnership.pk):
        return qs
    return qs.filter(pk__in=scope.member_groups)


def meetings_visible_to(user, partnership):
    return Meeting.objects.filter(group__in=groups_visible_to(user, partnership))


def my_next_meetings(user, partnership, limit: int = 5):
    scope = policy.scope_of(user)
    mine = Q(group_id__in=scope.member_groups)
    if scope.person_id:
        mine |= Q(group__memberships__person_id=scope.person_id)
    return (
        Meeting.objects.filter(group__partnerships=partnership, starts_at__gte=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(mine)
        .select_related("group")
        .distinct()
        .order_by("starts_at")[:limit]
    )


def groups_run_by(user, partnership):
    """Groups of this partnership whose meetings the user may run (business unit: all;
    a chair: the groups they chair). Meeting forms offer only these."""
    qs = Group.objects.filter(partnerships=partnership)
    scope = policy.scope_of(user)
    if scope.has(Role.BUSINESS_UNIT, partnership.pk):
        return qs
    return qs.filter(pk__in=scope.chair_groups)


def group_list(qs):
    """The joins every group list needs."""
    return qs.select_related("chair", "reports_to").prefetch_related("partnerships")


def group_in_partnership(partnership, pk):
    """A group serving this partnership (404 otherwise), with what the permission check reads."""
    return get_object_or_404(group_list(Group.objects.filter(partnerships=partnership)), pk=pk)


def meeting_list(qs):
    return qs.select_related("group")


def meeting_in_partnership(partnership, pk):
    """A meeting of a group serving this partnership (404 otherwise)."""
    qs = Meeting.objects.filter(group__partnerships=partnership).select_related(
        "group", "group__reports_to", "source"
    ).prefetch_related("group__partnerships")
    return get_object_or_404(qs, pk=pk)


def agenda_item_in_partnership(partnership, pk):
    qs = AgendaItem.objects.filter(meeting__group__partnerships=partnership).select_related(
        "meeting", "meeting__group", "meeting__group__reports_to"
    ).prefetch_related("meeting__group__partnerships")
    return get_object_or_404(qs, pk=pk)


def paper_in_partnership(partnership, pk):
    qs = Paper.objects.filter(
        agenda_item__meeting__group__partnerships=partnership
    ).select_related("agenda_item__meeting__group").prefetch_related(
        "agenda_item__meeting__group__partnerships"
    )
    return get_object_or_404(qs, pk=pk)


def members_of(group):
    return group.memberships.select_related("person", "person__organisation", "represents")


def chair_history(group):
    """The group's dated chair memberships, oldest first."""
    return (group.memberships.filter(group_role="chair").select_related("person")
            .order_by("started_on", "id"))


def meetings_of(group):
    return group.meetings.order_by("starts_at")


def agenda_of(meeting):
    return meeting.agenda_items.select_related(
        "escalated_from__meeting__group"
    ).prefetch_related(
        # the groups' partnerships: a link to the other meeting asks whether it may open
        "papers", "escalations__meeting__group__partnerships",
        "escalated_from__meeting__group__partnerships",
    )


def attendance_of(meeting):
    return meeting.attendance.select_related("person", "person__organisation", "deputy")


def decisions_of(meeting):
    return meeting.decisions.select_related("agenda_item").order_by("id")


def decisions_visible_to(user, partnership):
    return Decision.objects.filter(
        meeting__in=meetings_visible_to(user, partnership)
    ).select_related("meeting", "meeting__group", "agenda_item")


def next_planned_meeting(group, *, after=None):
    """The group's next planned meeting from now (or from `after`), or None."""
    return (
        group.meetings.filter(status=Meeting.Status.PLANNED, starts_at__gte=after or timezone.now())
        .order_by("starts_at")
        .first()
    )


def groups_in_year(partnership, start, end) -> list:
    """The partnership's structure in force from `start` to `end`: the groups that existed
    on any day of it, each with `chairs_then` (its chair memberships held on any day of it,
    in order) and `held` (its meetings held in it). Three queries, whatever the number of
    groups.

    A group with no dated chair recorded at all falls back to its current chair, flagged
    `chair_undated`, so a report can say the chair's dates are not recorded."""
    from django.db.models import Count, Prefetch

    from .models import Membership

    chairs = (Membership.objects.filter(group_role=Membership.GroupRole.CHAIR)
              .filter(Membership.held_during(start, end))
              .select_related("person").order_by("started_on", "id"))
    groups = list(
        Group.objects.filter(partnerships=partnership).filter(Group.existing_during(start, end))
        .select_related("chair")
        .annotate(held=Count("meetings", filter=Q(
            meetings__status=Meeting.Status.HELD, meetings__starts_at__date__gte=start,
            meetings__starts_at__date__lte=end), distinct=True),
            chair_records=Count("memberships", filter=Q(
                memberships__group_role=Membership.GroupRole.CHAIR), distinct=True))
        .prefetch_related(Prefetch("memberships", queryset=chairs, to_attr="chairs_then"))
        .order_by("name"))
    for g in groups:
        # Read by the report's template beside the annotations above.
        g.chair_undated = (  # type: ignore[attr-defined]
            not g.chair_records and g.chair_id is not None)
    return groups


def chair_text(group, start, end) -> str:
    """Who chaired the group from `start` to `end`, with the change dates that fall inside it:
    "Alex Example (to 30 September 2020); Sam Example (from 1 October 2020)"."""
    from core.dates import long_date

    parts = []
    for m in group.chairs_then:
        dates = []
        if m.started_on and m.started_on > start:
            dates.append(f"from {long_date(m.started_on)}")
        if m.ended_on and m.ended_on < end:
            dates.append(f"to {long_date(m.ended_on)}")
        parts.append(m.person.name + (f" ({', '.join(dates)})" if dates else ""))
    if not parts and getattr(group, "chair_undated", False):
        parts.append(f"{group.chair.name} (current chair; dates not recorded)")
    return "; ".join(parts) or "not recorded for the year"


# ---- The procedures register ----

def _latest_change():
    return Subquery(ProcedureVersion.objects.filter(procedure=OuterRef("pk"))
                    .order_by("-adopted_on", "-id").values("what_changed")[:1])


def procedures(partnership):
    """The partnership's procedures, with their owner group and what changed last (a fixed
    number of queries whatever their number)."""
    return (Procedure.objects.filter(partnerships=partnership)
            .select_related("owner_group").annotate(latest_change=_latest_change())
            .order_by("kind", "title"))


def published_procedures(partnership):
    """What the public site lists."""
    return procedures(partnership).filter(published=True).order_by("title")


def procedure_in_partnership(partnership, pk):
    return get_object_or_404(procedures(partnership).prefetch_related("versions"), pk=pk)


def review_status(procedure, today):
    """The procedure's review as the one clock reads it: on track, due soon or overdue."""
    if procedure.next_review_due is None:
        return None
    status = status_of(procedure.next_review_due, None, today)
    return {"status": status, "label": Status.LABELS[status]}


def procedures_to_review(today):
    """Every procedure whose review is overdue or due soon, with its partnerships."""
    return (Procedure.objects.filter(next_review_due__isnull=False,
                                     next_review_due__lte=DUE_SOON.last_day(today))
            .prefetch_related("partnerships").order_by("next_review_due"))
