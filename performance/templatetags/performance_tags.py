from decimal import Decimal
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from performance.models import Indicator

register = template.Library()

UNITS = dict(Indicator.Unit.choices)
RAG_TAGS = {"red": "govuk-tag--red", "amber": "govuk-tag--yellow", "green": "govuk-tag--green"}


@register.filter
def num(value):
    """A stored value without trailing zeros: 12.5000 -> 12.5, 129.0000 -> 129."""
    if value is None or value == "":
        return "–"
    value = Decimal(value)
    text = f"{value.normalize():f}"
    if "." not in text and abs(value) >= 10000:
        return f"{int(value):,}"
    return text


@register.filter
def change_text(change):
    """e.g. 'up 5.2%', 'down 1.3 percentage points', 'no change'."""
    if change is None:
        return "–"
    if change.direction == "same":
        return "no change"
    if change.value is None:
        return f"{change.direction} from zero"
    size = abs(change.value)
    unit = "%" if change.kind == "percent" else " percentage points"
    return f"{change.direction} {size}{unit}"


@register.filter
def improved_text(change):
    if change is None or change.improved is None:
        return ""
    return "better" if change.improved else "not better"


@register.filter
def rag_class(rag):
    return RAG_TAGS.get(rag, "govuk-tag--grey")


def _change_cell(change) -> str:
    text = change_text(change)
    if change is not None and change.improved is not None:
        text += f" ({improved_text(change)})"
    return text


@register.simple_tag
def scorecard_rows(figures, partnership):
    """The rows of a scorecard table. Built here rather than in the template: 150 rows of
    eight cells were most of the cost of a scorecard not yet cached (decision 0032)."""
    # The detail pages sit below the catalogue: one reverse() for the table, not one a row.
    catalogue = reverse("performance:indicator_list", kwargs={"slug": partnership.slug})
    rows = []
    for f in figures:
        indicator = f.indicator
        synthetic = format_html(' <strong class="govuk-tag govuk-tag--grey">Synthetic</strong>'
                                ) if f.synthetic else ""
        england = num(f.benchmarks.get("england"))
        if f.england_comparison:
            england = format_html('{} <span class="govuk-body-s">({})</span>', england,
                                  f.england_comparison)
        if f.rag:
            rag = format_html('<strong class="govuk-tag {}">{}</strong> '
                              '<span class="govuk-body-s">target {}</span>',
                              rag_class(f.rag), f.rag.title(), num(f.target.value))
        else:
            rag = "No target"
        if f.spc_signal:
            spc = format_html('<strong class="govuk-tag govuk-tag--orange">Signal</strong> '
                              '<span class="govuk-body-s">{}</span>', "; ".join(f.spc_signal))
        else:
            spc = "No signal" if f.spc else "Too few points"
        rows.append(format_html(
            '<tr class="govuk-table__row">\n'
            '    <th scope="row" class="govuk-table__header"><a class="govuk-link" href="{}">{}'
            '</a>\n      <span class="govuk-body-s govuk-!-display-block">{}</span></th>\n'
            '    <td class="govuk-table__cell hub-num">{}{}</td>\n'
            '    <td class="govuk-table__cell">{}</td>\n'
            '    <td class="govuk-table__cell">{}</td>\n'
            '    <td class="govuk-table__cell hub-num">{}</td>\n'
            '    <td class="govuk-table__cell hub-num">{}</td>\n'
            '    <td class="govuk-table__cell">{}</td>\n'
            '    <td class="govuk-table__cell">{}</td>\n  </tr>',
            f"{catalogue}{quote(indicator.code, safe='')}/", indicator.name, UNITS[indicator.unit], num(f.value), synthetic,
            _change_cell(f.change_period), _change_cell(f.change_year), england,
            f"{f.rank} of {f.rank_of}" if f.rank else "–", rag, spc))
    return mark_safe("\n  ".join(rows))  # each row built by format_html, which escapes
