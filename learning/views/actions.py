"""The action log, an action's page and its changes, the combined plan and my actions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.views.generic import TemplateView

from core.exports import Column
from core.web import HubListView, InstanceFormMixin, ServiceFormView
from governance.web import MeetingObjectMixin

from .. import forms, selectors, services
from ..filters import ActionFilter, PlanFilter
from ..models import (
    Action,
)
from ..need_to_know import shown_for
from ..selectors import action_list, actions_visible_to, timeliness, timeliness_label
from .common import (
    ActionObjectMixin,
    NeedToKnowListMixin,
    _source_group,
)


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


class ActionEditView(InstanceFormMixin, ActionObjectMixin, ServiceFormView):
    form_class = forms.ActionEditForm
    submit_label = "Save changes"

    @property
    def page_title(self):
        return f"Change the action “{self.action.title}”"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def form_instance(self):
        return self.action

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.action_update(actor=self.request.user, action=self.action, data=data,
                                      expected_version=version)

    def success_message(self, result):
        return "Action saved."


class ActionUpdateAddView(InstanceFormMixin, ActionObjectMixin, ServiceFormView):
    form_class = forms.ActionUpdateForm
    submit_label = "Add update"

    @property
    def page_title(self):
        return f"Add an update to “{self.action.title}”"

    instance_fields = ("version",)

    def form_instance(self):
        return self.action

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
