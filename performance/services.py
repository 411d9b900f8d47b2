"""Every write of the performance framework: the catalogue, data returns, proposals.

Data returns are all-or-nothing: rows are checked first (errors by row), warnings must be
confirmed by the sender, and only then is anything written, in one transaction with its
audit row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from core import policy
from core.models import Area, AuditEvent, Organisation, Role
from core.policy import require
from core.selectors import population_estimate, population_lookup
from core.services import audit_record, model_create, model_update
from core.tabular import MAX_LISTED_PROBLEMS, RowProblem, RowsRejected, nul_problems  # noqa: F401

from . import analysis, derived
from .models import DataReturn, Indicator, IndicatorValue, Target, ValueCorrection

# Services read through selectors, never the reverse (the acyclic_siblings contract checks it).
from .selectors import exception_proposals, next_engine_room_meeting

COUNT_UNITS = {Indicator.Unit.COUNT}
NON_NEGATIVE_UNITS = {Indicator.Unit.COUNT, Indicator.Unit.RATE_10K, Indicator.Unit.RATE_100K,
                      Indicator.Unit.PERCENTAGE, Indicator.Unit.AVERAGE}
LOOKUP_CHUNK = 500
PROGRESS_EVERY = 500
# The rows of an import and their problems live in core.tabular (one way for every import);
# a data return's rejection is that rejection.
DataReturnRejected = RowsRejected


class WarningsNeedConfirmation(Exception):
    """The rows are valid but some look wrong; the sender must confirm them."""

    def __init__(self, warnings: list[RowProblem], rows: list[dict]):
        self.warnings = warnings
        self.rows = rows
        super().__init__(f"{len(warnings)} warning(s) to confirm")


@dataclass
class CheckedRow:
    row: int
    indicator: Indicator
    area: Area
    period: analysis.Period
    value: Decimal
    note: str

    def as_json(self) -> dict:
        return {"indicator_code": self.indicator.code, "area_code": self.area.ons_code,
                "period": self.period.label, "value": str(self.value), "note": self.note}


def population_for(populations: dict, area_id: int, period: analysis.Period) -> int | None:
    """Children in the area for the period's figures, by the one rule of
    core.selectors.population_estimate (its own year, else the nearest earlier estimate)."""
    found = population_estimate(populations, area_id, analysis.population_year(period))
    return found.children if found else None


def sender_organisations(actor, partnership_ids) -> dict[int, list[Organisation]]:
    """Where the actor sends as an agency lead (not as the business unit): partnership id ->
    the organisations it leads there. Its rows may carry only those organisations'
    indicators; in any other partnership the sender is not restricted by indicator."""
    if not _is_user(actor) or actor.is_superuser:
        return {}
    scope = policy.scope_of(actor)
    ids = scope.partnership_ids() if partnership_ids is None else set(partnership_ids)
    restricted = {pid: scope.org_ids_led(pid) for pid in ids
                  if not scope.has(Role.BUSINESS_UNIT, pid)}
    organisations = Organisation.objects.in_bulk(
        {o for orgs in restricted.values() for o in orgs})
    return {pid: [organisations[o] for o in sorted(orgs) if o in organisations]
            for pid, orgs in restricted.items()}


def _source_problem(number, indicator, organisations) -> RowProblem | None:
    if any(indicator.sent_by(org) for org in organisations):
        return None
    who = " or ".join(org.name for org in organisations) or "Your organisation"
    source = indicator.source_organisation or "the business unit"
    return RowProblem(
        number, f"{who} is not the source of {indicator.code} ({indicator.name}); its "
                f"figures come from {source}. Only the business unit may send this row.",
        "indicator_code")


def check_rows(rows: list[dict], *, partnership_ids: set[int] | None,
               senders: dict[int, list[Organisation]] | None = None,
               progress: Callable[[int], None] | None = None) -> tuple[
        list[CheckedRow], list[RowProblem], list[RowProblem]]:
    """Check every row; return (checked rows, errors, warnings). Reads only.

    `partnership_ids`: the partnerships whose areas the sender may report on (None: any).
    `senders`: for partnerships where the sender is an agency lead, the organisations whose
    indicators it may send (see `sender_organisations`).
    `progress`: called with the number of rows checked so far, every PROGRESS_EVERY rows
    and at the end (a background import's page shows it)."""
    errors: list[RowProblem] = []
    warnings: list[RowProblem] = []
    senders = senders or {}
    # A code holding a NUL matches nothing, and PostgreSQL refuses it in a query: its row is
    # named below instead.
    codes = {c for c in (str(r.get("indicator_code") or "").strip() for r in rows)
             if "\x00" not in c}
    area_codes = {c for c in (str(r.get("area_code") or "").strip().upper() for r in rows)
                  if "\x00" not in c}
    found = Indicator.objects.filter(code__in=codes)
    if partnership_ids is not None:
        found = found.visible_in_any(partnership_ids)
    indicators = {i.code: i for i in found}
    areas = {a.ons_code: a for a in Area.objects.filter(ons_code__in=area_codes)}
    populations = population_lookup([a.pk for a in areas.values()])

    checked: list[CheckedRow] = []
    seen: dict[tuple, int] = {}
    for number, raw in enumerate(rows, start=1):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number)
        problems = nul_problems(number, raw)
        if problems:
            errors.extend(problems)
            continue
        code = str(raw.get("indicator_code") or "").strip()
        area_code = str(raw.get("area_code") or "").strip().upper()
        indicator = indicators.get(code)
        area = areas.get(area_code)
        if (indicator is not None and area is not None and indicator.partnership_id
                and indicator.partnership_id != area.partnership_id):
            indicator = None  # another partnership's local indicator: not there for this area
        if not code:
            problems.append(RowProblem(number, "Enter the indicator code.", "indicator_code"))
        elif indicator is None:
            problems.append(RowProblem(
                number, f"There is no indicator with the code “{code}”.", "indicator_code"))
        if not area_code:
            problems.append(RowProblem(number, "Enter the area's ONS code.", "area_code"))
        elif area is None:
            problems.append(RowProblem(
                number, f"There is no area with the ONS code “{area_code}”.", "area_code"))
        elif partnership_ids is not None and area.partnership_id not in partnership_ids:
            problems.append(RowProblem(
                number, f"You may not send figures for {area.name} ({area_code}).", "area_code"))
        if indicator and area and area.partnership_id in senders:
            problem = _source_problem(number, indicator, senders[area.partnership_id])
            if problem:
                problems.append(problem)
        period = None
        try:
            period = analysis.reported_period(raw.get("period"))
        except ValueError as error:
            problems.append(RowProblem(number, str(error), "period"))
        value = None
        raw_value = raw.get("value")
        if raw_value is None or str(raw_value).strip() == "":
            problems.append(RowProblem(number, "Enter the value.", "value"))
        else:
            try:
                value = analysis.figure_value(raw_value)
            except ValueError as error:
                problems.append(RowProblem(number, str(error), "value"))
        note = str(raw.get("note") or "").strip()
        if len(note) > 500:
            problems.append(RowProblem(number, "The note must be 500 characters or fewer.", "note"))
        if indicator and area and period:
            key = (indicator.pk, area.pk, period.label)
            if key in seen:
                problems.append(RowProblem(
                    number, f"This repeats row {seen[key]} (same indicator, area and period).",
                    "period"))
            else:
                seen[key] = number
        if indicator and value is not None:
            problems.extend(_range_problems(number, indicator, value, area, period, populations))
        if problems:
            errors.extend(problems)
        else:
            # No problem means every part of the row was read.
            assert indicator and area and period and value is not None
            checked.append(CheckedRow(number, indicator, area, period, value, note))
    if not errors:
        warnings = _rate_warnings(checked, populations)
    if progress is not None:
        progress(len(rows))
    return checked, errors, warnings


