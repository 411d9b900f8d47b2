"""Role assignments outlive neither their group nor their organisation silently, and the
audit trail's filters have their indexes."""

import pytest
from django.db import connection
from django.db.models.deletion import ProtectedError

from core.models import AuditEvent, Organisation, Role, RoleAssignment


def test_an_organisation_with_a_role_assignment_cannot_be_deleted(world):
    org = Organisation.objects.create(name="Alpha Hospice", kind=Organisation.Kind.VOLUNTARY)
    RoleAssignment.objects.create(person=world.people[Role.AGENCY_LEAD], role=Role.AGENCY_LEAD,
                                  partnership=world.partnership, organisation=org)
    with pytest.raises(ProtectedError):
        org.delete()
    assert RoleAssignment.objects.filter(organisation=org).count() == 1


def test_the_audit_trail_filters_are_indexed(db):
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, AuditEvent._meta.db_table)
    indexed = {tuple(c["columns"]) for c in found.values() if c["index"]}
    assert ("model", "object_id") in indexed
    assert ("partnership_id", "at") in indexed


def test_deleting_an_organisation_that_holds_roles_is_refused_with_a_message_and_keeps_all(world):
    from django.core.exceptions import ValidationError

    from core.services import model_delete, system_actor

    org = Organisation.objects.create(name="Alpha Hospice", kind=Organisation.Kind.VOLUNTARY)
    RoleAssignment.objects.create(person=world.people[Role.AGENCY_LEAD], role=Role.AGENCY_LEAD,
                                  partnership=world.partnership, organisation=org)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="Alpha Hospice cannot be deleted while it still "
                                              "has role assignments"):
        model_delete(instance=org, actor=system_actor(), partnership=world.partnership)
    assert Organisation.objects.filter(pk=org.pk).exists()
    assert AuditEvent.objects.count() == before
