"""Data returns and the catalogue: all or nothing, errors by row, history kept."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models.deletion import ProtectedError

from core.models import AuditEvent
from governance.models import AgendaItem, Group, Meeting
from performance import services
from performance.models import DataReturn, IndicatorValue, Target, ValueCorrection

from .conftest import row


def submit(world, rows, **kwargs):
    return services.data_return_submit(
        actor=world.users["business_unit"], rows=rows, method="upload",
        partnership=world.partnership, partnership_ids={world.partnership.pk}, **kwargs)


def thousand_rows():
    periods = [f"{y}-{(y + 1) % 100:02d} Q{q}" for y in range(2000, 2025) for q in (1, 2, 3, 4)]
    codes = ["REFERRALS", "CP_PLANS", "LAC", "MISSING_EPISODES", "DA_CHILDREN", "CIN_OPEN",
             "LADO_REFERRALS", "MARAC_CASES", "EH_EPISODES", "CSE_RISK"]
    return [row(code, 100 + i, period) for i, (code, period) in
            enumerate((c, p) for c in codes for p in periods)]


def test_a_thousand_rows_with_one_bad_save_nothing_and_name_the_row(world, indicators):
    rows = thousand_rows()
    assert len(rows) == 1000
    rows[736]["value"] = "twelve"
    with pytest.raises(services.DataReturnRejected) as rejected:
        submit(world, rows)
    assert [p.as_dict() for p in rejected.value.errors] == [
        {"row": 737, "field": "value", "message": "The value must be a number; “twelve” is not."}]
    assert IndicatorValue.objects.count() == 0
    assert DataReturn.objects.count() == 0
    assert not AuditEvent.objects.filter(model="performance.DataReturn").exists()


def test_a_clean_thousand_rows_are_saved_with_who_when_and_how(world, indicators):
    data_return = submit(world, thousand_rows(), filename="q.csv")
    assert IndicatorValue.objects.count() == 1000
    assert data_return.submitted_by == world.users["business_unit"]
    assert data_return.method == "upload" and data_return.row_count == 1000
    assert AuditEvent.objects.filter(model="performance.DataReturn",
                                     object_id=str(data_return.pk)).count() == 1


@pytest.mark.parametrize("bad,field,message", [
    (row("NOPE", 5), "indicator_code", "There is no indicator with the code “NOPE”."),
    (row("CP_PLANS", 5, area="E06099999"), "area_code", "There is no area with the ONS code"),
    (row("CP_PLANS", 5, period="2023/24"), "period", "is not a period"),
    (row("CP_PLANS", "1O"), "value", "must be a number"),
    (row("RE_REFERRALS_PCT", "100.5"), "value", "between 0 and 100"),
    (row("RE_REFERRALS_PCT", "-1"), "value", "cannot be negative"),
    (row("CP_PLANS", "-3"), "value", "A count cannot be negative."),
    (row("CP_PLANS", "2.5"), "value", "whole number"),
    (row("CP_PLANS", 40001), "value", "more than the 40,000 children living in Alphaton"),
    (row("CP_PLANS", ""), "value", "Enter the value."),
])
def test_each_kind_of_bad_row_is_named(world, indicators, bad, field, message):
    with pytest.raises(services.DataReturnRejected) as rejected:
        submit(world, [row("LAC", 10), bad])
    (problem,) = rejected.value.errors
    assert problem.row == 2 and problem.field == field and message in problem.message
    assert IndicatorValue.objects.count() == 0


def test_duplicate_rows_are_refused(world, indicators):
    with pytest.raises(services.DataReturnRejected) as rejected:
        submit(world, [row("LAC", 10), row("CP_PLANS", 3), row("LAC", 11)])
    assert [(p.row, p.message) for p in rejected.value.errors] == [
        (3, "This repeats row 1 (same indicator, area and period).")]


def test_another_partnerships_area_is_refused(world, indicators):
    from core.tests.factories import AreaFactory

    AreaFactory(partnership=world.other, ons_code="E06009992")
    with pytest.raises(services.DataReturnRejected) as rejected:
        submit(world, [row("LAC", 10, area="E06009992")])
    assert "may not send figures" in rejected.value.errors[0].message


def test_a_rate_that_disagrees_with_its_count_must_be_confirmed(world, indicators):
    rows = [row("CP_PLANS", 200), row("CP_RATE", "91.4")]  # 200 of 40,000 is 50.0
    with pytest.raises(services.WarningsNeedConfirmation) as pending:
        submit(world, rows)
    (warning,) = pending.value.warnings
    assert warning.row == 2 and "50.0 per 10,000" in warning.message
    assert IndicatorValue.objects.count() == 0
    submit(world, rows, confirm_warnings=True)
    assert IndicatorValue.objects.count() == 2


def test_a_rate_is_checked_against_a_count_already_held(world, indicators):
    submit(world, [row("CP_PLANS", 200)])
    submit(world, [row("CP_RATE", "50.3")])  # within tolerance of 50.0
    with pytest.raises(services.WarningsNeedConfirmation):
        submit(world, [row("CP_RATE", "60", period="2023-24")], )


def test_corrections_keep_history(world, indicators):
    first = submit(world, [row("LAC", 300, note="first")])
    second = submit(world, [row("LAC", 310, note="corrected")])
    value = IndicatorValue.objects.get()
    assert value.value == Decimal(310) and value.data_return == second
    correction = ValueCorrection.objects.get()
    assert correction.previous_value == Decimal(300) and correction.previous_return == first
    assert correction.corrected_by == second and correction.previous_note == "first"
    third = submit(world, [row("LAC", 310, note="corrected")])  # unchanged: no correction
    assert ValueCorrection.objects.count() == 1 and third.row_count == 1
    # The history is never cascaded away: deleting the value is refused while it is there.
    with pytest.raises(ProtectedError):
        IndicatorValue.objects.filter(pk=value.pk).delete()
    assert ValueCorrection.objects.filter(value=value).count() == 1


def test_held_return_is_saved_on_confirmation_and_rechecked(world, indicators):
    user = world.users["business_unit"]
    rows = [row("CP_PLANS", 200), row("CP_RATE", "91.4")]
    with pytest.raises(services.WarningsNeedConfirmation) as pending:
        submit(world, rows)
    held = services.data_return_hold(actor=user, partnership=world.partnership,
                                     rows=pending.value.rows, warnings=pending.value.warnings,
                                     method="upload")
    assert IndicatorValue.objects.count() == 0
    services.data_return_confirm(actor=user, data_return=held)
    held.refresh_from_db()
    assert held.status == "saved" and IndicatorValue.objects.count() == 2
    with pytest.raises(ValidationError):
        services.data_return_confirm(actor=user, data_return=held)


def test_catalogue_import_is_all_or_nothing(world, indicators):
    from core.services import system_actor

    admin = system_actor()  # the national catalogue is changed by its administrator
    before = {i.code: i.name for i in indicators.values()}
    rows = [{"code": "CP_PLANS", "name": "Renamed", "unit": "count", "section": "safe",
             "topic": "child_protection"},
            {"code": "NEW", "name": "New one", "unit": "furlongs", "section": "safe",
             "topic": "child_protection"}]
    with pytest.raises(services.DataReturnRejected) as rejected:
        services.catalogue_import(actor=admin, rows=rows)
    assert [(p.row, p.field) for p in rejected.value.errors] == [(2, "unit")]
    from performance.models import Indicator

    assert {i.code: i.name for i in Indicator.objects.all()} == before
    rows[1]["unit"] = "Rate per 10,000 children"  # labels are accepted too
    rows[1]["count_indicator"] = "CP_PLANS"
    result = services.catalogue_import(actor=admin, rows=rows)
    assert result == {"created": 1, "updated": 1, "rows": 2}
    new = Indicator.objects.get(code="NEW")
    assert new.unit == "rate_10k" and new.count_indicator.code == "CP_PLANS"


def _engine_room(world, *, with_meeting=True):
    import datetime

    from django.utils import timezone

    group = Group.objects.create(name="Engine Room", kind=Group.Kind.ENGINE_ROOM)
    group.partnerships.add(world.partnership)
    if with_meeting:
        start = timezone.now() + datetime.timedelta(days=10)
        return Meeting.objects.create(group=group, title="Engine Room", starts_at=start,
                                      ends_at=start + datetime.timedelta(hours=2))
    return None


def _red_re_referrals(world, indicators):
    Target.objects.create(partnership=world.partnership, indicator=indicators["RE_REFERRALS_PCT"],
                          value=20, tolerance=3)
    submit(world, [row("RE_REFERRALS_PCT", "23.2")])
    return "RE_REFERRALS_PCT|E06009991|2023-24"


def test_a_red_status_becomes_an_engine_room_agenda_item(world, indicators):
    meeting = _engine_room(world)
    key = _red_re_referrals(world, indicators)
    item = services.exception_to_agenda(actor=world.users["business_unit"],
                                        partnership=world.partnership, key=key)
    assert item.meeting == meeting and "Re-referrals" in item.title
    assert "red against the target of 20" in item.findings
    assert AuditEvent.objects.filter(model="governance.AgendaItem", object_id=str(item.pk),
                                     actor=world.users["business_unit"]).exists()
    with pytest.raises(ValidationError, match="already on the agenda"):
        services.exception_to_agenda(actor=world.users["business_unit"],
                                     partnership=world.partnership, key=key)


def test_no_planned_engine_room_meeting_gives_a_clear_message(world, indicators):
    _engine_room(world, with_meeting=False)
    key = _red_re_referrals(world, indicators)
    with pytest.raises(ValidationError, match="no planned Engine Room meeting"):
        services.exception_to_agenda(actor=world.users["business_unit"],
                                     partnership=world.partnership, key=key)
    assert AgendaItem.objects.count() == 0