def _range_problems(number, indicator, value, area, period, populations) -> list[RowProblem]:
    unit = indicator.unit
    if unit in NON_NEGATIVE_UNITS and value < 0:
        what = "count" if unit in COUNT_UNITS else indicator.get_unit_display().lower()
        return [RowProblem(number, f"A {what} cannot be negative.", "value")]
    if unit == Indicator.Unit.PERCENTAGE and value > 100:
        return [RowProblem(number, f"A percentage must be between 0 and 100; {value} is not.",
                           "value")]
    if unit == Indicator.Unit.COUNT and value != value.to_integral_value():
        return [RowProblem(number, "A count must be a whole number.", "value")]
    if unit == Indicator.Unit.RANK and (value < 1 or value != value.to_integral_value()):
        return [RowProblem(number, "A rank must be a whole number, 1 or more.", "value")]
    if unit == Indicator.Unit.COUNT and area is not None and period is not None:
        children = population_for(populations, area.pk, period)
        if children is not None and value > children:
            return [RowProblem(
                number, f"{value} is more than the {children:,} children living in "
                        f"{area.name}.", "value")]
    return []


def _rate_warnings(checked: list[CheckedRow], populations) -> list[RowProblem]:
    """A rate that disagrees with its count (from this return or already held)."""
    rate_rows = [c for c in checked if c.indicator.count_indicator_id
                 and c.indicator.unit == Indicator.Unit.RATE_10K]
    if not rate_rows:
        return []
    counts: dict[tuple[int | None, int, str], Decimal] = {
        (c.indicator.pk, c.area.pk, c.period.label): c.value for c in checked}
    wanted = {(r.indicator.count_indicator_id, r.area.pk, r.period.label) for r in rate_rows}
    missing = wanted - counts.keys()
    if missing:
        stored = IndicatorValue.objects.filter(
            indicator_id__in={k[0] for k in missing}, area_id__in={k[1] for k in missing},
            period__in={k[2] for k in missing},
        ).values_list("indicator_id", "area_id", "period", "value")
        for ind, area_id, period, value in stored:
            counts.setdefault((ind, area_id, period), value)
    warnings = []
    for r in rate_rows:
        count = counts.get((r.indicator.count_indicator_id, r.area.pk, r.period.label))
        children = population_for(populations, r.area.pk, r.period)
        if count is None or children is None:
            continue
        computed = analysis.rate_disagrees(r.value, count, children)
        if computed is not None:
            warnings.append(RowProblem(
                r.row,
                f"The rate {r.value} per 10,000 does not match {count.normalize():f} children "
                f"among {children:,} ({computed} per 10,000); rates may differ by at most "
                f"{analysis.RATE_TOLERANCE} before we ask. Check it, or confirm it is right.",
                "value"))
    return warnings


