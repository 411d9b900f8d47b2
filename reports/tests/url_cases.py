from core.tests.walk import READERS, UrlCase
from reports.tests.helpers import world_block, world_report

BU = frozenset({"business_unit"})
PUBLISHERS = frozenset({"business_unit", "partner_delegate"})
NOT_SHOWN = (403, 404)


def _pk(key="report", **extra):
    return lambda w: {"slug": w.partnership.slug, "pk": world_report(w, key).pk, **extra}


CASES = [
    UrlCase("reports:report_list", allowed=READERS),
    UrlCase("reports:report_create", allowed=BU),
    UrlCase("reports:report_create", allowed=BU, method="post",
            data=lambda w: {"year": "2022-23"}, ok_status=(302,), note="starting a report"),
    UrlCase("reports:report_detail", kwargs=_pk(), allowed=READERS),
    UrlCase("reports:report_detail", kwargs=_pk("beta_report"), allowed=frozenset(),
            refused_status=NOT_SHOWN, note="another partnership's report"),
    UrlCase("reports:report_preview", kwargs=_pk(), allowed=READERS),
    UrlCase("reports:report_download", kwargs=_pk(fmt="docx"), allowed=READERS),
    UrlCase("reports:report_download", kwargs=_pk("beta_report", fmt="docx"),
            allowed=frozenset(), refused_status=NOT_SHOWN, note="another partnership's report"),
    UrlCase("reports:block_edit", kwargs=_pk(kind="foreword"), allowed=BU),
    UrlCase("reports:block_edit", kwargs=_pk(kind="scrutiny"),
            allowed=BU | {"scrutineer"}, note="the scrutineer writes their own statement"),
    UrlCase("reports:block_approve",
            kwargs=lambda w: {"slug": w.partnership.slug, "pk": world_report(w).pk,
                              "block": world_block(w).pk},
            method="post", data=lambda w: {"version": 1},
            allowed=frozenset({"partner_delegate"}), ok_status=(302,)),
    UrlCase("reports:activity_add", kwargs=_pk(), allowed=BU),
    UrlCase("reports:priority_add", kwargs=_pk(), allowed=BU),
    UrlCase("reports:finance", kwargs=_pk(), allowed=BU),
    UrlCase("reports:publication", kwargs=_pk(), allowed=PUBLISHERS),
    UrlCase("reports:publication_event_add", kwargs=_pk(), allowed=PUBLISHERS),
]
