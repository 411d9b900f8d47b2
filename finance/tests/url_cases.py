from core.tests.walk import READERS, UrlCase
from finance.tests.factories import world_line, world_year

BU = frozenset({"business_unit"})
NOT_SHOWN = (403, 404)


def _pk(key="year"):
    return lambda w: {"slug": w.partnership.slug, "pk": world_year(w, key).pk}


def _line(key="year"):
    return lambda w: {"slug": w.partnership.slug, "pk": world_line(w, key).pk}


CASES = [
    UrlCase("finance:year_list", allowed=READERS),
    UrlCase("finance:year_create", allowed=BU),
    UrlCase("finance:year_create", allowed=BU, method="post",
            data=lambda w: {"year_start": "2030"}, ok_status=(302,),
            note="starting a year's budget"),
    UrlCase("finance:year_detail", kwargs=_pk(), allowed=READERS),
    UrlCase("finance:year_detail", kwargs=_pk("beta_year"), allowed=frozenset(),
            refused_status=NOT_SHOWN, note="another partnership's budget"),
    UrlCase("finance:year_edit", kwargs=_pk(), allowed=BU),
    UrlCase("finance:year_edit", kwargs=_pk("beta_year"), allowed=frozenset(),
            refused_status=NOT_SHOWN, note="another partnership's budget"),
    UrlCase("finance:line_add", kwargs=_pk(), allowed=BU),
    UrlCase("finance:line_add", kwargs=_pk(), method="post",
            data=lambda w: {"kind": "expenditure", "label": "Room hire", "amount": "10"},
            allowed=BU, note="spending with no category: the form says so, saves nothing"),
    UrlCase("finance:budget_import", kwargs=_pk(), allowed=BU),
    UrlCase("finance:year_close", kwargs=_pk(), allowed=BU),
    UrlCase("finance:year_close", kwargs=_pk("beta_year"), allowed=frozenset(),
            refused_status=NOT_SHOWN, note="another partnership's budget"),
    UrlCase("finance:year_reopen", kwargs=_pk(), allowed=BU),
    UrlCase("finance:line_remove", kwargs=_line(), method="post", data=lambda w: {},
            allowed=BU, ok_status=(302,), refused_status=NOT_SHOWN,
            note="once removed, the line is not found for the roles walked after"),
    UrlCase("finance:line_remove", kwargs=_line("beta_year"), method="post",
            data=lambda w: {}, allowed=frozenset(), refused_status=NOT_SHOWN,
            note="another partnership's line"),
]