def _partnership_of(checked: list[CheckedRow], partnership):
    if partnership is not None:
        return partnership
    ids = {c.area.partnership_id for c in checked}
    if len(ids) != 1:
        raise DataReturnRejected([RowProblem(
            1, "All rows of one return must be for areas of one partnership.", "area_code")])
    return checked[0].area.partnership


def data_return_submit(*, actor, rows: list[dict], method: str, partnership=None,
                       partnership_ids: set[int] | None = None, filename: str = "",
                       confirm_warnings: bool = False, synthetic: bool = False,
                       progress: Callable[[int], None] | None = None) -> DataReturn:
    """Check and save a return, all or nothing. `progress`: see check_rows.

    Raises DataReturnRejected (errors by row, nothing saved) or WarningsNeedConfirmation
    (when there are warnings and `confirm_warnings` is false)."""
    # Refuse before reading any row where we can: with its partnership, or an actor with no
    # role anywhere; the API's rows name their partnership, asked again below.
    if partnership is not None:
        require(actor, "performance.submit_return", partnership)
    elif not _is_user(actor) or not (actor.is_superuser
                                     or policy.scope_of(actor).partnership_ids()):
        raise PermissionDenied("Your role does not allow this.")
    if not rows:
        raise DataReturnRejected([RowProblem(1, "The return has no rows.")])
    checked, errors, warnings = check_rows(
        rows, partnership_ids=partnership_ids,
        senders=sender_organisations(actor, partnership_ids), progress=progress)
    if errors:
        raise DataReturnRejected(errors, rows_processed=len(rows))
    if warnings and not confirm_warnings:
        raise WarningsNeedConfirmation(warnings, [c.as_json() for c in checked])
    partnership = _partnership_of(checked, partnership)
    # Asked once the return's partnership is known: the API sends rows without one.
    require(actor, "performance.submit_return", partnership)
    with transaction.atomic():
        data_return = DataReturn.objects.create(
            partnership=partnership, submitted_by=actor if _is_user(actor) else None,
            method=method, filename=filename[:200], row_count=len(checked), synthetic=synthetic,
            warnings=[asdict(w) for w in warnings],
        )
        corrected = _save_values(data_return, checked)
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=data_return,
                     partnership=partnership,
                     changes={"rows": len(checked), "corrections": corrected, "method": method,
                              "warnings_confirmed": len(warnings)})
    return data_return


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def data_return_hold(*, actor, partnership, rows: list[dict], warnings: list[RowProblem],
                     method: str, filename: str = "") -> DataReturn:
    """Keep checked rows with warnings until the sender confirms or discards them."""
    require(actor, "performance.submit_return", partnership)
    with transaction.atomic():
        data_return = DataReturn.objects.create(
            partnership=partnership, submitted_by=actor, method=method,
            status=DataReturn.Status.PENDING, filename=filename[:200], row_count=len(rows),
            pending_rows=rows, warnings=[asdict(w) for w in warnings],
        )
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=data_return,
                     partnership=partnership, changes={"status": "pending", "rows": len(rows)})
    return data_return


