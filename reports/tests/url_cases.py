from core.tests.walk import READERS, UrlCase
from reports.tests.helpers import (
    make_indicator,
    world_activity,
    world_block,
    world_measure,
    world_priority,
    world_publication,
    world_report,
)

BU = frozenset({"business_unit"})
PUBLISHERS = frozenset({"business_unit", "partner_delegate"})
NOT_SHOWN = (403, 404)


def _pk(key="report", **extra):
    return lambda w: {"slug": w.partnership.slug, "pk": world_report(w, key).pk, **extra}


def _item(key="activity"):
    return lambda w: {"slug": w.partnership.slug, "pk": world_report(w).pk,
                      "item": world_activity(w, key).pk}


def _priority(key="priority", **extra):
    def kwargs(w):
        priority = world_priority(w, key)
        return {"slug": w.partnership.slug, "pk": priority.report_id,
                "priority": priority.pk, **extra}
    return kwargs


def _measure(w):
    measure = world_measure(w)
    return {"slug": w.partnership.slug, "pk": measure.priority.report_id,
            "priority": measure.priority_id, "measure": measure.pk}


def _publication(fmt):
    def kwargs(w):
        publication = world_publication(w)
        return {"slug": w.partnership.slug, "pk": publication.report_id,
                "number": publication.number, "fmt": fmt}
    return kwargs


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
    UrlCase("reports:activity_edit", kwargs=_item(), allowed=BU),
    UrlCase("reports:activity_edit", kwargs=_item("beta_activity"), allowed=frozenset(),
            refused_status=NOT_SHOWN, note="another partnership's activity"),
    UrlCase("reports:activity_remove", kwargs=_item(), allowed=BU),
    UrlCase("reports:activity_remove", kwargs=_item(), method="post",
            data=lambda w: {"version": 99}, allowed=BU, ok_status=(302,),
            note="a stale version: refused with a message, so the item outlives the walk"),
    UrlCase("reports:activity_remove", kwargs=_item("beta_activity"), method="post",
            data=lambda w: {"version": 1}, allowed=frozenset(), refused_status=NOT_SHOWN,
            note="another partnership's activity"),
    UrlCase("reports:priority_add", kwargs=_pk(), allowed=BU),
    UrlCase("reports:priority_edit", kwargs=_priority(), allowed=BU),
    UrlCase("reports:priority_edit", kwargs=_priority("beta_priority"), allowed=frozenset(),
            refused_status=NOT_SHOWN, note="another partnership's priority"),
    UrlCase("reports:priority_remove", kwargs=_priority(), allowed=BU),
    UrlCase("reports:priority_remove", kwargs=_priority(), method="post",
            data=lambda w: {"version": 99}, allowed=BU, ok_status=(302,),
            note="a stale version: refused with a message, so the priority outlives the walk"),
    UrlCase("reports:priority_remove", kwargs=_priority("beta_priority"), method="post",
            data=lambda w: {"version": 1}, allowed=frozenset(), refused_status=NOT_SHOWN,
            note="another partnership's priority"),
    UrlCase("reports:priority_move", kwargs=_priority(), method="post",
            data=lambda w: {"direction": "up"}, allowed=BU, ok_status=(302,),
            note="already first: refused with a message"),
    UrlCase("reports:priority_move", kwargs=_priority("beta_priority"), method="post",
            data=lambda w: {"direction": "up"}, allowed=frozenset(), refused_status=NOT_SHOWN,
            note="another partnership's priority"),
    UrlCase("reports:measure_add", kwargs=_priority(), allowed=BU),
    UrlCase("reports:measure_add", kwargs=_priority(), method="post",
            data=lambda w: {"indicator": make_indicator("BETA1", partnership=w.other).pk},
            allowed=BU, note="another partnership's indicator: the form says so, saves "
                             "nothing"),
    UrlCase("reports:measure_add", kwargs=_priority("beta_priority"), allowed=frozenset(),
            refused_status=NOT_SHOWN, note="another partnership's priority"),
    UrlCase("reports:measure_remove", kwargs=_measure, method="post", data=lambda w: {},
            allowed=BU, ok_status=(302,)),
    UrlCase("reports:finance", kwargs=_pk(), allowed=BU),
    UrlCase("reports:publication", kwargs=_pk(), allowed=PUBLISHERS),
    UrlCase("reports:publication_event_add", kwargs=_pk(), allowed=PUBLISHERS),
    UrlCase("reports:report_publish", kwargs=_pk(), allowed=PUBLISHERS),
    UrlCase("reports:report_publish", kwargs=_pk(), method="post",
            data=lambda w: {"published_on": ""}, allowed=PUBLISHERS,
            note="no date: the form is shown again with its error, nothing is published"),
    UrlCase("reports:report_publish", kwargs=_pk("beta_report"), allowed=frozenset(),
            refused_status=NOT_SHOWN, note="another partnership's report"),
    UrlCase("reports:publication_download", kwargs=_publication("pdf"), allowed=READERS),
    UrlCase("reports:publication_download", kwargs=_publication("docx"), allowed=READERS),
]
