from core.tests.walk import ALL_ROLES, READERS, WORKERS, UrlCase
from reviews.tests.factories import panel_practice_review

from .factories import (
    RESTRICTED_REC_TEXT,
    audit_thread,
    briefing,
    challenge_event,
    challenge_question,
    improvement_plan,
    inquiry,
    plan_object,
    restricted_action,
    restricted_finding,
    signed_off_evidence,
)

NOBODY = frozenset()
NOT_SHOWN = (403, 404)
BUSINESS_UNIT = frozenset({"business_unit"})
# The panel incident's rapid review names the group member (reviews.tests.factories).
PANEL = BUSINESS_UNIT | {"group_member"}
# world.objects["action"]: owned by the group member, for the agency lead's school, set at a
# meeting of the sub-group the group chair chairs.
ACTION_EDITORS = frozenset({"business_unit", "group_chair", "group_member", "agency_lead"})
# The audit's action is owned by the school only (no person, no meeting).
REVIEW_ACTION_READERS = READERS | {"agency_lead"}


def _slug_pk(pk_of):
    return lambda w: {"slug": w.partnership.slug, "pk": pk_of(w)}


def _audit(name):
    def pk(w):
        audit_thread(w)
        return w.objects[name].pk
    return _slug_pk(pk)


def _restricted_source(w):
    return restricted_finding(w).source_id


def _secrets(w):
    """What the restricted action's rapid review must not reveal: the case's name, its
    finding and the recommendation the action answers (creates the action)."""
    restricted_action(w)
    return ["Child P", "Information held by school", RESTRICTED_REC_TEXT]


# The restricted action: readers, the school's agency lead and its owner (the practitioner)
# see it; the business unit edits it with them. Only the business unit (and the review's
# panel, the group member, who does not see this action) may read the review.
RESTRICTED_ACTION_READERS = READERS | {"agency_lead", "practitioner"}
RESTRICTED_ACTION_EDITORS = frozenset({"business_unit", "agency_lead", "practitioner"})
_restricted_pk = _slug_pk(lambda w: restricted_action(w).pk)


def _export(fmt):
    return lambda w: {"export": fmt}


NEED_TO_KNOW_CASES = [
    UrlCase("learning:action_detail", kwargs=_restricted_pk, allowed=RESTRICTED_ACTION_READERS,
            secrets=_secrets, secrets_for=BUSINESS_UNIT, note="an action on a restricted review"),
    UrlCase("learning:thread_action", kwargs=_restricted_pk, allowed=RESTRICTED_ACTION_READERS,
            secrets=_secrets, secrets_for=BUSINESS_UNIT),
    UrlCase("learning:action_edit", kwargs=_restricted_pk, allowed=RESTRICTED_ACTION_EDITORS,
            secrets=_secrets),
    UrlCase("learning:action_update_add", kwargs=_restricted_pk,
            allowed=RESTRICTED_ACTION_EDITORS, secrets=_secrets),
    UrlCase("learning:evidence_add", kwargs=_restricted_pk, allowed=RESTRICTED_ACTION_EDITORS,
            secrets=_secrets),
    UrlCase("learning:thematic_analysis", allowed=READERS, secrets=lambda w: _secrets(w)[:1],
            secrets_for=BUSINESS_UNIT, note="theme counts for all; the review's name not"),
] + [
    UrlCase(f"learning:{name}", allowed=ALL_ROLES if name == "my_actions" else WORKERS,
            data=data, secrets=_secrets,
            secrets_for=NOBODY if name == "my_actions" else BUSINESS_UNIT,
            note=f"{name} page and exports with an action on a restricted review")
    for name in ("plan", "my_actions", "action_list")
    for data in (None, _export("csv"), _export("xlsx"))
]