def data_return_confirm(*, actor, data_return: DataReturn) -> DataReturn:
    """Save a held return whose warnings the sender has confirmed (re-checked first)."""
    require(actor, "performance.settle_return", data_return)
    if data_return.status != DataReturn.Status.PENDING:
        raise ValidationError("This return has already been saved or discarded.")
    ids = {data_return.partnership_id}
    checked, errors, warnings = check_rows(data_return.pending_rows, partnership_ids=ids,
                                           senders=sender_organisations(actor, ids))
    if errors:
        raise DataReturnRejected(errors, rows_processed=len(data_return.pending_rows))
    with transaction.atomic():
        locked = DataReturn.objects.select_for_update().get(pk=data_return.pk)
        if locked.status != DataReturn.Status.PENDING:
            raise ValidationError("This return has already been saved or discarded.")
        corrected = _save_values(locked, checked)
        locked.status = DataReturn.Status.SAVED
        locked.pending_rows = []
        locked.warnings = [asdict(w) for w in warnings]
        locked.save(update_fields=["status", "pending_rows", "warnings", "updated_at"])
        audit_record(actor=actor, action=AuditEvent.Action.CHANGE, obj=locked,
                     partnership=locked.partnership,
                     changes={"status": {"from": "pending", "to": "saved"},
                              "rows": len(checked), "corrections": corrected,
                              "warnings_confirmed": len(warnings)})
    return locked


def data_return_discard(*, actor, data_return: DataReturn) -> DataReturn:
    require(actor, "performance.settle_return", data_return)
    if data_return.status != DataReturn.Status.PENDING:
        raise ValidationError("Only a return awaiting confirmation can be discarded.")
    with transaction.atomic():
        data_return.status = DataReturn.Status.DISCARDED
        data_return.pending_rows = []
        data_return.save(update_fields=["status", "pending_rows", "updated_at"])
        audit_record(actor=actor, action=AuditEvent.Action.CHANGE, obj=data_return,
                     partnership=data_return.partnership,
                     changes={"status": {"from": "pending", "to": "discarded"}})
    return data_return


SERIES_FIELDS = ("id", "indicator_id", "area_id", "period", "period_type", "period_start",
                 "value", "note", "data_return_id", *derived.FIELDS)
AREA_CHUNK = 50


def _series_rows(pairs: set[tuple[int, int]]) -> dict[tuple, tuple]:
    """(indicator, area, period) -> the stored row (SERIES_FIELDS), for every value of the
    given (indicator, area) series. One query per AREA_CHUNK areas."""
    indicators = sorted({i for i, _ in pairs})
    areas = sorted({a for _, a in pairs})
    found = {}
    for start in range(0, len(areas), AREA_CHUNK):
        rows = IndicatorValue.objects.filter(
            indicator_id__in=indicators, area_id__in=areas[start:start + AREA_CHUNK],
        ).order_by().values_list(*SERIES_FIELDS)
        for row in rows:
            if (row[1], row[2]) in pairs:
                found[(row[1], row[2], row[3])] = row
    return found


