"""Every write on the learning thread: findings, recommendations, actions, update notes,
evidence, sign-off.

Keyword-only, `actor` required, one transaction with its audit rows; bad input raises a
ValidationError with a clear message and saves nothing.

One module per area; every service is importable from here too.
"""

from .actions import (  # noqa: F401
    ACTION_EDIT_FIELDS,
    DONE_STATUSES,
    EVIDENCE_SIGNED_OFF,
    RECOMMENDATION_FIELDS,
    action_create,
    action_create_for_recommendation,
    action_send_back,
    action_sign_off,
    action_update,
    action_update_add,
    evidence_add,
    evidence_remove,
    finding_create,
    finding_update,
    needs_evidence,
    recommendation_create,
    recommendation_update,
    source_action_create,
)
from .challenge import (  # noqa: F401
    QUESTIONS_CLOSED,
    challenge_event_create,
    challenge_event_record_outcome,
    challenge_question_add,
    challenge_question_remove,
    challenge_question_update,
    challenge_response_save,
)
from .dissemination import (  # noqa: F401
    DISSEMINATION_FIELDS,
    dissemination_add,
    dissemination_update,
)
from .inquiries import (  # noqa: F401
    INQUIRY_FIELDS,
    INQUIRY_SOURCE_KINDS,
    inquiry_create,
    inquiry_update,
)
from .plans import (  # noqa: F401
    PLAN_FIELDS,
    action_milestone_add,
    action_milestone_update,
    improvement_plan_create,
    improvement_plan_update,
    plan_action_add,
    plan_objective_add,
    plan_objective_update,
)
