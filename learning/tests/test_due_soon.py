"""One "due soon" (core.calendar.DUE_SOON): action plans, their home panels and reminders,
and the statutory clocks of reviews give the same answer for the same dates."""

import datetime

import pytest

from core.calendar import DUE_SOON, Window
from core.deadlines import Status, status_of
from learning import reminders, selectors
from learning.home import _falling_due
from learning.models import Action

D = datetime.date
# Friday 7 May 2027: the next Monday (10th) is day 1, Friday 14th day 5; the weekend of
# the 15th and 16th is still inside five working days, Monday 17th is day 6.
FRIDAY = D(2027, 5, 7)
CASES = [
    (D(2027, 5, 6), "overdue"),
    (FRIDAY, "due_soon"),
    (D(2027, 5, 14), "due_soon"),
    (D(2027, 5, 16), "due_soon"),
    (D(2027, 5, 17), "on_track"),
    (D(2027, 6, 30), "on_track"),
]


def test_due_soon_is_five_working_days():
    assert (DUE_SOON.count, DUE_SOON.unit) == (5, "working_days")
    assert str(DUE_SOON) == "5 working days"
    assert DUE_SOON.last_day(FRIDAY) == D(2027, 5, 16)
    # The late May bank holiday (31 May 2027) is not a working day.
    assert DUE_SOON.last_day(D(2027, 5, 28)) == D(2027, 6, 7)
    assert Window(14, "days").last_day(FRIDAY) == D(2027, 5, 21)
    with pytest.raises(ValueError):
        Window(3, "fortnights")


def test_learning_and_reviews_agree_on_due_soon(world):
    today = FRIDAY
    owner = world.people["group_member"]
    owner.email = "owner@example.org"
    owner.save()
    Action.objects.filter(partnership=world.partnership).delete()
    actions = {}
    for due, _expected in CASES:
        actions[due] = Action.objects.create(
            partnership=world.partnership, source=world.objects["meeting"].source,
            title=f"Due {due:%d %B}", owner_person=owner, due_date=due)
    reminded = {r.text for r in reminders.actions_due(today)}
    panel = {a.pk for a in _falling_due(Action.objects.filter(partnership=world.partnership),
                                        world.users["group_member"], today)}
    soon_filter = set(Action.objects.filter(
        due_date__gte=today, due_date__lte=selectors.due_by("soon", today)
    ).values_list("pk", flat=True))
    reviews_status = {Status.DUE_SOON: "due_soon", Status.OVERDUE: "overdue",
                      Status.ON_TRACK: "on_track"}
    for due, expected in CASES:
        action = actions[due]
        assert selectors.timeliness(action, today) == expected, due
        assert reviews_status[status_of(due, None, today)] == expected, due
        flagged = expected in ("overdue", "due_soon")
        assert (action.pk in panel) is flagged, due
        assert any(action.title in text for text in reminded) is flagged, due
        assert (action.pk in soon_filter) is (expected == "due_soon"), due