def _derive_series(existing: dict[tuple, tuple], incoming: dict[tuple, tuple]) -> dict:
    """(indicator, area, period) -> derived.Derived for every value of the series touched,
    from the stored values with the incoming (kind, start, value) ones laid over them."""
    series: dict = {}
    for (indicator, area, period), row in existing.items():
        series.setdefault((indicator, area), {})[period] = (row[4], row[5], row[6])
    for (indicator, area, period), point in incoming.items():
        series.setdefault((indicator, area), {})[period] = point
    found = {}
    for (indicator, area), points in series.items():
        for period, d in derived.derive(
                (period, kind, start, value)
                for period, (kind, start, value) in points.items()).items():
            found[(indicator, area, period)] = d
    return found


def _write_derived(existing: dict[tuple, tuple], figures: dict) -> None:
    """Store the derived figures of existing values where they changed."""
    changed = []
    for key, row in existing.items():
        d = figures.get(key)
        if d is not None and tuple(row[-len(derived.FIELDS):]) != d.as_row():
            changed.append(IndicatorValue(pk=row[0], **d.as_fields()))
    if changed:
        IndicatorValue.objects.bulk_update(changed, list(derived.FIELDS), batch_size=1000)


def _save_values(data_return: DataReturn, checked: list[CheckedRow]) -> int:
    """Insert new values; replace changed ones keeping what they replaced; store the derived
    figures of every series the return touches. Returns the number of corrections."""
    # Two returns for the same areas derive from the series one after the other, never from
    # the same snapshot (runs inside the caller's transaction; pk order avoids deadlocks).
    list(Area.objects.select_for_update().filter(pk__in={c.area.pk for c in checked})
         .order_by("pk").values_list("pk", flat=True))
    existing = _series_rows({(c.indicator.pk, c.area.pk) for c in checked})
    new, changed, corrections = [], [], []
    incoming = {}
    now = timezone.now()
    for c in checked:
        key = (c.indicator.pk, c.area.pk, c.period.label)
        incoming[key] = (c.period.kind, c.period.start, c.value)
        current = existing.get(key)
        if current is None:
            new.append(c)
        elif current[6] != c.value or current[7] != c.note:
            corrections.append(ValueCorrection(
                value_id=current[0], previous_value=current[6], previous_note=current[7],
                previous_return_id=current[8], corrected_by=data_return))
            changed.append(IndicatorValue(
                pk=current[0], value=c.value, note=c.note, data_return=data_return,
                synthetic=data_return.synthetic, updated_at=now))
    figures = _derive_series(existing, incoming)
    _insert_values(data_return, new, now, figures)
    if changed:
        IndicatorValue.objects.bulk_update(
            changed, ["value", "note", "data_return", "synthetic", "updated_at"], batch_size=1000)
        ValueCorrection.objects.bulk_create(corrections, batch_size=2000)
    _write_derived(existing, figures)
    return len(corrections)


def derived_refresh(*, actor, partnership) -> int:
    """Derive again the stored figures of every value of the partnership's areas: after
    values were changed outside the services (a data fix in the database, a bulk load).
    Returns the number of values whose figures changed."""
    require(actor, "performance.manage_catalogue", partnership)
    area_ids = list(Area.objects.filter(partnership=partnership).values_list("pk", flat=True))
    pairs = set(IndicatorValue.objects.filter(area_id__in=area_ids).order_by()
                .values_list("indicator_id", "area_id").distinct())
    existing = _series_rows(pairs)
    figures = _derive_series(existing, {})
    before = sum(1 for key, row in existing.items()
                 if tuple(row[-len(derived.FIELDS):]) != figures[key].as_row())
    with transaction.atomic():
        _write_derived(existing, figures)
    return before


INSERT_COLUMNS = ["created_at", "updated_at", "indicator", "area", "period", "period_type",
                  "period_start", "value", "note", "synthetic", "data_return", *derived.FIELDS]
INSERT_BATCH = 5000


