"""Child populations from ONS mid-year estimates, imported from a CSV or XLSX file: all
rows or none, problems by row (core.web.TableImportView shows them)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Area, AreaPopulation
from .policy import require
from .services import check_population, model_create, model_update
from .tabular import RowProblem, RowsRejected

# The columns of a population file, with the names ONS tables and people use for them.
POPULATION_COLUMNS = {
    "area_code": ("area_code", "area code", "code", "ons code", "ons_code"),
    "year": ("year", "mid-year", "mid_year"),
    "children": ("children", "population aged 0-17", "aged 0-17", "population"),
}


def population_columns(rows: list[dict]) -> list[dict]:
    """The rows keyed by area_code, year and children, whichever of the usual names the file
    gives its columns. Raises ValidationError naming a column it cannot find."""
    header = set(rows[0]) if rows else set()
    chosen, missing = {}, []
    for key, names in POPULATION_COLUMNS.items():
        found = next((n for n in names if n in header), None)
        if found is None:
            missing.append(f"{key} (or {', '.join(names[1:3])})")
        chosen[key] = found
    if missing:
        raise ValidationError("The first row must name the columns; missing: "
                              + "; ".join(missing) + ".")
    return [{key: str(row.get(name) or "").strip() for key, name in chosen.items()}
            for row in rows]


def population_import(*, actor, partnership, rows: list[dict], source: str = "") -> int:
    """Save yearly child populations from rows of area_code, year, children: all or nothing.
    A row for an area and year already held corrects it. Raises RowsRejected with the
    problems by row (the first MAX_LISTED_PROBLEMS listed) and saves nothing."""
    require(actor, "core.manage_partnership", partnership)
    areas = {a.ons_code: a for a in Area.objects.filter(partnership=partnership)}
    held = {(p.area_id, p.year): p
            for p in AreaPopulation.objects.filter(area__partnership=partnership)}
    problems: list[RowProblem] = []
    accepted: list[tuple[Area, int, int]] = []
    seen: dict[tuple, int] = {}
    for number, row in enumerate(rows, start=1):
        code = row.get("area_code", "").upper()
        area = areas.get(code)
        if area is None:
            problems.append(RowProblem(number, f"“{code}” is not an area of this partnership: "
                                       "add the area first." if code else
                                       "The area code is missing.", "area_code"))
        year = children = None
        try:
            year = int(row.get("year", ""))
        except ValueError:
            problems.append(RowProblem(number, "Enter the year as a whole number, e.g. 2020.",
                                       "year"))
        try:
            children = int(row.get("children", "").replace(",", ""))
        except ValueError:
            problems.append(RowProblem(number, "Enter the number of children as a whole "
                                       "number.", "children"))
        if area is None or year is None or children is None:
            continue
        try:
            # An area and year already held is corrected, not refused as a duplicate.
            check_population(area=area, year=year, children=children, one_per_year=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                problems.extend(RowProblem(number, m, name) for m in messages)
            continue
        if (area.pk, year) in seen:
            problems.append(RowProblem(number, f"{area.name} {year} is also in row "
                                       f"{seen[(area.pk, year)]}.", "year"))
            continue
        seen[(area.pk, year)] = number
        accepted.append((area, year, children))
    if problems:
        raise RowsRejected(problems, rows_processed=len(rows))
    if not accepted:
        raise ValidationError("The file has no rows of populations.")
    with transaction.atomic():
        for area, year, children in accepted:
            current = held.get((area.pk, year))
            data = {"year": year, "children": children, "source": source}
            if current is None:
                model_create(model_class=AreaPopulation, data={**data, "area": area},
                             actor=actor, partnership=partnership)
            else:
                model_update(instance=current, fields=["children", "source"], data=data,
                             actor=actor, partnership=partnership)
    return len(accepted)
