"""Improvement plans, their objectives, and action milestones."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from core.exports import Column
from core.web import (
    HubListView,
    InstanceFormMixin,
    PartnershipMixin,
    ServiceFormView,
    get_in_partnership,
)

from .. import forms, selectors, services
from ..models import (
    ImprovementPlan,
    PlanObjective,
)
from .common import (
    ActionObjectMixin,
)

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


class ImprovementPlanEditView(InstanceFormMixin, ImprovementPlanMixin, ServiceFormView):
    permission_required = "learning.manage_improvement_plans"
    form_class = forms.ImprovementPlanEditForm
    submit_label = "Save changes"

    @property
    def page_title(self):
        return f"Change “{self.plan}”"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def form_instance(self):
        return self.plan

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


class ObjectiveEditView(InstanceFormMixin, ObjectiveMixin, ServiceFormView):
    form_class = forms.ObjectiveEditForm
    submit_label = "Save objective"

    @property
    def page_title(self):
        return f"Change objective {self.number} of “{self.objective.plan}”"

    def form_instance(self):
        return self.objective

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


class MilestoneStatusView(InstanceFormMixin, PartnershipMixin, ServiceFormView):
    permission_required = "learning.change_action"
    form_class = forms.MilestoneStatusForm
    submit_label = "Save status"

    def get_permission_object(self):
        from ..models import ActionMilestone

        self.milestone = get_object_or_404(
            ActionMilestone.objects.select_related("action__source"),
            action__partnership=self.partnership, pk=self.kwargs["pk"])
        return self.milestone.action

    @property
    def page_title(self):
        return f"Status of “{self.milestone.text}”"

    def form_instance(self):
        return self.milestone

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