def _insert_values(data_return: DataReturn, rows: list[CheckedRow], now, figures) -> None:
    """Insert checked rows, with their derived figures, by the driver's bulk path (COPY on
    PostgreSQL, executemany elsewhere).

    A national return is hundreds of thousands of rows; building a model instance for each
    (bulk_create) cost three times the insert itself. The rows are already validated, and
    the column list comes from the model, so this stays in step with migrations."""
    if not rows:
        return
    ops = connection.ops
    meta = IndicatorValue._meta
    columns = ", ".join(ops.quote_name(meta.get_field(f).column)  # type: ignore[union-attr,arg-type]
                        for f in INSERT_COLUMNS)
    sql = (f"INSERT INTO {ops.quote_name(meta.db_table)} ({columns}) "
           f"VALUES ({', '.join(['%s'] * len(INSERT_COLUMNS))})")
    stamp = ops.adapt_datetimefield_value(now)
    value_field = meta.get_field("value")
    spc_field = meta.get_field("spc")

    def number(value):
        return None if value is None else ops.adapt_decimalfield_value(
            value, value_field.max_digits, value_field.decimal_places)

    params = []
    for r in rows:
        d = figures[(r.indicator.pk, r.area.pk, r.period.label)]
        params.append((
            stamp, stamp, r.indicator.pk, r.area.pk, r.period.label, r.period.kind,
            ops.adapt_datefield_value(r.period.start), number(r.value), r.note,
            data_return.synthetic, data_return.pk, number(d.previous_value),
            number(d.year_before_value), spc_field.get_db_prep_save(d.spc, connection),
            d.newest))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is PostgreSQL's bulk path: several times the speed of executemany.
            with cursor.cursor.copy(f"COPY {ops.quote_name(meta.db_table)} ({columns}) "
                                    "FROM STDIN") as copy:
                for row in params:
                    copy.write_row(row)
            return
        for start in range(0, len(params), INSERT_BATCH):
            cursor.executemany(sql, params[start:start + INSERT_BATCH])


# ---- the catalogue ----

CATALOGUE_COLUMNS = ["code", "name", "definition", "section", "topic", "unit", "polarity",
                     "source_organisation", "source_kind", "frequency", "count_indicator",
                     "village_label"]
CATALOGUE_FIELDS = [c for c in CATALOGUE_COLUMNS if c != "count_indicator"]
NATIONAL_ONLY = ("Only the national catalogue administrator may change a national indicator; "
                 "add a local indicator for your partnership instead.")


def _require_catalogue(actor, partnership) -> None:
    """National (partnership None): the national catalogue administrator; local: the
    partnership's business unit. Commands and the demo act as the system actor."""
    if partnership is None:
        require(actor, "performance.change_national_indicator", message=NATIONAL_ONLY)
    else:
        require(actor, "performance.manage_catalogue", partnership,
                       message="Only the business unit may add or change indicators.")


def indicator_create(*, actor, data: dict, partnership=None) -> Indicator:
    """Add a national indicator (partnership None) or a partnership's local one."""
    _require_catalogue(actor, partnership)
    return model_create(model_class=Indicator, data={**data, "partnership": partnership},
                        actor=actor, partnership=partnership)


def indicator_update(*, actor, indicator: Indicator, data: dict,
                     expected_version: int | None = None) -> Indicator:
    """Change an indicator's definition: its audit row carries the local indicator's
    partnership; a national one is changed only by the national catalogue administrator."""
    require(actor, "performance.change_indicator", indicator,
            message=NATIONAL_ONLY if indicator.is_national
            else "Only the partnership's business unit may change this indicator.")
    return model_update(instance=indicator, fields=[*CATALOGUE_FIELDS, "count_indicator"],
                        data=data, actor=actor, expected_version=expected_version,
                        partnership=indicator.partnership)


def _would_change(indicator: Indicator, data: dict, existing: dict, count_code: str) -> bool:
    """Whether an import row differs from the indicator it names (after choices are read)."""
    for name in CATALOGUE_FIELDS:
        value = data.get(name, "")
        if name in ("section", "topic", "unit", "polarity", "frequency", "source_kind"):
            model_field = Indicator._meta.get_field(name)
            choices = dict(model_field.choices)  # type: ignore[union-attr,arg-type]
            value = _choice(value, choices.items()) or value
        if str(getattr(indicator, name)) != value and not (
                name == "polarity" and not value and indicator.polarity == "neither") and not (
                name == "frequency" and not value and indicator.frequency == "quarterly"):
            return True
    current = indicator.count_indicator.code if indicator.count_indicator else ""
    return current != count_code.strip()


