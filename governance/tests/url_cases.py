from django.core.files.base import ContentFile

from core.tests.files import pdf_bytes
from core.tests.walk import READERS, UrlCase
from governance.models import AgendaItem, Paper
from governance.tests.procedure_helpers import world_procedure

# Who sits on world.groups["subgroup"], where world.objects["meeting"] is held.
SUBGROUP_READERS = READERS | {"group_chair", "group_member"}
SUBGROUP_RUNNERS = frozenset({"business_unit", "group_chair"})
NOBODY = frozenset()
NOT_SHOWN = (403, 404)


def _slug_pk(pk_of):
    return lambda w: {"slug": w.partnership.slug, "pk": pk_of(w)}


def _item(w, meeting_key="meeting"):
    return AgendaItem.objects.create(meeting=w.objects[meeting_key], title="Neglect audit report",
                                     kind=AgendaItem.Kind.DISCUSSION)


def _paper(w, meeting_key="meeting"):
    paper = Paper(agenda_item=_item(w, meeting_key), title="Audit report")
    paper.file.save("audit-report.pdf", ContentFile(pdf_bytes("Audit report")), save=True)
    return paper


CASES = [
    UrlCase("governance:group_list", allowed=SUBGROUP_READERS),
    UrlCase("governance:group_detail", kwargs=_slug_pk(lambda w: w.groups["subgroup"].pk),
            allowed=SUBGROUP_READERS),
    UrlCase("governance:group_detail", kwargs=_slug_pk(lambda w: w.groups["beta"].pk),
            allowed=NOBODY, refused_status=NOT_SHOWN, note="another partnership's group"),
    UrlCase("governance:meeting_generate", kwargs=_slug_pk(lambda w: w.groups["subgroup"].pk),
            allowed=SUBGROUP_RUNNERS),
    UrlCase("governance:meeting_list", allowed=SUBGROUP_READERS),
    UrlCase("governance:meeting_create", allowed=SUBGROUP_RUNNERS),
    UrlCase("governance:meeting_detail", kwargs=_slug_pk(lambda w: w.objects["meeting"].pk),
            allowed=SUBGROUP_READERS),
    UrlCase("governance:meeting_detail", kwargs=_slug_pk(lambda w: w.objects["beta_meeting"].pk),
            allowed=NOBODY, refused_status=NOT_SHOWN, note="another partnership's meeting"),
    UrlCase("governance:meeting_edit", kwargs=_slug_pk(lambda w: w.objects["meeting"].pk),
            allowed=SUBGROUP_RUNNERS),
    UrlCase("governance:meeting_edit", kwargs=_slug_pk(lambda w: w.objects["beta_meeting"].pk),
            allowed=NOBODY, refused_status=NOT_SHOWN, note="another partnership's meeting"),
    UrlCase("governance:agenda_item_create", kwargs=_slug_pk(lambda w: w.objects["meeting"].pk),
            allowed=SUBGROUP_RUNNERS),
    UrlCase("governance:attendance_edit", kwargs=_slug_pk(lambda w: w.objects["meeting"].pk),
            allowed=SUBGROUP_RUNNERS),
    UrlCase("governance:decision_create", kwargs=_slug_pk(lambda w: w.objects["meeting"].pk),
            allowed=SUBGROUP_RUNNERS),
    UrlCase("governance:decision_create",
            kwargs=_slug_pk(lambda w: w.objects["beta_meeting"].pk),
            allowed=NOBODY, refused_status=NOT_SHOWN, note="another partnership's meeting"),
    UrlCase("governance:paper_upload", kwargs=_slug_pk(lambda w: _item(w).pk),
            allowed=SUBGROUP_RUNNERS),
    UrlCase("governance:paper_download", kwargs=_slug_pk(lambda w: _paper(w).pk),
            allowed=SUBGROUP_READERS),
    UrlCase("governance:paper_download", kwargs=_slug_pk(lambda w: _paper(w, "beta_meeting").pk),
            allowed=NOBODY, refused_status=NOT_SHOWN, note="another partnership's paper"),
    # The sub-group reports to the Executive, which has no planned meeting in the world:
    # allowed roles are sent back to the meeting with the message, refused ones get 403.
    UrlCase("governance:agenda_item_escalate", kwargs=_slug_pk(lambda w: _item(w).pk),
            method="post", data=lambda w: {}, allowed=SUBGROUP_RUNNERS, ok_status=(302,)),
    UrlCase("governance:agenda_item_escalate",
            kwargs=_slug_pk(lambda w: _item(w, "beta_meeting").pk), method="post",
            data=lambda w: {}, allowed=NOBODY, refused_status=NOT_SHOWN,
            note="another partnership's item"),
    UrlCase("governance:decision_list", allowed=SUBGROUP_READERS),
]

BU_ONLY = frozenset({"business_unit"})
CASES += [
    UrlCase("governance:group_create", allowed=BU_ONLY),
    UrlCase("governance:group_edit", kwargs=_slug_pk(lambda w: w.groups["subgroup"].pk),
            allowed=BU_ONLY),
    UrlCase("governance:group_edit", kwargs=_slug_pk(lambda w: w.groups["beta"].pk),
            allowed=NOBODY, refused_status=NOT_SHOWN, note="another partnership's group"),
    UrlCase("governance:group_chair", kwargs=_slug_pk(lambda w: w.groups["subgroup"].pk),
            allowed=BU_ONLY),
    UrlCase("governance:group_chair", kwargs=_slug_pk(lambda w: w.groups["beta"].pk),
            allowed=NOBODY, refused_status=NOT_SHOWN, note="another partnership's group"),
]


def _procedure(w):
    return {"slug": w.partnership.slug, "pk": world_procedure(w).pk}


def _beta_procedure(w):
    return {"slug": w.partnership.slug, "pk": world_procedure(w, "beta_procedure").pk}


PROCEDURE_BU = frozenset({"business_unit"})
GROUP_READERS = READERS | {"group_chair", "group_member"}
CASES += [
    UrlCase("governance:procedure_list", allowed=GROUP_READERS),
    UrlCase("governance:procedure_create", allowed=PROCEDURE_BU),
    UrlCase("governance:procedure_create", allowed=PROCEDURE_BU, method="post",
            data=lambda w: {"title": "Neglect", "kind": "procedure",
                            "url": "https://procedures.example/neglect",
                            "last_reviewed_on": "2024-03-01", "next_review_due": "2024-02-01"},
            note="next review before the last: the form says so, saves nothing"),
    UrlCase("governance:procedure_detail", kwargs=_procedure, allowed=GROUP_READERS),
    UrlCase("governance:procedure_detail", kwargs=_beta_procedure, allowed=frozenset(),
            refused_status=(403, 404), note="another partnership's procedure"),
    UrlCase("governance:procedure_edit", kwargs=_procedure, allowed=PROCEDURE_BU),
    UrlCase("governance:procedure_version_add", kwargs=_procedure, allowed=PROCEDURE_BU),
]
