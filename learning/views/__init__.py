"""The learning thread's pages, one module per area; urls.py and other apps import the names here."""

from .actions import (  # noqa: F401
    ActionCreateView,
    ActionDetailView,
    ActionEditView,
    ActionListView,
    ActionUpdateAddView,
    MyActionsView,
    PlanView,
)
from .challenge import (  # noqa: F401
    ChallengeEventCreateView,
    ChallengeEventDetailView,
    ChallengeEventListView,
    ChallengeEventMixin,
    ChallengeOutcomeView,
    ChallengeQuestionAddView,
    ChallengeQuestionEditView,
    ChallengeQuestionMixin,
    ChallengeQuestionRemoveView,
    ChallengeResponseView,
)
from .common import (  # noqa: F401
    ActionObjectMixin,
    GuardedFormView,
    NeedToKnowListMixin,
)
from .dissemination import (  # noqa: F401
    DisseminationCreateView,
    DisseminationEditView,
    DisseminationListView,
)
from .evidence import (  # noqa: F401
    ActionSignOffView,
    EvidenceAddView,
    EvidenceDownloadView,
    EvidenceRemoveView,
)
from .inquiries import (  # noqa: F401
    InquiryCreateView,
    InquiryDetailView,
    InquiryEditView,
    InquiryListView,
    InquiryMixin,
)
from .plans import (  # noqa: F401
    ImprovementPlanCreateView,
    ImprovementPlanDetailView,
    ImprovementPlanEditView,
    ImprovementPlanListView,
    ImprovementPlanMixin,
    MilestoneAddView,
    MilestoneStatusView,
    ObjectiveAddView,
    ObjectiveEditView,
    ObjectiveMixin,
    PlanActionAddView,
)
from .sources import (  # noqa: F401
    ActionThreadView,
    FindingCreateView,
    FindingEditView,
    FindingMixin,
    FindingThreadView,
    IncidentThreadView,
    PracticeReviewThreadView,
    RecommendationActionCreateView,
    RecommendationCreateView,
    RecommendationEditView,
    RecommendationMixin,
    RecommendationThreadView,
    SourceActionCreateView,
    SourceDetailView,
    SourceMixin,
)
from .themes import (  # noqa: F401
    ThematicAnalysisView,
)
