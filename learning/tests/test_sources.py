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