CASES = [
    UrlCase("learning:action_list", allowed=WORKERS),
    UrlCase("learning:action_detail", kwargs=_slug_pk(lambda w: w.objects["action"].pk),
            allowed=READERS | ACTION_EDITORS),
    UrlCase("learning:action_detail", kwargs=_slug_pk(lambda w: w.objects["beta_action"].pk),
            allowed=NOBODY, refused_status=NOT_SHOWN, note="another partnership's action"),
    UrlCase("learning:action_edit", kwargs=_slug_pk(lambda w: w.objects["action"].pk),
            allowed=ACTION_EDITORS),
    UrlCase("learning:action_edit", kwargs=_slug_pk(lambda w: w.objects["beta_action"].pk),
            allowed=NOBODY, refused_status=NOT_SHOWN, note="another partnership's action"),
    UrlCase("learning:action_update_add", kwargs=_slug_pk(lambda w: w.objects["action"].pk),
            allowed=ACTION_EDITORS),
    UrlCase("learning:action_create", kwargs=_slug_pk(lambda w: w.objects["meeting"].pk),
            allowed=frozenset({"business_unit", "group_chair"})),
    UrlCase("learning:action_create", kwargs=_slug_pk(lambda w: w.objects["beta_meeting"].pk),
            allowed=NOBODY, refused_status=NOT_SHOWN, note="another partnership's meeting"),
    UrlCase("learning:my_actions", allowed=ALL_ROLES, note="rows are the user's own"),
    UrlCase("learning:plan", allowed=WORKERS, note="rows are scoped as the action log"),
    UrlCase("learning:thematic_analysis", allowed=READERS),
    UrlCase("learning:source_detail", kwargs=_audit("audit_source"), allowed=WORKERS),
    UrlCase("learning:source_detail", kwargs=_slug_pk(_restricted_source), allowed=PANEL,
            note="a rapid review's findings are need-to-know"),
    UrlCase("learning:source_detail",
            kwargs=_slug_pk(lambda w: w.objects["beta_meeting"].source_id),
            allowed=NOBODY, refused_status=NOT_SHOWN, note="another partnership's source"),
    UrlCase("learning:finding_create", kwargs=_audit("audit_source"), allowed=BUSINESS_UNIT),
    UrlCase("learning:finding_create", kwargs=_slug_pk(_restricted_source),
            allowed=BUSINESS_UNIT),
    UrlCase("learning:finding_edit", kwargs=_audit("finding"), allowed=BUSINESS_UNIT),
    UrlCase("learning:recommendation_create", kwargs=_audit("finding"), allowed=BUSINESS_UNIT),
    UrlCase("learning:recommendation_edit", kwargs=_audit("recommendation"),
            allowed=BUSINESS_UNIT),
    UrlCase("learning:recommendation_action_create", kwargs=_audit("recommendation"),
            allowed=BUSINESS_UNIT),
    UrlCase("learning:thread_finding", kwargs=_audit("finding"), allowed=WORKERS),
    UrlCase("learning:thread_finding", kwargs=_slug_pk(lambda w: restricted_finding(w).pk),
            allowed=PANEL, note="a finding of a rapid review is need-to-know"),
    UrlCase("learning:thread_recommendation", kwargs=_audit("recommendation"),
            allowed=WORKERS),
    UrlCase("learning:thread_action", kwargs=_audit("review_action"),
            allowed=REVIEW_ACTION_READERS),
    UrlCase("learning:thread_incident", kwargs=_slug_pk(lambda w: restricted_finding(w)
                                                         .source.rapid_review.incident_id),
            allowed=PANEL),
    UrlCase("learning:thread_practice_review", kwargs=_slug_pk(lambda w: panel_practice_review(w).pk), allowed=PANEL),
    UrlCase("learning:evidence_add", kwargs=_audit("review_action"),
            allowed=BUSINESS_UNIT | {"agency_lead"}),
    UrlCase("learning:evidence_download", kwargs=_audit("evidence"),
            allowed=REVIEW_ACTION_READERS),
    UrlCase("learning:evidence_remove", kwargs=_audit("evidence"),
            allowed=BUSINESS_UNIT | {"agency_lead"}),
    UrlCase("learning:evidence_remove", kwargs=_slug_pk(lambda w: signed_off_evidence(w).pk),
            allowed=BUSINESS_UNIT | {"agency_lead"}, ok_status=(302,),
            note="signed off: sent back to the action with the reason"),
    UrlCase("learning:action_sign_off", kwargs=_audit("review_action"), allowed=BUSINESS_UNIT),
    UrlCase("learning:source_action_create", kwargs=_audit("audit_source"),
            allowed=BUSINESS_UNIT),
    UrlCase("learning:source_action_create",
            kwargs=_slug_pk(lambda w: w.objects["meeting"].source_id), allowed=NOBODY,
            refused_status=NOT_SHOWN, note="a meeting's actions are added on its page"),
    UrlCase("learning:challenge_list", allowed=WORKERS),
    UrlCase("learning:challenge_create", allowed=BUSINESS_UNIT),
    UrlCase("learning:challenge_detail", kwargs=_slug_pk(lambda w: challenge_event(w).pk),
            allowed=WORKERS),
    UrlCase("learning:challenge_question_add",
            kwargs=_slug_pk(lambda w: challenge_event(w).pk), allowed=BUSINESS_UNIT),
    UrlCase("learning:challenge_question_edit",
            kwargs=_slug_pk(lambda w: challenge_question(w).pk), allowed=BUSINESS_UNIT),
    UrlCase("learning:challenge_question_remove",
            kwargs=_slug_pk(lambda w: challenge_question(w).pk), allowed=BUSINESS_UNIT),
    UrlCase("learning:challenge_respond", kwargs=_slug_pk(lambda w: challenge_event(w).pk),
            allowed=BUSINESS_UNIT | {"agency_lead"}, note="each agency lead for their agency"),
    UrlCase("learning:challenge_outcome", kwargs=_slug_pk(lambda w: challenge_event(w).pk),
            allowed=BUSINESS_UNIT),
    UrlCase("learning:inquiry_list", allowed=WORKERS),
    UrlCase("learning:inquiry_create", allowed=BUSINESS_UNIT),
    UrlCase("learning:inquiry_detail", kwargs=_slug_pk(lambda w: inquiry(w).pk),
            allowed=WORKERS),
    UrlCase("learning:inquiry_edit", kwargs=_slug_pk(lambda w: inquiry(w).pk),
            allowed=BUSINESS_UNIT),
    UrlCase("learning:dissemination_list", allowed=WORKERS),
    UrlCase("learning:dissemination_create", allowed=BUSINESS_UNIT),
    UrlCase("learning:dissemination_edit", kwargs=_slug_pk(lambda w: briefing(w).pk),
            allowed=BUSINESS_UNIT),
    UrlCase("learning:improvement_plan_list", allowed=WORKERS),
    UrlCase("learning:improvement_plan_create", allowed=BUSINESS_UNIT),
    UrlCase("learning:improvement_plan_detail",
            kwargs=_slug_pk(lambda w: improvement_plan(w).pk), allowed=WORKERS),
    UrlCase("learning:improvement_plan_edit",
            kwargs=_slug_pk(lambda w: improvement_plan(w).pk), allowed=BUSINESS_UNIT),
    UrlCase("learning:objective_edit", kwargs=_slug_pk(lambda w: plan_object("objective")(w).pk),
            allowed=BUSINESS_UNIT),
    UrlCase("learning:objective_add", kwargs=_slug_pk(lambda w: improvement_plan(w).pk),
            allowed=BUSINESS_UNIT),
    UrlCase("learning:plan_action_add", kwargs=_slug_pk(lambda w: plan_object("objective")(w).pk),
            allowed=BUSINESS_UNIT),
    UrlCase("learning:milestone_add",
            kwargs=_slug_pk(lambda w: plan_object("plan_action")(w).pk),
            allowed=BUSINESS_UNIT | {"agency_lead"}, note="the school owns the plan action"),
    UrlCase("learning:milestone_status",
            kwargs=_slug_pk(lambda w: plan_object("milestone")(w).pk),
            allowed=BUSINESS_UNIT | {"agency_lead"}),
] + NEED_TO_KNOW_CASES
