import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assurance.models import Return
from assurance.tests.helpers import cycle, submit
from core.models import AuditEvent, Role
from core.services import ConcurrentEditError, system_actor
from finance.tests.factories import add_line, set_brought_forward
from learning.models import Action, Source
from performance import services as performance_services
from reports import selectors, services
from reports.models import (
    ActivityItem,
    ChecklistItem,
    NarrativeBlock,
    PublicationEvent,
    guidance_for,
)
from reports.tests.helpers import make_report

D = datetime.date


def test_narrative_is_sanitised_and_plain_text_becomes_paragraphs(world):
    report = make_report(world.partnership)
    block = services.block_save(
        actor=world.users[Role.BUSINESS_UNIT], report=report, kind="foreword",
        data={"body": 'Hello <script>alert(1)</script><a href="javascript:x()" '
                      'onclick="y()">link</a>'}, expected_version=0)
    assert "<script" not in block.body and "javascript:" not in block.body
    assert "onclick" not in block.body
    plain = services.block_save(actor=system_actor(), report=report, kind="impact",
                                data={"body": "First.\n\nSecond & third."}, expected_version=0)
    assert plain.body == "<p>First.</p><p>Second &amp; third.</p>"
    assert AuditEvent.objects.filter(model="reports.NarrativeBlock", action="create").count() == 2


def test_an_approval_holds_for_the_version_approved_and_lapses_when_the_text_changes(world):
    report = make_report(world.partnership)
    block = services.block_save(actor=system_actor(), report=report, kind="foreword",
                                data={"body": "Version one."}, expected_version=0)
    delegate = world.users[Role.PARTNER_DELEGATE]
    block = services.block_approve(actor=delegate, block=block, version=block.version)
    assert block.is_approved and block.approved_by == delegate
    block = services.block_save(actor=world.users[Role.BUSINESS_UNIT], report=report,
                                kind="foreword", data={"body": "Version two."},
                                expected_version=block.version)
    assert not block.is_approved
    with pytest.raises(ConcurrentEditError):  # the delegate read version 1, not version 2
        services.block_approve(actor=delegate, block=block, version=1)
    block.refresh_from_db()
    assert not block.is_approved


def test_a_stale_edit_is_refused_and_nothing_is_written(world):
    report = make_report(world.partnership)
    block = services.block_save(actor=system_actor(), report=report, kind="foreword",
                                data={"body": "Original."}, expected_version=0)
    services.block_save(actor=system_actor(), report=report, kind="foreword", data={"body": "Theirs."},
                        expected_version=1)
    with pytest.raises(ConcurrentEditError):
        services.block_save(actor=system_actor(), report=report, kind="foreword",
                            data={"body": "Mine."}, expected_version=1)
    block.refresh_from_db()
    assert "Theirs." in block.body


def test_only_the_business_unit_writes_and_only_delegates_approve(world):
    report = make_report(world.partnership)
    with pytest.raises(PermissionDenied):
        services.block_save(actor=world.users[Role.SCRUTINEER], report=report,
                            kind="foreword", data={"body": "No."}, expected_version=0)
    block = services.block_save(actor=world.users[Role.SCRUTINEER], report=report,
                                kind="scrutiny", data={"body": "My conclusion."},
                                expected_version=0)
    with pytest.raises(PermissionDenied):
        services.block_approve(actor=world.users[Role.BUSINESS_UNIT], block=block, version=1)


def test_finance_totals_and_reserves_are_computed_never_typed(world):
    report = make_report(world.partnership, 2020)
    for kind, label, amount in [("contribution", "Council", "100000"),
                                ("contribution", "Police", "50000"),
                                ("other_income", "Grant", "1000"),
                                ("expenditure", "Staff", "120000"),
                                ("in_kind", "Venue", "5000")]:
        add_line(world.partnership, 2020, kind=kind, label=label, amount=Decimal(amount))
    set_brought_forward(world.partnership, Decimal("20000"), 2020)
    f = selectors.assemble(report, charts=False).finance
    assert (f.income, f.expenditure, f.balance) == (151000, 120000, 31000)
    assert f.carried_forward == 51000
    assert [line.label for line in f.in_kind] == ["Venue"]


def test_publication_needs_sign_off_first_and_no_future_dates(world):
    report = make_report(world.partnership, 2022)
    bu = world.users[Role.BUSINESS_UNIT]
    with pytest.raises(ValidationError) as error:
        services.report_publish(actor=bu, report=report, published_on=D(2023, 9, 1))
    assert "published_on" in error.value.message_dict
    report.refresh_from_db()
    assert report.published_on is None
    assert not report.publications.exists()
    with pytest.raises(ValidationError):
        services.publication_event_add(actor=bu, report=report, data={
            "how": "sent", "recipient_kind": "national_panel", "recipient": "Panel",
            "on": D(2023, 9, 2)})


