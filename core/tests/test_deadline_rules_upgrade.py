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
    default = ReviewRule.objects.get(key="rapid-review", partnership=None)
    ReviewRule.objects.create(
        key=default.key, partnership=alpha, name=default.name, legal_basis="Local",
        count=12, unit=default.unit, start_event=default.start_event,
        met_event=default.met_event, applies_to=default.applies_to, version=3)
    report_default = ReportRule.objects.get(key="report-published", partnership=None)
    ReportRule.objects.create(
        key=report_default.key, partnership=alpha, name=report_default.name,
        legal_basis="Local", count=4, unit=report_default.unit,
        start_event=report_default.start_event, met_event=report_default.met_event)
    try:
        new = _migrate(AFTER)
        Rule = new.get_model("core", "DeadlineRule")
        own = {r.key: r for r in Rule.objects.filter(partnership_id=alpha.pk)}
        assert (own["rapid-review"].count, own["rapid-review"].version,
                own["rapid-review"].applies_to) == (12, 3, "rapid_review")
        assert (own["report-published"].count, own["report-published"].applies_to) == (
            4, "yearly_report")
        defaults = Rule.objects.filter(partnership__isnull=True)
        assert defaults.count() == 8
        assert defaults.get(key="rapid-review").count == 15
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
