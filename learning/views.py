"""The learning thread's pages: the action log and combined learning action plan, sources
with their findings and recommendations, evidence and sign-off, thematic analysis and the
thread view. Views check permission, call one service and render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from core import policy
from core.exports import Column
from core.models import AuditEvent
from core.services import audit_record
from core.web import HubListView, PartnershipMixin, ServiceFormView, get_in_partnership
from governance.views import MeetingObjectMixin
from reviews.views import RestrictedIncidentMixin, RestrictedPracticeReviewMixin

from . import forms, selectors, services
from .filters import ActionFilter, DisseminationFilter, PlanFilter
from .models import (
    Action,
    ChallengeEvent,
    ChallengeQuestion,
    DisseminationProduct,
    Evidence,
    Finding,
    ImprovementPlan,
    Inquiry,
    PlanObjective,
    Recommendation,
    Source,
)
from .need_to_know import mark_actions, mark_sources, shown_for, sources_shown
from .selectors import action_list, actions_visible_to, timeliness
from .thread import thread_for

TIMELINESS_LABELS = {"overdue": "Overdue", "due_soon": "Due soon", "on_track": "On track"}


def timeliness_label(action) -> str:
    value = timeliness(action)
    return TIMELINESS_LABELS.get(value) or action.get_status_display()


def with_timeliness(actions, user=None) -> list:
    """The actions as a list, each marked overdue / due soon for the status tags, and (given
    the reader) with what may be shown of its source and recommendation (`.shown`)."""
    actions = mark_actions(user, actions) if user is not None else list(actions)
    for action in actions:
        action.timeliness = timeliness(action)
        action.timeliness_label = timeliness_label(action)
    return actions


def _source_group(action):
    meeting = getattr(action.source, "meeting", None)
    return meeting.group if meeting is not None else None


class GuardedFormView(ServiceFormView):
    """A change the record's state may forbid (a signed-off action, a challenge event with
    its outcome): opening the page then goes back with the reason. The service still
    refuses the POST, as the state can change while the page is open."""

    def refusal(self) -> str:
        return ""

    def get(self, request, *args, **kwargs):
        reason = self.refusal()
        if reason:
            messages.error(request, reason)
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)


class ActionObjectMixin(PartnershipMixin):
    """The action in the URL, if it is this partnership's (404 otherwise)."""

    permission_required = "learning.change_action"

    def get_permission_object(self):
        self.action = get_in_partnership(action_list(Action.objects.all()), self.partnership,
                                         pk=self.kwargs["pk"])
        return self.action

    def get_success_url(self):
        return reverse("learning:action_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.action.pk})


class NeedToKnowListMixin:
    """An action list whose rows (pages and exports) name a restricted review's source and
    recommendation only to those who may read it (learning.need_to_know)."""

    def export_rows(self, rows):
        return mark_actions(self.request.user, rows)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = with_timeliness(context["object_list"], self.request.user)
        return context


class ActionListView(NeedToKnowListMixin, HubListView):
    permission_required = "learning.list_actions"
    template_name = "learning/action_list.html"
    filterset_class = ActionFilter
    export_name = "action-log"
    export_columns = [
        Column("Action", lambda a: a.title),
        Column("Source", lambda a: a.shown.title),
        Column("Group", lambda a: _source_group(a) or ""),
        Column("Owner organisation", lambda a: a.owner_organisation or ""),
        Column("Owner", lambda a: a.owner_person or ""),
        Column("Due", lambda a: a.due_date.isoformat()),
        Column("Status", lambda a: a.get_status_display()),
        Column("Timeliness", timeliness_label),
        Column("Completed on", lambda a: a.completed_on.isoformat() if a.completed_on else ""),
        Column("Detail", lambda a: a.detail),
    ]

    def base_queryset(self):
        return action_list(actions_visible_to(self.request.user, self.partnership))


class ActionDetailView(ActionObjectMixin, TemplateView):
    permission_required = "learning.view_action"
    template_name = "learning/action_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.action
        action.timeliness = timeliness(action)
        action.timeliness_label = timeliness_label(action)
        context.update(
            action=action,
            meeting=getattr(action.source, "meeting", None),
            shown=shown_for(self.request.user, action),
            updates=action.updates.select_related("author", "author__person"),
            status_labels=dict(Action.Status.choices),
            evidence=action.evidence.select_related("added_by", "added_by__person"),
            milestones=list(action.milestones.all()),
            can_remove_evidence=action.status != Action.Status.SIGNED_OFF
            and self.request.user.has_perm("learning.change_action", action),
        )
        return context


class ActionCreateView(MeetingObjectMixin, ServiceFormView):
    """Add an action set at a meeting (optionally from one of its decisions)."""

    form_class = forms.ActionCreateForm
    submit_label = "Add action"

    @property
    def page_title(self):
        return f"Add an action from {self.meeting}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership,
                "meeting": self.meeting}

    def get_initial(self):
        decision = self.request.GET.get("decision")
        return {"decision": decision} if decision and decision.isdigit() else {}

    def call_service(self, form):
        if self.meeting.source_id is None:
            raise ValidationError("This meeting has no learning source, so actions cannot be "
                                  "added to it. Ask the business unit to fix the meeting.")
        self.action = services.action_create(actor=self.request.user,
                                             partnership=self.partnership,
                                             source=self.meeting.source, **form.cleaned_data)
        return self.action

    def success_message(self, result):
        return f"Action added: {result}."

    def get_success_url(self):
        return reverse("governance:meeting_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.meeting.pk})


class ActionEditView(ActionObjectMixin, ServiceFormView):
    form_class = forms.ActionEditForm
    submit_label = "Save changes"

    @property
    def page_title(self):
        return f"Change the action “{self.action.title}”"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_initial(self):
        a = self.action
        return {"status": a.status, "due_date": a.due_date,
                "owner_organisation": a.owner_organisation_id, "owner_person": a.owner_person_id,
                "detail": a.detail, "impact_statement": a.impact_statement,
                "version": a.version}

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.action_update(actor=self.request.user, action=self.action, data=data,
                                      expected_version=version)

    def success_message(self, result):
        return "Action saved."


class ActionUpdateAddView(ActionObjectMixin, ServiceFormView):
    form_class = forms.ActionUpdateForm
    submit_label = "Add update"

    @property
    def page_title(self):
        return f"Add an update to “{self.action.title}”"

    def get_initial(self):
        return {"version": self.action.version}

    def call_service(self, form):
        data = form.cleaned_data
        return services.action_update_add(actor=self.request.user, action=self.action,
                                          text=data["text"], status=data["status"],
                                          expected_version=data["version"])

    def success_message(self, result):
        return "Update added."


# ---- the combined learning action plan ----

def _themes(action) -> str:
    return "; ".join(t.name for t in action.themes.all())


class PlanView(NeedToKnowListMixin, HubListView):
    """Every action from every source in one list (docs/decisions/0004)."""

    permission_required = "learning.view_plan"
    template_name = "learning/plan.html"
    filterset_class = PlanFilter
    export_name = "combined-learning-action-plan"
    export_columns = [
        Column("Action", lambda a: a.title),
        Column("Source", lambda a: a.shown.title),
        Column("Source kind", lambda a: a.shown.kind),
        Column("Recommendation", lambda a: a.shown.recommendation_text or ""),
        Column("Themes", _themes),
        Column("Owner organisation", lambda a: a.owner_organisation or ""),
        Column("Owner", lambda a: a.owner_person or ""),
        Column("Due", lambda a: a.due_date.isoformat()),
        Column("Status", lambda a: a.get_status_display()),
        Column("Timeliness", timeliness_label),
        Column("Evidence items", lambda a: a.evidence_count),
        Column("Signed off on", lambda a: a.signed_off_on.isoformat() if a.signed_off_on else ""),
        Column("Impact statement", lambda a: a.impact_statement),
    ]

    def base_queryset(self):
        return selectors.plan_list(actions_visible_to(self.request.user, self.partnership))


class MyActionsView(NeedToKnowListMixin, HubListView):
    """An agency lead's page: the actions their organisation owns, to add evidence to."""

    permission_required = "learning.list_my_actions"
    template_name = "learning/my_actions.html"
    filterset_class = ActionFilter
    export_name = "my-organisations-actions"
    export_columns = PlanView.export_columns

    def base_queryset(self):
        return selectors.plan_list(
            selectors.my_organisation_actions(self.request.user, self.partnership))


class ThematicAnalysisView(PartnershipMixin, TemplateView):
    permission_required = "learning.view_thematic_analysis"
    template_name = "learning/thematic_analysis.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        analysis = selectors.thematic_analysis(self.partnership)
        # Counts are shown to every reader; a restricted review is named only to those who
        # may read it (others see "Restricted review", with no kind or link).
        shown = sources_shown(self.request.user, analysis.sources)
        context.update(analysis=analysis,
                       matrix=[(shown[s.pk], counts) for s, counts in analysis.matrix])
        return context


# ---- sources, findings and recommendations ----

class SourceMixin(PartnershipMixin):
    """The learning source in the URL, if it belongs to this partnership (404 otherwise).
    Opening a case review's findings is a view of a restricted record, so it is audited."""

    permission_required = "learning.view_source"
    source_kwarg = "pk"
    audit_not_found = True  # an id tried under another partnership's slug is audited
    not_found_model = Source

    def get_source(self):
        return get_object_or_404(Source.objects.filter(partnerships=self.partnership),
                                 pk=self.kwargs[self.source_kwarg])

    def get_permission_object(self):
        self.source = self.get_source()
        return self.source

    def check_object_permission(self):
        super().check_object_permission()  # a refusal is audited by core.middleware
        if self.source.is_restricted and self.request.method == "GET":
            audit_record(actor=self.request.user, action=AuditEvent.Action.VIEW,
                         obj=self.source, partnership=self.partnership,
                         path=self.request.get_full_path())

    def source_url(self):
        return reverse("learning:source_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.source.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["source"] = self.source
        return context


def _owner_link(source, partnership):
    """The page of the record that owns a source, if it has one, and the object that page
    checks (a meeting's page asks with its group; an improvement plan's with the
    partnership), so the link is shown only to those who may open it."""
    owner = source.owner
    name = {"Meeting": "governance:meeting_detail", "SeriousIncident": "reviews:incident_detail",
            "PracticeReview": "reviews:practice_review_detail",
            "ChallengeEvent": "learning:challenge_detail",
            "Inquiry": "learning:inquiry_detail",
            "ImprovementPlan": "learning:improvement_plan_detail"}.get(type(owner).__name__)
    pk, checked = (owner.pk if owner is not None else None), owner
    if type(owner).__name__ == "RapidReview":
        name, pk, checked = "reviews:incident_detail", owner.incident_id, owner.incident
    elif type(owner).__name__ == "Meeting":
        checked = owner.group
    elif type(owner).__name__ == "ImprovementPlan":
        checked = partnership
    if name is None:
        return "", None
    return reverse(name, kwargs={"slug": partnership.slug, "pk": pk}), checked


class SourceDetailView(SourceMixin, TemplateView):
    template_name = "learning/source_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        findings = list(selectors.findings_of(self.source).filter(partnership=self.partnership))
        direct = with_timeliness(action_list(
            actions_visible_to(self.request.user, self.partnership)
            .filter(source=self.source, recommendation__isnull=True)))
        context.update(findings=findings, direct_actions=direct,
                       owner_link=_owner_link(self.source, self.partnership),
                       can_manage=self.request.user.has_perm("learning.manage_findings",
                                                             self.source))
        return context


class FindingCreateView(SourceMixin, ServiceFormView):
    permission_required = "learning.manage_findings"
    form_class = forms.FindingForm
    submit_label = "Add finding"

    @property
    def page_title(self):
        return f"Add a finding to {self.source.title}"

    def call_service(self, form):
        data = form.cleaned_data
        return services.finding_create(actor=self.request.user, partnership=self.partnership,
                                       source=self.source, text=data["text"],
                                       themes=data["themes"])

    def success_message(self, result):
        return "Finding added."

    def get_success_url(self):
        return self.source_url()


class FindingMixin(SourceMixin):
    permission_required = "learning.manage_findings"
    not_found_model = Finding

    def get_source(self):
        self.finding = get_in_partnership(Finding.objects.select_related("source"),
                                          self.partnership, pk=self.kwargs["pk"])
        return self.finding.source

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["finding"] = self.finding
        return context


class FindingEditView(FindingMixin, ServiceFormView):
    form_class = forms.FindingEditForm
    submit_label = "Save finding"
    page_title = "Change the finding"

    def get_initial(self):
        return {"text": self.finding.text, "themes": list(self.finding.themes.all()),
                "version": self.finding.version}

    def call_service(self, form):
        data = form.cleaned_data
        return services.finding_update(actor=self.request.user, finding=self.finding,
                                       text=data["text"], themes=data["themes"],
                                       expected_version=data["version"])

    def success_message(self, result):
        return "Finding saved."

    def get_success_url(self):
        return self.source_url()


class RecommendationCreateView(FindingMixin, ServiceFormView):
    form_class = forms.RecommendationForm
    submit_label = "Add recommendation"
    template_name = "learning/recommendation_form.html"

    @property
    def page_title(self):
        return "Add a recommendation"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def call_service(self, form):
        data = dict(form.cleaned_data)
        return services.recommendation_create(actor=self.request.user, finding=self.finding,
                                              data=data)

    def success_message(self, result):
        if result.is_smart:
            return "Recommendation added."
        return "Recommendation added. It is not yet SMART: " + " ".join(result.smart_gaps)

    def get_success_url(self):
        return self.source_url()


class RecommendationMixin(SourceMixin):
    permission_required = "learning.manage_findings"
    not_found_model = Recommendation

    def get_source(self):
        self.recommendation = get_in_partnership(
            Recommendation.objects.select_related("finding__source", "lead_organisation"),
            self.partnership, pk=self.kwargs["pk"])
        return self.recommendation.finding.source

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recommendation"] = self.recommendation
        return context


class RecommendationEditView(RecommendationMixin, ServiceFormView):
    form_class = forms.RecommendationEditForm
    submit_label = "Save recommendation"
    page_title = "Change the recommendation"
    template_name = "learning/recommendation_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_initial(self):
        r = self.recommendation
        return {"text": r.text, "lead_organisation": r.lead_organisation_id,
                "measure": r.measure, "target_date": r.target_date, "specific": r.specific,
                "measurable": r.measurable, "achievable": r.achievable,
                "relevant": r.relevant, "time_bound": r.time_bound, "version": r.version}

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.recommendation_update(actor=self.request.user,
                                              recommendation=self.recommendation, data=data,
                                              expected_version=version)

    def success_message(self, result):
        return "Recommendation saved."

    def get_success_url(self):
        return self.source_url()


class RecommendationActionCreateView(RecommendationMixin, ServiceFormView):
    form_class = forms.RecommendationActionForm
    submit_label = "Add action"

    @property
    def page_title(self):
        return "Add an action for this recommendation"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def call_service(self, form):
        return services.action_create_for_recommendation(
            actor=self.request.user, recommendation=self.recommendation, **form.cleaned_data)

    def success_message(self, result):
        return f"Action added: {result}."

    def get_success_url(self):
        return self.source_url()


# ---- evidence and sign-off ----

class EvidenceAddView(ActionObjectMixin, ServiceFormView):
    permission_required = "learning.add_evidence"
    form_class = forms.EvidenceForm
    submit_label = "Add evidence"
    multipart = True

    @property
    def page_title(self):
        return f"Add evidence to “{self.action.title}”"

    def get_initial(self):
        return {"version": self.action.version}

    def call_service(self, form):
        data = form.cleaned_data
        return services.evidence_add(actor=self.request.user, action=self.action,
                                     description=data["description"], file=data.get("file"),
                                     url=data.get("url", ""), completes=data["completes"],
                                     expected_version=data["version"])

    def success_message(self, result):
        return "Evidence added."


class EvidenceRemoveView(PartnershipMixin, GuardedFormView):
    permission_required = "learning.change_action"
    form_class = forms.ConfirmForm
    template_name = "learning/confirm_remove.html"
    submit_label = "Remove evidence"
    destructive = True

    def get_permission_object(self):
        self.evidence = get_object_or_404(
            Evidence.objects.select_related("action__source", "added_by__person"),
            action__partnership=self.partnership, pk=self.kwargs["pk"])
        self.action = self.evidence.action
        return self.action

    @property
    def page_title(self):
        return f"Remove evidence from “{self.action.title}”"

    def refusal(self):
        signed_off = self.action.status == Action.Status.SIGNED_OFF
        return services.EVIDENCE_SIGNED_OFF if signed_off else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        only = not self.action.evidence.exclude(pk=self.evidence.pk).exists()
        context.update(
            evidence=self.evidence,
            warning=("The evidence will be removed from the action"
                     + (" and its document deleted" if self.evidence.file else "")
                     + ". The audit trail keeps a record of what it was."),
            blocks_sign_off=only and self.action.recommendation_id is not None)
        return context

    def call_service(self, form):
        return services.evidence_remove(actor=self.request.user, evidence=self.evidence)

    def success_message(self, result):
        message = f"Evidence removed: {self.evidence}."
        if result.status == Action.Status.COMPLETED and services.needs_evidence(result):
            message += (" The action has no evidence now, so it cannot be signed off until "
                        "evidence is added.")
        return message

    def get_success_url(self):
        return reverse("learning:action_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.action.pk})


class EvidenceDownloadView(PartnershipMixin, TemplateView):
    permission_required = "learning.view_action"

    def get_permission_object(self):
        self.evidence = get_object_or_404(
            Evidence.objects.select_related("action__source"),
            action__partnership=self.partnership, pk=self.kwargs["pk"])
        return self.evidence.action

    def get(self, request, *args, **kwargs):
        if not self.evidence.file:
            raise Http404("This evidence is a link, not a document.")
        try:
            handle = self.evidence.file.open("rb")
        except FileNotFoundError:
            raise Http404("The evidence file is missing; ask for it to be added again.") from None
        return FileResponse(handle, as_attachment=True, filename=self.evidence.filename)


class ActionSignOffView(ActionObjectMixin, ServiceFormView):
    permission_required = "learning.sign_off_action"
    form_class = forms.SignOffForm
    submit_label = "Save decision"
    template_name = "learning/sign_off_form.html"

    @property
    def page_title(self):
        return f"Sign off “{self.action.title}”"

    def get_initial(self):
        return {"version": self.action.version}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action"] = self.action
        context["evidence"] = list(self.action.evidence.all())
        return context

    def call_service(self, form):
        data = form.cleaned_data
        if data["decision"] == "sign_off":
            return services.action_sign_off(actor=self.request.user, action=self.action,
                                            expected_version=data["version"])
        return services.action_send_back(actor=self.request.user, action=self.action,
                                         reason=data["reason"],
                                         expected_version=data["version"])

    def success_message(self, result):
        if result.status == Action.Status.SIGNED_OFF:
            return "Action signed off."
        return "Action sent back to its owner."


# ---- the thread ----

class _ThreadMixin:
    template_name = "learning/thread.html"

    def thread_record(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.thread_record()
        context.update(record=record, thread=thread_for(self.request.user, self.partnership,
                                                        record))
        return context


class FindingThreadView(_ThreadMixin, FindingMixin, TemplateView):
    permission_required = "learning.view_source"

    def thread_record(self):
        return self.finding

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm("learning.manage_findings",
                                                           self.source)
        return context


class RecommendationThreadView(_ThreadMixin, RecommendationMixin, TemplateView):
    permission_required = "learning.view_source"

    def thread_record(self):
        return self.recommendation

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm("learning.manage_findings",
                                                           self.source)
        return context


class ActionThreadView(_ThreadMixin, ActionObjectMixin, TemplateView):
    permission_required = "learning.view_action"

    def thread_record(self):
        return self.action


class IncidentThreadView(_ThreadMixin, RestrictedIncidentMixin, TemplateView):
    def thread_record(self):
        return self.incident


class PracticeReviewThreadView(_ThreadMixin, RestrictedPracticeReviewMixin, TemplateView):
    def thread_record(self):
        return self.review


# ---- challenge events ----

class ChallengeEventListView(HubListView):
    permission_required = "learning.list_challenge_events"
    template_name = "learning/challenge_list.html"
    export_name = "challenge-events"
    export_columns = [
        Column("Challenge event", lambda e: e.title),
        Column("Action plan challenged", lambda e: e.source_shown.title),
        Column("Held on", lambda e: e.held_on.isoformat() if e.held_on else ""),
        Column("Questions circulated on",
               lambda e: e.questions_sent_on.isoformat() if e.questions_sent_on else ""),
        Column("Chair", lambda e: e.chair or ""),
        Column("Agency responses", lambda e: e.response_count),
        Column("Further actions", lambda e: e.action_count),
        Column("Outcome", lambda e: e.outcome),
    ]

    def base_queryset(self):
        return selectors.challenge_event_list(self.partnership)

    def export_rows(self, rows):
        return mark_sources(self.request.user, rows, "challenged_source")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = self.export_rows(context["object_list"])
        return context


class ChallengeEventCreateView(PartnershipMixin, ServiceFormView):
    permission_required = "learning.manage_challenge_events"
    form_class = forms.ChallengeEventForm
    submit_label = "Save challenge event"
    page_title = "Plan a challenge event"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership,
                "sources": selectors.challengeable_sources(self.partnership)}

    def call_service(self, form):
        self.event = services.challenge_event_create(actor=self.request.user,
                                                     partnership=self.partnership,
                                                     **form.cleaned_data)
        return self.event

    def success_message(self, result):
        return f"Challenge event “{result}” planned."

    def get_success_url(self):
        if hasattr(self, "event"):
            return reverse("learning:challenge_detail",
                           kwargs={"slug": self.partnership.slug, "pk": self.event.pk})
        return reverse("learning:challenge_list", kwargs={"slug": self.partnership.slug})


class ChallengeEventMixin(PartnershipMixin):
    permission_required = "learning.view_challenge_event"

    def get_permission_object(self):
        self.event = get_in_partnership(
            ChallengeEvent.objects.select_related("challenged_source", "chair", "source"),
            self.partnership, pk=self.kwargs["pk"])
        return self.event

    def get_success_url(self):
        return reverse("learning:challenge_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.event.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        return context


class ChallengeEventDetailView(ChallengeEventMixin, TemplateView):
    template_name = "learning/challenge_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            questions=list(self.event.questions.all()),
            responses=list(self.event.responses.select_related("organisation")),
            actions=with_timeliness(action_list(actions_visible_to(user, self.partnership)
                                                .filter(source=self.event.source))),
            can_manage=user.has_perm("learning.manage_challenge_events", self.partnership),
            can_change_questions=not self.event.outcome
            and user.has_perm("learning.manage_challenge_events", self.partnership),
            can_respond=user.has_perm("learning.respond_to_challenge", self.event),
            challenged=mark_sources(user, [self.event], "challenged_source")[0].source_shown,
        )
        context["changeable_responses"] = {
            r.pk for r in context["responses"]
            if user.has_perm("learning.respond_to_challenge", (self.event, r.organisation))}
        return context


class ChallengeQuestionAddView(ChallengeEventMixin, ServiceFormView):
    permission_required = "learning.manage_challenge_events"
    form_class = forms.QuestionForm
    submit_label = "Add question"

    def get_permission_object(self):
        super().get_permission_object()
        return self.partnership

    @property
    def page_title(self):
        return f"Add a question for “{self.event}”"

    def call_service(self, form):
        return services.challenge_question_add(actor=self.request.user, event=self.event,
                                               text=form.cleaned_data["text"])

    def success_message(self, result):
        return "Question added."


class ChallengeQuestionMixin(PartnershipMixin):
    """A question of one of this partnership's challenge events (404 otherwise), which the
    business unit may change until the panel's outcome is recorded."""

    permission_required = "learning.manage_challenge_events"

    def get_permission_object(self):
        self.question = get_object_or_404(ChallengeQuestion.objects.select_related("event"),
                                          event__partnership=self.partnership,
                                          pk=self.kwargs["pk"])
        self.event = self.question.event
        return self.partnership

    @property
    def number(self) -> int:
        ids = list(self.event.questions.values_list("pk", flat=True))
        return ids.index(self.question.pk) + 1

    def refusal(self):
        return services.QUESTIONS_CLOSED if self.event.outcome else ""

    def get_success_url(self):
        return reverse("learning:challenge_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.event.pk})


class ChallengeQuestionEditView(ChallengeQuestionMixin, GuardedFormView):
    form_class = forms.QuestionEditForm
    submit_label = "Save question"

    @property
    def page_title(self):
        return f"Change question {self.number} for “{self.event}”"

    def get_initial(self):
        return {"text": self.question.text, "version": self.question.version}

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.challenge_question_update(actor=self.request.user,
                                                  question=self.question, text=data["text"],
                                                  expected_version=version)

    def success_message(self, result):
        return "Question saved."


class ChallengeQuestionRemoveView(ChallengeQuestionMixin, GuardedFormView):
    form_class = forms.ConfirmForm
    template_name = "learning/confirm_remove.html"
    submit_label = "Remove question"
    destructive = True

    @property
    def page_title(self):
        return f"Remove question {self.number} from “{self.event}”"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(question=self.question,
                       warning="The question will be removed from the event. The audit trail "
                               "keeps a record of it.")
        return context

    def call_service(self, form):
        services.challenge_question_remove(actor=self.request.user, question=self.question)
        return self.question

    def success_message(self, result):
        return "Question removed."


class ChallengeResponseView(ChallengeEventMixin, ServiceFormView):
    permission_required = "learning.respond_to_challenge"
    form_class = forms.ChallengeResponseForm
    submit_label = "Save response"
    template_name = "learning/challenge_response_form.html"

    @cached_property
    def organisations(self):
        from core.selectors import organisations_for

        orgs = organisations_for(self.partnership)
        if not self.request.user.has_perm("learning.manage_challenge_events", self.partnership):
            orgs = orgs.filter(pk__in=policy.scope_of(self.request.user)
                               .org_ids_led(self.partnership.pk))
        return orgs

    @cached_property
    def editing(self):
        """The saved response named by ?organisation=, if this user may change it."""
        org_id = self.request.GET.get("organisation", "")
        if not org_id.isdigit():
            return None
        return self.event.responses.select_related("organisation").filter(
            organisation_id=int(org_id), organisation__in=self.organisations).first()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisations": self.organisations,
                "editing": self.editing is not None}

    def get_initial(self):
        r = self.editing
        if r is None:
            return {}
        return {"organisation": r.organisation_id, "evidence": r.evidence,
                "response": r.response, "version": r.version}

    @property
    def page_title(self):
        if self.editing is not None:
            return f"Change {self.editing.organisation}’s response to “{self.event}”"
        return f"Your agency’s response to “{self.event}”"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["questions"] = list(self.event.questions.all())
        return context

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.challenge_response_save(actor=self.request.user, event=self.event,
                                                expected_version=version, **data)

    def success_message(self, result):
        return f"Response from {result.organisation} saved."


class ChallengeOutcomeView(ChallengeEventMixin, ServiceFormView):
    permission_required = "learning.manage_challenge_events"
    form_class = forms.ChallengeOutcomeForm
    submit_label = "Save outcome"

    def get_permission_object(self):
        super().get_permission_object()
        return self.partnership

    @property
    def page_title(self):
        return f"Record the outcome of “{self.event}”"

    def get_initial(self):
        return {"held_on": self.event.held_on, "outcome": self.event.outcome,
                "version": self.event.version}

    def call_service(self, form):
        data = form.cleaned_data
        return services.challenge_event_record_outcome(
            actor=self.request.user, event=self.event, held_on=data["held_on"],
            outcome=data["outcome"], expected_version=data["version"])

    def success_message(self, result):
        return "Outcome saved."


class SourceActionCreateView(SourceMixin, ServiceFormView):
    """An action set directly by a source that is not a meeting (e.g. a challenge event's
    further actions): it joins the combined plan through that source."""

    permission_required = "learning.manage_findings"
    form_class = forms.RecommendationActionForm
    submit_label = "Add action"

    @property
    def page_title(self):
        return f"Add an action from {self.source.title}"

    def check_object_permission(self):
        super().check_object_permission()
        if self.source.kind == Source.Kind.MEETING:
            raise Http404("Actions from a meeting are added on the meeting's page.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def call_service(self, form):
        return services.source_action_create(actor=self.request.user,
                                             partnership=self.partnership, source=self.source,
                                             **form.cleaned_data)

    def success_message(self, result):
        return f"Action added: {result}."

    def get_success_url(self):
        owner = self.source.owner
        if isinstance(owner, ChallengeEvent):
            return reverse("learning:challenge_detail",
                           kwargs={"slug": self.partnership.slug, "pk": owner.pk})
        return self.source_url()


# ---- KLOE deep dives and active learning sets ----

class InquiryListView(HubListView):
    permission_required = "learning.list_inquiries"
    template_name = "learning/inquiry_list.html"
    export_name = "deep-dives-and-active-learning"
    export_columns = [
        Column("Title", lambda i: i.title),
        Column("Kind", lambda i: i.get_kind_display()),
        Column("Line of enquiry", lambda i: i.question),
        Column("Commissioned by", lambda i: i.commissioned_by or ""),
        Column("Commissioned on",
               lambda i: i.commissioned_on.isoformat() if i.commissioned_on else ""),
        Column("Critical friend", lambda i: i.critical_friend or ""),
        Column("Practitioners", lambda i: i.practitioners if i.practitioners is not None else ""),
        Column("Status", lambda i: i.get_status_display()),
        Column("Reported on", lambda i: i.reported_on.isoformat() if i.reported_on else ""),
        Column("Findings", lambda i: i.finding_count),
        Column("Actions", lambda i: i.action_count),
    ]

    def base_queryset(self):
        return selectors.inquiry_list(self.partnership)


class InquiryCreateView(PartnershipMixin, ServiceFormView):
    permission_required = "learning.manage_inquiries"
    form_class = forms.InquiryForm
    submit_label = "Save"
    page_title = "Commission a deep dive or active learning set"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_initial(self):
        return {"status": "commissioned"}

    def call_service(self, form):
        data = dict(form.cleaned_data)
        agencies = data.pop("agencies", [])
        self.inquiry = services.inquiry_create(actor=self.request.user,
                                               partnership=self.partnership, data=data,
                                               agencies=agencies)
        return self.inquiry

    def success_message(self, result):
        return f"“{result}” commissioned."

    def get_success_url(self):
        if hasattr(self, "inquiry"):
            return reverse("learning:inquiry_detail",
                           kwargs={"slug": self.partnership.slug, "pk": self.inquiry.pk})
        return reverse("learning:inquiry_list", kwargs={"slug": self.partnership.slug})


class InquiryMixin(PartnershipMixin):
    permission_required = "learning.view_inquiry"

    def get_permission_object(self):
        self.inquiry = get_in_partnership(
            Inquiry.objects.select_related("commissioned_by", "critical_friend", "source"),
            self.partnership, pk=self.kwargs["pk"])
        return self.inquiry

    def get_success_url(self):
        return reverse("learning:inquiry_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.inquiry.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["inquiry"] = self.inquiry
        return context


class InquiryDetailView(InquiryMixin, TemplateView):
    template_name = "learning/inquiry_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            agencies=list(self.inquiry.agencies.all()),
            findings=list(selectors.findings_of(self.inquiry.source)),
            can_manage=self.request.user.has_perm("learning.manage_inquiries",
                                                  self.partnership))
        return context


class InquiryEditView(InquiryMixin, ServiceFormView):
    permission_required = "learning.manage_inquiries"
    form_class = forms.InquiryEditForm
    submit_label = "Save changes"

    def get_permission_object(self):
        super().get_permission_object()
        return self.partnership

    @property
    def page_title(self):
        return f"Change “{self.inquiry}”"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership, "editing": True}

    def get_initial(self):
        i = self.inquiry
        return {"title": i.title, "question": i.question,
                "commissioned_by": i.commissioned_by_id, "commissioned_on": i.commissioned_on,
                "critical_friend": i.critical_friend_id, "practitioners": i.practitioners,
                "agencies": list(i.agencies.all()), "status": i.status,
                "reported_on": i.reported_on, "report_summary": i.report_summary,
                "version": i.version}

    def call_service(self, form):
        data, version = self.split_version(form)
        agencies = data.pop("agencies", [])
        return services.inquiry_update(actor=self.request.user, inquiry=self.inquiry,
                                       data=data, agencies=agencies, expected_version=version)

    def success_message(self, result):
        return "Saved."


# ---- dissemination ----

class DisseminationListView(HubListView):
    permission_required = "learning.list_dissemination"
    template_name = "learning/dissemination_list.html"
    filterset_class = DisseminationFilter
    export_name = "dissemination"
    export_columns = [
        Column("Title", lambda d: d.title),
        Column("Kind", lambda d: d.get_kind_display()),
        Column("Published or held on", lambda d: d.issued_on.isoformat()),
        Column("Learning it shares", lambda d: d.source_shown.title if d.source_shown else ""),
        Column("Themes", lambda d: "; ".join(t.name for t in d.themes.all())),
        Column("People attending", lambda d: d.attended if d.attended is not None else ""),
        Column("Sent to", lambda d: d.sent_to if d.sent_to is not None else ""),
        Column("Link", lambda d: d.url),
    ]

    def base_queryset(self):
        return selectors.dissemination_list(self.partnership)

    def export_rows(self, rows):
        return mark_sources(self.request.user, rows)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = self.export_rows(context["object_list"])
        context["reach"] = selectors.reach(self.object_list)
        context["can_manage"] = self.request.user.has_perm("learning.manage_dissemination",
                                                           self.partnership)
        return context


class _DisseminationFormView(PartnershipMixin, ServiceFormView):
    permission_required = "learning.manage_dissemination"
    form_class = forms.DisseminationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "sources": selectors.challengeable_sources(self.partnership)}

    def get_success_url(self):
        return reverse("learning:dissemination_list", kwargs={"slug": self.partnership.slug})


class DisseminationCreateView(_DisseminationFormView):
    submit_label = "Save"
    page_title = "Record a briefing, newsletter item or learning event"

    def call_service(self, form):
        data = dict(form.cleaned_data)
        themes = data.pop("themes", [])
        return services.dissemination_add(actor=self.request.user,
                                          partnership=self.partnership, data=data,
                                          themes=themes)

    def success_message(self, result):
        return f"“{result}” recorded."


class DisseminationEditView(_DisseminationFormView):
    form_class = forms.DisseminationEditForm
    submit_label = "Save changes"
    page_title = "Change the dissemination record"

    def get_permission_object(self):
        self.product = get_in_partnership(DisseminationProduct, self.partnership,
                                          pk=self.kwargs["pk"])
        return self.partnership

    def get_initial(self):
        p = self.product
        return {"kind": p.kind, "title": p.title, "source": p.source_id,
                "issued_on": p.issued_on, "url": p.url, "attended": p.attended,
                "sent_to": p.sent_to, "themes": list(p.themes.all()), "version": p.version}

    def call_service(self, form):
        data, version = self.split_version(form)
        themes = data.pop("themes", [])
        return services.dissemination_update(actor=self.request.user, product=self.product,
                                             data=data, themes=themes,
                                             expected_version=version)

    def success_message(self, result):
        return "Saved."


# ---- improvement plans ----

class ImprovementPlanListView(HubListView):
    permission_required = "learning.list_improvement_plans"
    template_name = "learning/improvement_plan_list.html"
    export_name = "improvement-plans"
    export_columns = [
        Column("Plan", lambda p: p.title),
        Column("Lead organisation", lambda p: p.owner_organisation or ""),
        Column("Starts", lambda p: p.starts_on.isoformat() if p.starts_on else ""),
        Column("Ends", lambda p: p.ends_on.isoformat() if p.ends_on else ""),
        Column("Objectives", lambda p: p.objective_count),
        Column("Actions", lambda p: p.action_count),
    ]

    def base_queryset(self):
        return selectors.improvement_plan_list(self.partnership)


class ImprovementPlanCreateView(PartnershipMixin, ServiceFormView):
    permission_required = "learning.manage_improvement_plans"
    form_class = forms.ImprovementPlanForm
    submit_label = "Save plan"
    page_title = "Start an improvement plan"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def call_service(self, form):
        self.plan = services.improvement_plan_create(actor=self.request.user,
                                                     partnership=self.partnership,
                                                     **form.cleaned_data)
        return self.plan

    def success_message(self, result):
        return f"Improvement plan “{result}” started."

    def get_success_url(self):
        if hasattr(self, "plan"):
            return reverse("learning:improvement_plan_detail",
                           kwargs={"slug": self.partnership.slug, "pk": self.plan.pk})
        return reverse("learning:improvement_plan_list", kwargs={"slug": self.partnership.slug})


class ImprovementPlanMixin(PartnershipMixin):
    permission_required = "learning.list_improvement_plans"

    def get_permission_object(self):
        self.plan = get_in_partnership(ImprovementPlan.objects.select_related("source"),
                                       self.partnership, pk=self.kwargs["pk"])
        return self.partnership

    def get_success_url(self):
        return reverse("learning:improvement_plan_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.plan.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plan"] = self.plan
        return context


class ImprovementPlanDetailView(ImprovementPlanMixin, TemplateView):
    template_name = "learning/improvement_plan_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["objectives"] = selectors.improvement_plan_detail(self.plan)
        context["can_manage"] = self.request.user.has_perm("learning.manage_improvement_plans",
                                                           self.partnership)
        return context


class ImprovementPlanEditView(ImprovementPlanMixin, ServiceFormView):
    permission_required = "learning.manage_improvement_plans"
    form_class = forms.ImprovementPlanEditForm
    submit_label = "Save changes"

    @property
    def page_title(self):
        return f"Change “{self.plan}”"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_initial(self):
        p = self.plan
        return {"title": p.title, "owner_organisation": p.owner_organisation_id,
                "starts_on": p.starts_on, "ends_on": p.ends_on, "version": p.version}

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.improvement_plan_update(actor=self.request.user, plan=self.plan,
                                                data=data, expected_version=version)

    def success_message(self, result):
        return "Plan saved."


class ObjectiveAddView(ImprovementPlanMixin, ServiceFormView):
    permission_required = "learning.manage_improvement_plans"
    form_class = forms.ObjectiveForm
    submit_label = "Add objective"

    @property
    def page_title(self):
        return f"Add an objective to “{self.plan}”"

    def call_service(self, form):
        return services.plan_objective_add(actor=self.request.user, plan=self.plan,
                                           text=form.cleaned_data["text"])

    def success_message(self, result):
        return "Objective added."


class ObjectiveMixin(PartnershipMixin):
    permission_required = "learning.manage_improvement_plans"

    def get_permission_object(self):
        self.objective = get_object_or_404(PlanObjective.objects.select_related("plan"),
                                           plan__partnership=self.partnership,
                                           pk=self.kwargs["pk"])
        return self.partnership

    @property
    def number(self) -> int:
        ids = list(self.objective.plan.objectives.values_list("pk", flat=True))
        return ids.index(self.objective.pk) + 1

    def get_success_url(self):
        return reverse("learning:improvement_plan_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.objective.plan_id})


class ObjectiveEditView(ObjectiveMixin, ServiceFormView):
    form_class = forms.ObjectiveEditForm
    submit_label = "Save objective"

    @property
    def page_title(self):
        return f"Change objective {self.number} of “{self.objective.plan}”"

    def get_initial(self):
        return {"text": self.objective.text, "version": self.objective.version}

    def call_service(self, form):
        data = form.cleaned_data
        return services.plan_objective_update(actor=self.request.user,
                                              objective=self.objective, text=data["text"],
                                              expected_version=data["version"])

    def success_message(self, result):
        return "Objective saved."


class PlanActionAddView(ObjectiveMixin, ServiceFormView):
    form_class = forms.PlanActionForm
    submit_label = "Add action"

    @property
    def page_title(self):
        return "Add an action towards this objective"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def call_service(self, form):
        return services.plan_action_add(actor=self.request.user, objective=self.objective,
                                        **form.cleaned_data)

    def success_message(self, result):
        return f"Action added: {result}."


class MilestoneAddView(ActionObjectMixin, ServiceFormView):
    form_class = forms.MilestoneForm
    submit_label = "Add milestone"

    @property
    def page_title(self):
        return f"Add a milestone to “{self.action.title}”"

    def call_service(self, form):
        return services.action_milestone_add(actor=self.request.user, action=self.action,
                                             **form.cleaned_data)

    def success_message(self, result):
        return "Milestone added."


class MilestoneStatusView(PartnershipMixin, ServiceFormView):
    permission_required = "learning.change_action"
    form_class = forms.MilestoneStatusForm
    submit_label = "Save status"

    def get_permission_object(self):
        from .models import ActionMilestone

        self.milestone = get_object_or_404(
            ActionMilestone.objects.select_related("action__source"),
            action__partnership=self.partnership, pk=self.kwargs["pk"])
        return self.milestone.action

    @property
    def page_title(self):
        return f"Status of “{self.milestone.text}”"

    def get_initial(self):
        return {"status": self.milestone.status, "evidence": self.milestone.evidence,
                "version": self.milestone.version}

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.action_milestone_update(actor=self.request.user,
                                                milestone=self.milestone,
                                                expected_version=version, **data)

    def success_message(self, result):
        return "Milestone saved."

    def get_success_url(self):
        return reverse("learning:action_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.milestone.action_id})
