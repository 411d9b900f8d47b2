import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEvent, Role
from learning.models import Source
from learning.sources import source_create
from learning.tests.factories import theme


def test_a_source_is_shared_themed_and_audited(world):
    bu = world.users[Role.BUSINESS_UNIT]
    neglect = theme()
    source = source_create(actor=bu, partnership=world.partnership, kind=Source.Kind.AUDIT,
                           title="  Neglect audit ", themes=[neglect])
    assert source.title == "Neglect audit"
    assert list(source.partnerships.all()) == [world.partnership]
    assert list(source.themes.all()) == [neglect]
    row = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, model="learning.Source",
                                 object_id=str(source.pk))
    assert (row.actor, row.partnership) == (bu, world.partnership)


def test_bad_input_names_the_field_and_saves_nothing(world):
    bu = world.users[Role.BUSINESS_UNIT]
    before = Source.objects.count()
    with pytest.raises(ValidationError) as refused:
        source_create(actor=bu, partnership=world.partnership, kind="gossip",
                      title="Check 943 476 5919 first")
    assert set(refused.value.message_dict) == {"kind", "title"}
    with pytest.raises(PermissionDenied):
        source_create(actor=world.users[Role.PRACTITIONER], partnership=world.partnership,
                      kind=Source.Kind.AUDIT, title="Audit")
    assert Source.objects.count() == before


def test_apps_below_learning_make_their_sources_the_one_audited_way(world):
    """A case review and a meeting (apps below learning) get their Sources through
    core.sources, which calls learning's declared creator: each Source has its audit row,
    and a Tees-wide meeting's is shared with every partnership of its group."""
    import datetime

    from django.utils import timezone

    from governance.services import meeting_create
    from reviews.services import notify_incident

    bu = world.users[Role.BUSINESS_UNIT]
    incident = notify_incident(actor=bu, partnership=world.partnership, **{
        "reference": "SI-2024-07", "la_aware_on": timezone.localdate()})
    group = world.groups["executive"]
    starts = timezone.now() + datetime.timedelta(days=7)
    meeting = meeting_create(actor=bu, partnership=world.partnership, group=group,
                             title="Executive", starts_at=starts,
                             ends_at=starts + datetime.timedelta(hours=2))
    for source in (incident.source, meeting.source):
        assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATE,
                                         model="learning.Source",
                                         object_id=str(source.pk)).count() == 1
    assert incident.source.kind == Source.Kind.RAPID_REVIEW
    assert set(meeting.source.partnerships.all()) == set(group.partnerships.all())