def _complete(world, report):
    """Everything the checklist asks for, recorded for the 2023-24 report."""
    p = world.partnership
    for kind in ("little_progress", "scrutiny"):
        block = services.block_save(actor=system_actor(), report=report, kind=kind,
                                    data={"body": "Fictional text."}, expected_version=0)
        services.block_approve(actor=world.users[Role.PARTNER_DELEGATE], block=block,
                               version=block.version)
    for kind in ("training", "review", "voice"):
        services.activity_add(actor=system_actor(), partnership=p, data={
            "happened_on": D(2023, 10, 2), "kind": kind, "title": f"Fictional {kind}",
            "safeguarding_impact": "Practice changed."})
    add_line(p, kind="contribution", label="Council", amount=Decimal(1000))
    # Spending and reserves too: contributions alone leave the funding item missing.
    add_line(p, kind="expenditure", label="Staff", amount=Decimal(900))
    set_brought_forward(p, Decimal(0))
    services.publication_update(actor=system_actor(), report=report, expected_version=report.version,
                                data={"signed_off_on": D(2024, 6, 1),
                                      "signed_off_by": "The lead safeguarding partners"})
    services.report_publish(actor=system_actor(), report=report, published_on=D(2024, 7, 1))
    for kind in ("national_panel", "foundations"):
        services.publication_event_add(actor=system_actor(), report=report, data={
            "how": "sent", "recipient_kind": kind, "recipient": kind, "on": D(2024, 7, 3)})
    # The year's quality assurance: a Section 11 cycle due in the year, one return in.
    s11 = cycle(world, title="Section 11 2023-24", orgs=[world.orgs["council"]])
    s11.opens_on, s11.due_on = D(2023, 9, 1), D(2023, 12, 1)
    s11.save()
    submit(Return.objects.get(cycle=s11))
    _business_and_procedures(world)


def _business_and_procedures(world):
    """A national letter answered in the year, a bulletin with its reach and the threshold
    document reviewed in the year, with a new version."""
    from business import services as business_services
    from governance import services as governance_services

    p = world.partnership
    business_services.national_item_create(actor=system_actor(), partnership=p, data={
        "kind": "letter", "issuer": "dfe", "title": "Fictional letter to partnerships",
        "issued_on": D(2023, 5, 2), "status": "done", "closed_on": D(2023, 6, 1),
        "outcome": "Circulated to the Executive; the plan was updated."})
    business_services.communication_create(actor=system_actor(), partnership=p, data={
        "kind": "bulletin", "title": "Fictional bulletin", "issued_on": D(2023, 9, 1),
        "audience": "practitioners", "reach": 400, "measure": "sent_to"})
    threshold = governance_services.procedure_create(actor=system_actor(), partnership=p, data={
        "title": "Fictional threshold document", "kind": "threshold",
        "url": "https://procedures.example/threshold", "last_reviewed_on": D(2022, 9, 1)})
    governance_services.procedure_version_add(
        actor=system_actor(), partnership=p, procedure=threshold,
        expected_version=threshold.version,
        data={"number": "2.0", "adopted_on": D(2023, 9, 1), "what_changed": "Early help levels"})


def test_the_checklist_marks_what_is_missing_with_where_to_fix_it(world):
    report = make_report(world.partnership)
    checks = {c.key: c for c in selectors.assemble(report, charts=False).checklist}
    # Every item of the guidance in force is listed, none met on an empty year.
    in_force = ChecklistItem.objects.filter(guidance=guidance_for(report))
    assert sorted(checks) == sorted(in_force.values_list("key", flat=True))
    assert "wt2023-assurance" in checks
    assert not any(c.met for c in checks.values())
    assert checks["funding"].fix == "finance"
    assert checks["scrutiny"].fix == "block_edit"
    assert checks["scrutiny"].fix_kwargs == {"kind": "scrutiny"}
    assert checks["publication"].detail == "Not published yet."
    assert checks["publication"].fix == "report_publish"
    assert checks["wt2023-assurance"].detail.startswith("0 case audits and 0 returns")


def test_every_checklist_item_is_met_when_the_records_hold_it(world):
    report = make_report(world.partnership)
    _complete(world, report)
    report.refresh_from_db()
    checks = selectors.assemble(report, charts=False).checklist
    assert [c.key for c in checks if not c.met] == []


