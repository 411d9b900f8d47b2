"""The upgrade path of decision 0017: a database made by the release before it, holding a
partnership's own review and report rules, keeps them (and their versions) in the one model."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("core", "0006_database_constraints"), ("reviews", "0006_database_constraints"),
          ("reports", "0009_database_constraints")]
AFTER = [("core", "0007_deadline_rules_one_model"),
         ("reviews", "0007_deadline_rules_one_model"),
         ("reports", "0010_deadline_rules_one_model")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_each_partnerships_own_rules_move_into_the_one_model():
    old = _migrate(BEFORE)
    Partnership = old.get_model("core", "Partnership")
    ReviewRule = old.get_model("reviews", "DeadlineRule")
    ReportRule = old.get_model("reports", "ReportDeadlineRule")
    alpha = Partnership.objects.create(slug="alpha", name="Alpha", short_name="A")
    # A transactional test starts from an emptied database (no seeded defaults): the rows are
    # written whole, as the previous release's edit pages wrote a partnership's own copy.
    ReviewRule.objects.create(
        key="rapid-review", partnership=alpha, name="Rapid review sent", legal_basis="Local",
        count=12, unit="working_days", start_event="partners_aware",
        met_event="rapid_review_sent", applies_to="rapid_review", version=3)
    ReportRule.objects.create(
        key="report-published", partnership=alpha, name="Yearly report published",
        legal_basis="Local", count=4, unit="months", start_event="year_end",
        met_event="published")
    try:
        new = _migrate(AFTER)
        Rule = new.get_model("core", "DeadlineRule")
        own = {r.key: r for r in Rule.objects.filter(partnership_id=alpha.pk)}
        assert (own["rapid-review"].count, own["rapid-review"].version,
                own["rapid-review"].applies_to) == (12, 3, "rapid_review")
        assert (own["report-published"].count, own["report-published"].applies_to) == (
            4, "yearly_report")
        assert Rule.objects.filter(partnership__isnull=True, key="rapid-review").get().count \
            == 15  # the defaults are seeded whatever the old table held
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
