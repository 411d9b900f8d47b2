"""Procedures the public site kept (edited in the admin) move into the register with their
partnerships; what changed becomes the first version; an impossible next review is left for
the rule; the default procedure-review rule is seeded."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("public", "0001_initial"), ("governance", "0007_procedures_register"),
          ("core", "0007_deadline_rules_one_model")]
AFTER = [("public", "0002_procedures_move_to_governance")]
D = datetime.date


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before(transactional_db):
    apps = _migrate(BEFORE)
    yield apps
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_public_sites_procedures_move_into_the_register(before):
    Partnership = before.get_model("core", "Partnership")
    Old = before.get_model("public", "Procedure")
    alpha = Partnership.objects.create(slug="alpha", name="Alpha", short_name="A")
    beta = Partnership.objects.create(slug="beta", name="Beta", short_name="B")
    shared = Old.objects.create(title="Children returning home", url="https://p.example/crh",
                                last_reviewed_on=D(2021, 1, 20), next_review_due=D(2024, 1, 20),
                                what_changed="Reviewed with the assessment guidance.")
    shared.partnerships.set([alpha, beta])
    odd = Old.objects.create(title="Odd dates", url="https://p.example/odd", published=False,
                             last_reviewed_on=D(2024, 5, 1), next_review_due=D(2024, 1, 1))
    odd.partnerships.set([alpha])

    apps = _migrate(AFTER)
    Procedure = apps.get_model("governance", "Procedure")
    moved = Procedure.objects.get(title="Children returning home")
    assert sorted(p.slug for p in moved.partnerships.all()) == ["alpha", "beta"]
    assert (moved.last_reviewed_on, moved.next_review_due) == (D(2021, 1, 20), D(2024, 1, 20))
    [version] = moved.versions.all()
    assert (version.number, version.adopted_on, version.what_changed) == (
        "unnumbered", D(2021, 1, 20), "Reviewed with the assessment guidance.")
    odd = Procedure.objects.get(title="Odd dates")
    assert odd.next_review_due is None and not odd.published and not odd.versions.exists()
    assert apps.get_model("core", "DeadlineRule").objects.filter(
        key="procedure-review", applies_to="procedure_review", count=36).exists()