def test_late_circulation_shows_on_the_clock_and_fails_the_checklist(world):
    report = make_report(world.partnership)
    _complete(world, report)
    PublicationEvent.objects.filter(recipient_kind="foundations").update(on=D(2024, 7, 20))
    report.refresh_from_db()
    a = selectors.assemble(report, charts=False, today=D(2024, 8, 1))
    status = {d.rule.key: d.label for d in a.deadlines}
    assert status == {"report-published": "Met", "report-sent-national-panel": "Met",
                      "report-sent-foundations": "Met late"}
    assert [c.key for c in a.missing] == ["publication"]


def test_review_actions_count_towards_acting_on_recommendations(world):
    report = make_report(world.partnership)
    source = Source.objects.create(kind=Source.Kind.NATIONAL_REVIEW, title="National review")
    Action.objects.create(partnership=world.partnership, source=source, title="Act on it",
                          due_date=D(2023, 9, 1), status=Action.Status.SIGNED_OFF,
                          completed_on=D(2023, 8, 30))
    a = selectors.assemble(report, charts=False)
    assert (a.reviews.review_actions, a.reviews.review_actions_done) == (1, 1)
    assert a.actions.signed_off == 1 and a.actions.completed_in_year == 1
    assert next(c for c in a.checklist if c.key == "review-recommendations").met


def test_the_years_figures_keep_per_cent_and_percentage_points_apart(world):
    from performance import catalogue

    performance_services.catalogue_import(actor=system_actor(), rows=catalogue.rows())
    rows = [{"indicator_code": code, "area_code": "E06009991", "period": period,
             "value": value}
            for code, period, value in [("REFERRALS", "2022-23", "1000"),
                                        ("REFERRALS", "2023-24", "1100"),
                                        ("RE_REFERRALS_PCT", "2022-23", "20"),
                                        ("RE_REFERRALS_PCT", "2023-24", "22")]]
    performance_services.data_return_submit(actor=system_actor(), rows=rows, method="upload",
                                            partnership=world.partnership,
                                            confirm_warnings=True)
    figures = {f.indicator: f for f in selectors.assemble(
        make_report(world.partnership), charts=False).figures}
    referrals = next(f for name, f in figures.items() if "re-referral" not in name.lower()
                     and "eferral" in name)
    rereferrals = next(f for name, f in figures.items() if "re-referral" in name.lower())
    assert referrals.change == "up 10.0%"
    assert rereferrals.change == "up 2.0 percentage points"
    # Units as a reader says them: "22%", not "22 percentage"; a count needs no word.
    assert rereferrals.value == "22%" and referrals.value == "1,100"


def test_activity_and_flagged_meeting_items_fill_the_months(world):
    from django.utils import timezone

    from governance.models import AgendaItem, Meeting

    report = make_report(world.partnership)
    services.activity_add(actor=world.users[Role.BUSINESS_UNIT], partnership=world.partnership,
                          data={"happened_on": D(2023, 4, 3), "kind": ActivityItem.Kind.EVENT,
                                "title": "Fictional conference",
                                "safeguarding_impact": "Awareness raised."})
    meeting = world.objects["meeting"]
    start = timezone.make_aware(datetime.datetime(2023, 5, 10, 10))
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=2),
        status=Meeting.Status.HELD)
    AgendaItem.objects.create(meeting=meeting, title="LADO annual report", kind="assurance",
                              assurance_service="lado", findings="Referrals up.",
                              include_in_annual_report=True)
    a = selectors.assemble(report, charts=False)
    months = {m.label: [i.title for i in m.items] for m in a.months}
    assert months["April 2023"] == ["Fictional conference"]
    assert months["May 2023"] == ["LADO annual report (Quality and Performance)"]
    assert list(months)[0] == "April 2023" and list(months)[-1] == "March 2024"
    assert a.headline("meetings_held").value == 1
    with pytest.raises(ValidationError):
        services.activity_add(actor=system_actor(), partnership=world.partnership, data={
            "happened_on": D.today() + datetime.timedelta(days=3), "kind": "event",
            "title": "Later", "safeguarding_impact": "x"})
    assert NarrativeBlock.objects.count() == 0


def test_signed_off_actions_are_counted_with_and_without_evidence(world):
    from learning.models import Evidence

    report = make_report(world.partnership)
    source = Source.objects.create(kind=Source.Kind.AUDIT, title="Audit")
    for title in ("With evidence", "Without evidence"):
        Action.objects.create(partnership=world.partnership, source=source, title=title,
                              due_date=D(2023, 9, 1), status=Action.Status.SIGNED_OFF,
                              completed_on=D(2023, 8, 30))
    action = Action.objects.get(title="With evidence")
    for n in range(2):  # two items must still count the action once
        Evidence.objects.create(action=action, description=f"Audit {n}",
                                url="https://example.org/audit")
    a = selectors.assemble(report, charts=False)
    assert (a.actions.signed_off, a.actions.signed_off_with_evidence) == (2, 1)
