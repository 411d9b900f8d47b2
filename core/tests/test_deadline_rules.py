"""The one deadline-rule model (decision 0017): its service, list and edit pages, shown here
with the yearly report's rules and the review clock's."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import services
from core.models import AuditEvent, DeadlineRule, Role
from core.services import ConcurrentEditError, system_actor
from reports import selectors
from reports.tests.helpers import make_report

FIELDS = services.RULE_FIELDS


def _default(key="report-published"):
    return DeadlineRule.objects.get(key=key, partnership=None)


def _data(rule, **changes):
    return {**{f: getattr(rule, f) for f in FIELDS}, **changes}


def _own_copy(partnership, key="report-published", count=4):
    default = _default(key)
    return DeadlineRule.objects.create(**_data(default, count=count), key=key,
                                       applies_to=default.applies_to, partnership=partnership)


# ---- services ----

def test_editing_a_default_makes_the_partnerships_own_copy_and_is_audited(world):
    default = _default()
    bu = world.users[Role.BUSINESS_UNIT]
    own = services.save_deadline_rule(actor=bu, partnership=world.partnership, rule=default,
                                      data=_data(default, count=5), expected_version=1)
    assert (own.partnership, own.key, own.count, own.version) == (
        world.partnership, "report-published", 5, 1)
    default.refresh_from_db()
    assert default.count == 6  # other partnerships keep the default
    assert {r.key: r.count for r in selectors.report_rules(world.partnership)}[
        "report-published"] == 5
    assert {r.key: r.count for r in selectors.report_rules(world.other)}[
        "report-published"] == 6
    created = AuditEvent.objects.get(model="core.DeadlineRule", action="create")
    assert created.actor == bu and created.partnership == world.partnership

    own = services.save_deadline_rule(actor=bu, partnership=world.partnership, rule=own,
                                      data=_data(own, count=4), expected_version=1)
    assert own.version == 2
    change = AuditEvent.objects.get(model="core.DeadlineRule", action="change")
    assert change.changes == {"count": {"from": 5, "to": 4}}


def test_the_report_clock_uses_the_partnerships_own_rule(world):
    report = make_report(world.partnership)
    before = {d.rule.key: d.due for d in selectors.assemble(report, charts=False).deadlines}
    services.save_deadline_rule(actor=system_actor(), partnership=world.partnership, rule=_default(),
                                data=_data(_default(), count=3), expected_version=1)
    after = {d.rule.key: d.due for d in selectors.assemble(report, charts=False).deadlines}
    assert before["report-published"] == datetime.date(2024, 9, 30)
    assert after["report-published"] == datetime.date(2024, 6, 30)


def test_a_stale_rule_edit_is_refused_and_nothing_is_written(world):
    own = _own_copy(world.partnership)
    services.save_deadline_rule(actor=system_actor(), partnership=world.partnership, rule=own,
                                data=_data(own, count=5), expected_version=1)
    mine = DeadlineRule.objects.get(pk=own.pk)
    with pytest.raises(ConcurrentEditError):
        services.save_deadline_rule(actor=system_actor(), partnership=world.partnership, rule=mine,
                                    data=_data(mine, count=9), expected_version=1)
    # Someone made the partnership's copy while this user had the default open.
    with pytest.raises(ConcurrentEditError):
        services.save_deadline_rule(actor=system_actor(), partnership=world.partnership,
                                    rule=_default(), data=_data(_default(), count=9),
                                    expected_version=1)
    assert DeadlineRule.objects.get(pk=own.pk).count == 5
    assert DeadlineRule.objects.filter(partnership=world.partnership).count() == 1


@pytest.mark.parametrize("who", [Role.PARTNER_DELEGATE, Role.SCRUTINEER, Role.GROUP_CHAIR,
                                 "outsider"])
def test_only_the_business_unit_changes_its_rules(world, who):
    with pytest.raises(PermissionDenied):
        services.save_deadline_rule(actor=world.users[who], partnership=world.partnership,
                                    rule=_default(), data=_data(_default(), count=2))
    assert not DeadlineRule.objects.filter(partnership__isnull=False).exists()
    assert not AuditEvent.objects.filter(model="core.DeadlineRule").exists()


def test_another_partnerships_rule_and_nonsense_rules_are_refused(world):
    beta_rule = _own_copy(world.other)
    with pytest.raises(PermissionDenied):
        services.save_deadline_rule(actor=world.users[Role.BUSINESS_UNIT],
                                    partnership=world.partnership, rule=beta_rule,
                                    data=_data(beta_rule, count=1))
    own = _own_copy(world.partnership)
    with pytest.raises(ValidationError) as error:
        services.save_deadline_rule(actor=system_actor(), partnership=world.partnership, rule=own,
                                    data=_data(own, count=0, met_event="year_end",
                                               start_event="year_end"), expected_version=1)
    assert set(error.value.message_dict) == {"count", "met_event"}
    assert DeadlineRule.objects.get(pk=beta_rule.pk).count == 4
    assert DeadlineRule.objects.get(pk=own.pk).count == 4


# ---- pages ----

def _post(rule, **changes):
    data = {f: getattr(rule, f) for f in FIELDS}
    return {**data, "version": rule.version, **changes}


def test_the_list_shows_the_rules_that_apply_and_leads_to_the_partnerships_copy(world, login):
    own = _own_copy(world.partnership, key="report-sent-foundations", count=10)
    _own_copy(world.other, key="report-published", count=2)
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.get(reverse("core:rule_list", args=["alpha"]),
                          {"applies_to": "yearly_report"})
    rules = list(response.context["object_list"])
    assert [r.key for r in rules] == ["report-published", "report-sent-foundations",
                                      "report-sent-national-panel"]
    assert own in rules and _default("report-sent-foundations") not in rules
    body = response.content.decode()
    assert "10 calendar days after publication" in body and "Changed locally" in body
    assert "6 months after the end of the reporting year" in body  # beta's copy is not ours
    assert 'Change<span class="govuk-visually-hidden"> Report sent to Foundations</span>' in body
    default_url = reverse("core:rule_edit", args=["alpha",
                                                     _default("report-sent-foundations").pk])
    assert client.get(default_url)["Location"] == reverse("core:rule_edit",
                                                          args=["alpha", own.pk])


def test_the_list_filters_and_exports(world, login):
    _own_copy(world.partnership, key="report-sent-foundations", count=10)
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("core:rule_list", args=["alpha"])
    local = client.get(url, {"whose": "local"}).context["object_list"]
    assert [r.key for r in local] == ["report-sent-foundations"]
    assert len(client.get(url, {"name": "foundations"}).context["object_list"]) == 1
    assert len(client.get(url, {"applies_to": "yearly_report"}).context["object_list"]) == 3
    assert len(client.get(url, {"applies_to": "practice_review"}).context["object_list"]) == 3
    bad = client.get(url, {"whose": "nobody"})
    assert "Some filters were not valid" in bad.content.decode()
    csv = client.get(url, {"export": "csv", "whose": "local"}).content.decode()
    assert "Report sent to Foundations" in csv and "Yearly report published" not in csv
    assert AuditEvent.objects.filter(action="export",
                                     object_repr="deadline-rules (csv)").exists()
    assert client.get(url, {"export": "xlsx"}).status_code == 200


def test_the_rule_list_runs_the_same_queries_for_5_and_500_rules(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("core:rule_list", args=["alpha"])
    template = _default()

    def grow(numbers):
        DeadlineRule.objects.bulk_create([DeadlineRule(
            key=f"local-{n}", partnership=world.partnership, name=f"Local rule {n}",
            legal_basis="Local agreement", count=5, unit=template.unit,
            start_event=template.start_event, met_event=template.met_event,
            applies_to=template.applies_to) for n in numbers])

    grow(range(2))  # and the 8 defaults
    client.get(url)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).context["paginator"].count == 10
    grow(range(2, 492))
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).context["paginator"].count == 500
    assert len(many) == len(few)


def test_the_business_unit_edits_a_default_for_its_partnership(world, login):
    default = _default()
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("core:rule_edit", args=["alpha", default.pk])
    page = client.get(url).content.decode()
    assert "This is the default." in page and 'value="6"' in page
    response = client.post(url, _post(default, count=4))
    assert response.status_code == 302
    assert response["Location"] == reverse("core:rule_list", args=["alpha"])
    own = DeadlineRule.objects.get(key=default.key, partnership=world.partnership)
    assert own.count == 4
    assert _default().count == 6


@pytest.mark.parametrize("changes,message", [
    ({"count": 0}, "Enter a number of days or months above 0"),
    ({"count": "six"}, "Enter how many days or months, as a whole number"),
    ({"met_event": "year_end"}, "The event that meets the deadline must differ"),
    ({"unit": "weeks"}, "Choose working days, calendar days or months"),
    ({"name": ""}, "Enter the name of the rule"),
    ({"version": ""}, "This page is out of date. Reload it and make your change again"),
])
def test_bad_rule_input_gets_a_message_and_saves_nothing(world, login, changes, message):
    own = _own_copy(world.partnership)
    response = login(world.users[Role.BUSINESS_UNIT]).post(
        reverse("core:rule_edit", args=["alpha", own.pk]), _post(own, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    own.refresh_from_db()
    assert (own.count, own.version) == (4, 1)
    assert not AuditEvent.objects.filter(model="core.DeadlineRule").exists()


def test_a_stale_rule_edit_on_the_page_is_refused_with_a_message(world, login):
    own = _own_copy(world.partnership)
    services.save_deadline_rule(actor=system_actor(), partnership=world.partnership, rule=own,
                                data=_data(own, count=5), expected_version=1)
    response = login(world.users[Role.BUSINESS_UNIT]).post(
        reverse("core:rule_edit", args=["alpha", own.pk]), _post(own, count=8, version=1))
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert DeadlineRule.objects.get(pk=own.pk).count == 5


def test_the_rules_are_linked_for_the_business_unit_only(world, login):
    report = make_report(world.partnership)
    rules_url = reverse("core:rule_list", args=["alpha"])
    for name, args in (("reports:report_list", ["alpha"]),
                       ("reports:report_detail", ["alpha", report.pk])):
        url = reverse(name, args=args)
        assert rules_url in login(world.users[Role.BUSINESS_UNIT]).get(url).content.decode()
        assert rules_url not in login(world.users[Role.PARTNER_DELEGATE]).get(
            url).content.decode()


# ---- the review clock's rules, on the same pages ----

def test_business_unit_edits_a_review_rule_for_its_own_partnership(world, login):
    default = DeadlineRule.objects.get(key="rapid-review", partnership=None)
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("core:rule_edit", args=["alpha", default.pk])
    page = client.get(url).content.decode()
    assert "Applies to: Rapid review." in page
    assert "Rapid review completed and sent to the Panel" in page  # its own events
    assert "Yearly report published" not in page
    response = client.post(url, _post(default, count=10))
    assert response.status_code == 302
    own = DeadlineRule.objects.get(key="rapid-review", partnership=world.partnership)
    assert (own.count, own.applies_to) == (10, "rapid_review")
    default.refresh_from_db()
    assert default.count == 15
    assert client.get(url)["Location"].endswith(f"/deadline-rules/{own.pk}/edit/")
    assert "10 working days after the partners became aware" in client.get(
        reverse("core:rule_list", args=["alpha"])).content.decode()


def test_a_rule_cannot_run_from_an_event_its_record_does_not_have(world, login):
    default = DeadlineRule.objects.get(key="rapid-review", partnership=None)
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.post(reverse("core:rule_edit", args=["alpha", default.pk]),
                           _post(default, start_event="year_end"))
    assert response.status_code == 200
    assert "Choose the event the time limit runs from" in response.content.decode()
    assert not DeadlineRule.objects.filter(partnership=world.partnership).exists()
    rule = DeadlineRule(key="x", name="X", legal_basis="X", count=1, applies_to="rapid_review",
                        start_event="year_end", met_event="rapid_review_sent")
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "start_event" in error.value.message_dict


def test_another_partnerships_review_rule_is_refused(world, login):
    beta_rule = _own_copy(world.other, key="notify-panel")
    client = login(world.users[Role.BUSINESS_UNIT])
    assert client.get(reverse("core:rule_edit", args=["alpha", beta_rule.pk])).status_code == 404


def test_the_kinds_come_from_the_apps_that_own_the_records():
    from core.deadlines import deadline_kinds

    kinds = deadline_kinds()
    assert {"serious_incident", "rapid_review", "practice_review", "yearly_report"} <= set(kinds)
    assert kinds["yearly_report"].perm == "reports.manage_deadline_rules"
    assert kinds["rapid_review"].phrase("partners_aware") == "the partners became aware"
