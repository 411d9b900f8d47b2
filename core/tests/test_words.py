"""Words that read well (issue 11, item 5): a date is not shown twice in a meeting's name."""

import datetime

from django.utils import timezone

from governance.models import Meeting


def _meeting(world, title, day):
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    return Meeting(group=world.groups["executive"], title=title, starts_at=starts,
                   ends_at=starts + datetime.timedelta(hours=2))


def test_a_planned_meetings_date_is_not_repeated(world):
    day = datetime.date(2026, 12, 2)
    # A planned meeting's title holds its date already (governance.services).
    assert str(_meeting(world, "Alpha Executive, 2 December 2026", day)) == \
        "Alpha Executive, 2 December 2026"
    assert str(_meeting(world, "Alpha Executive", day)) == "Alpha Executive (02 Dec 2026)"