def _choice(value: str, choices) -> str | None:
    """Accept a choice's stored value or its label, any case."""
    text = (value or "").strip().lower()
    for stored, label in choices:
        if text in (stored.lower(), str(label).lower()):
            return stored
    return None


def catalogue_import(*, actor, rows: list[dict], partnership=None) -> dict:
    """Create or update indicators by code, all or nothing. Returns counts; raises
    DataReturnRejected with errors by row.

    With a partnership (the business unit's import page) new codes become the partnership's
    local indicators and only its local indicators may change; a row that would change a
    national indicator is refused unless the actor is the national catalogue administrator.
    Without one (commands, the demo) the rows are the national catalogue."""
    _require_catalogue(actor, partnership)
    errors: list[RowProblem] = []
    national_role = actor.has_perm("performance.change_national_indicator")
    visible = Indicator.objects.select_related("count_indicator")
    if partnership is not None:
        visible = visible.visible_in(partnership)
    existing = {i.code: i for i in visible}
    # A code with a NUL character is refused by row below; it must not reach the query.
    taken = set(Indicator.objects.exclude(pk__in=[i.pk for i in existing.values()])
                .filter(code__in={str(r.get("code") or "").strip() for r in rows
                                  if "\x00" not in str(r.get("code") or "")})
                .values_list("code", flat=True))
    codes_in_file = {str(r.get("code") or "").strip() for r in rows}
    seen: dict[str, int] = {}
    prepared = []
    choice_fields = {"section": Indicator.Section.choices, "topic": Indicator.Topic.choices,
                     "unit": Indicator.Unit.choices, "polarity": Indicator.Polarity.choices,
                     "frequency": Indicator.Frequency.choices,
                     "source_kind": Organisation.Kind.choices}
    for number, raw in enumerate(rows, start=1):
        data = {f: str(raw.get(f) or "").strip() for f in CATALOGUE_FIELDS}
        problems = nul_problems(number, data)
        if problems:
            errors.extend(problems)
            continue
        if not data["code"]:
            problems.append(RowProblem(number, "Enter the indicator code.", "code"))
        elif data["code"] in seen:
            problems.append(RowProblem(number, f"This repeats the code in row {seen[data['code']]}.",
                                       "code"))
        elif data["code"] in taken:
            problems.append(RowProblem(
                number, f"The code “{data['code']}” is already used; choose another.", "code"))
        else:
            seen[data["code"]] = number
        current = existing.get(data["code"])
        if "source_kind" not in raw and current is not None:
            data["source_kind"] = current.source_kind  # an older download without the column
        if (current is not None and current.is_national and not national_role
                and _would_change(current, data, existing, str(raw.get("count_indicator") or ""))):
            problems.append(RowProblem(number, f"{current.code} is a national indicator. "
                                               + NATIONAL_ONLY, "code"))
        if not data["name"]:
            problems.append(RowProblem(number, "Enter the indicator's name.", "name"))
        for name, choices in choice_fields.items():
            if name == "frequency" and not data[name]:
                data[name] = Indicator.Frequency.QUARTERLY
                continue
            if name == "polarity" and not data[name]:
                data[name] = Indicator.Polarity.NEITHER
                continue
            if name == "source_kind" and not data[name]:
                continue
            stored = _choice(data[name], choices)
            if stored is None:
                allowed = ", ".join(c for c, _ in choices)
                problems.append(RowProblem(
                    number, f"“{data[name]}” is not a {name}; use one of: {allowed}.", name))
            else:
                data[name] = stored
        count_code = str(raw.get("count_indicator") or "").strip()
        if count_code and (count_code not in existing or count_code in taken) \
                and count_code not in codes_in_file:
            problems.append(RowProblem(
                number, f"There is no indicator with the code “{count_code}”.", "count_indicator"))
        for name, limit in (("code", 40), ("name", 200), ("source_organisation", 200),
                            ("village_label", 80)):
            if len(data[name]) > limit:
                problems.append(RowProblem(number, f"The {name} must be {limit} characters or fewer.",
                                           name))
        errors.extend(problems)
        prepared.append((data, count_code))
    if errors:
        raise DataReturnRejected(errors, rows_processed=len(rows))
    created = updated = 0
    with transaction.atomic():
        for data, _ in prepared:
            indicator = existing.get(data["code"])
            if indicator is None:
                existing[data["code"]] = model_create(
                    model_class=Indicator, data={**data, "partnership": partnership},
                    actor=actor, partnership=partnership)
                created += 1
            else:
                before = indicator.version
                # The import read these rows in this transaction: that is its version.
                model_update(instance=indicator, fields=CATALOGUE_FIELDS, data=data, actor=actor,
                             expected_version=before, partnership=indicator.partnership)
                updated += indicator.version != before
        for data, count_code in prepared:
            indicator = existing[data["code"]]
            target = existing.get(count_code) if count_code else None
            if indicator.count_indicator_id != (target.pk if target else None):
                model_update(instance=indicator, fields=["count_indicator"],
                             data={"count_indicator": target}, actor=actor,
                             expected_version=indicator.version, partnership=indicator.partnership)
    return {"created": created, "updated": updated, "rows": len(rows)}


