"""The database itself refuses evidence without exactly one of file and link, and a plan
that ends before it starts, even when the services' checks are skipped."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from learning.models import Evidence, ImprovementPlan, Source
from learning.tests.factories import improvement_plan


@pytest.mark.parametrize("file, url", [("", ""), ("evidence/2024/a.pdf", "https://example.org")])
def test_evidence_needs_a_file_or_a_link_but_not_both(world, file, url):
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(action=world.objects["action"], description="Audit",
                                file=file, url=url)


def test_evidence_with_a_file_or_a_link_is_kept(world):
    action = world.objects["action"]
    Evidence.objects.create(action=action, description="Link", url="https://example.org")
    Evidence.objects.create(action=action, description="File", file="evidence/2024/a.pdf")
    assert action.evidence.count() == 2


def test_a_plan_cannot_end_before_it_starts(world):
    plan = improvement_plan(world)
    plans = ImprovementPlan.objects.filter(pk=plan.pk)
    plans.update(starts_on=datetime.date(2024, 4, 1), ends_on=datetime.date(2024, 4, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        plans.update(ends_on=datetime.date(2024, 3, 31))


def test_sources_are_indexed_by_kind(db):
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Source._meta.db_table)
    assert any(c["index"] and c["columns"] == ["kind"] for c in found.values())
