"""Learning's home-page panels: the reader's (and their organisation's) actions falling due,
and a chair's open actions from their groups. "Due this week" and "due soon" are one click:
links to the action lists with the `due` filter."""

from django.utils import timezone

from core import policy
from core.calendar import DUE_SOON
from governance.models import Group

from .models import Action
from .selectors import action_list, due_by, my_organisation_actions, timeliness

CAPTION = f"Overdue, and due in the next {DUE_SOON}"


def _due_summary(actions, today):
    week_end = due_by("week", today)
    return {
        "overdue": sum(a.due_date < today for a in actions),
        "week": sum(today <= a.due_date <= week_end for a in actions),
        "soon": sum(today <= a.due_date for a in actions),
    }


def _falling_due(qs, user, today):
    """Open actions overdue or due soon (core.calendar.DUE_SOON), oldest due first (one
    query)."""
    actions = list(action_list(qs.filter(
        status__in=Action.OPEN_STATUSES,
        due_date__lte=DUE_SOON.last_day(today))).order_by("due_date", "pk"))
    for action in actions:
        action.timeliness = timeliness(action, today)
    return actions


def my_actions_panel(request, partnership):
    """Everyone who holds actions: their own, and an agency lead's organisation's too."""
    user = request.user
    if not user.has_perm("learning.list_my_actions", partnership):
        return None
    today = timezone.localdate()
    mine = my_organisation_actions(user, partnership)
    actions = _falling_due(mine, user, today)
    organisations = list(partnership.organisations.filter(
        pk__in=policy.scope_of(user).org_ids_led(partnership.pk)).order_by("name"))
    if not (actions or organisations
            or mine.filter(status__in=Action.OPEN_STATUSES).exists()):
        return None  # someone who holds no actions (a scrutineer, say) is not shown an empty list
    return {"template": "learning/_my_actions_panel.html", "order": 20, "actions": actions,
            "organisations": organisations, "due": _due_summary(actions, today),
            "days": DUE_SOON, "caption": CAPTION}


def group_actions_panel(request, partnership):
    """A chair's groups: the open actions their meetings set."""
    user = request.user
    groups = list(Group.objects.filter(pk__in=policy.scope_of(user).chair_groups,
                                       partnerships=partnership).order_by("name"))
    if not groups or not user.has_perm("learning.list_actions", partnership):
        return None
    today = timezone.localdate()
    rows = []
    for group in groups:
        actions = _falling_due(Action.objects.filter(partnership=partnership,
                                                     source__meeting__group=group), user, today)
        open_count = Action.objects.filter(partnership=partnership, source__meeting__group=group,
                                           status__in=Action.OPEN_STATUSES).count()
        rows.append({"group": group, "actions": actions, "open": open_count,
                     "due": _due_summary(actions, today), "extra": f"group={group.pk}&"})
    return {"template": "learning/_group_actions_panel.html", "order": 25, "rows": rows,
            "days": DUE_SOON, "caption": CAPTION}