# ---- exceptions for the Engine Room ----


def exception_title(proposal) -> str:
    return (f"Performance exception: {proposal.indicator.name}, {proposal.area.name}, "
            f"{proposal.period}")[:200]


def exception_to_agenda(*, actor, partnership, key: str):
    """Put a proposed exception on the Engine Room's next planned meeting.

    `key` is "indicator code|area ONS code|period" of a current proposal."""
    require(actor, "performance.propose_exception", partnership)
    from governance.models import AgendaItem

    proposal = next((p for p in exception_proposals(partnership=partnership) if p.key == key),
                    None)
    if proposal is None:
        raise ValidationError("That exception is no longer proposed: the figures have changed.")
    meeting = next_engine_room_meeting(partnership)
    if meeting is None:
        raise ValidationError(
            "There is no planned Engine Room meeting to add this to. Ask the business unit to "
            "plan the next Engine Room meeting first.")
    title = exception_title(proposal)
    if meeting.agenda_items.filter(title=title).exists():
        raise ValidationError(f"This is already on the agenda of {meeting}.")
    last = meeting.agenda_items.order_by("-order").values_list("order", flat=True).first() or 0
    value = f"{proposal.value.normalize():f}" if proposal.value is not None else "no value"
    findings = (f"{proposal.indicator.name} in {proposal.area.name} was {value} "
                f"({proposal.indicator.get_unit_display().lower()}) in {proposal.period}: "
                + "; ".join(proposal.reasons) + ". Proposed from the performance scorecard.")
    return model_create(
        model_class=AgendaItem, actor=actor, partnership=partnership,
        data={"meeting": meeting, "order": last + 1, "title": title,
              "kind": AgendaItem.Kind.DISCUSSION, "presenter": "Business unit",
              "findings": findings},
    )


def target_set(*, actor, partnership, indicator: Indicator, value: Decimal,
               tolerance: Decimal) -> Target:
    """Set (or change) the partnership's target for an indicator."""
    require(actor, "performance.manage_catalogue", partnership)
    if indicator.polarity == Indicator.Polarity.NEITHER:
        raise ValidationError({"value": "This indicator has no better direction, so a target "
                                        "cannot give it a red, amber or green status."})
    if tolerance < 0:
        raise ValidationError({"tolerance": "The tolerance cannot be negative."})
    current = Target.objects.filter(partnership=partnership, indicator=indicator).first()
    if current is None:
        return model_create(model_class=Target, actor=actor, partnership=partnership,
                            data={"partnership": partnership, "indicator": indicator,
                                  "value": value, "tolerance": tolerance})
    return model_update(instance=current, fields=["value", "tolerance"], actor=actor,
                        partnership=partnership, data={"value": value, "tolerance": tolerance})
