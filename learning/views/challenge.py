"""Challenge events: questions, responses and outcome."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from core import policy
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
    ChallengeEvent,
    ChallengeQuestion,
)
from ..need_to_know import mark_sources
from ..selectors import action_list, actions_visible_to, with_timeliness
from .common import (
    GuardedFormView,
)

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


class ChallengeQuestionEditView(InstanceFormMixin, ChallengeQuestionMixin, GuardedFormView):
    form_class = forms.QuestionEditForm
    submit_label = "Save question"

    @property
    def page_title(self):
        return f"Change question {self.number} for “{self.event}”"

    def form_instance(self):
        return self.question

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


class ChallengeResponseView(InstanceFormMixin, ChallengeEventMixin, ServiceFormView):
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

    def form_instance(self):
        return self.editing

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


class ChallengeOutcomeView(InstanceFormMixin, ChallengeEventMixin, ServiceFormView):
    permission_required = "learning.manage_challenge_events"
    form_class = forms.ChallengeOutcomeForm
    submit_label = "Save outcome"

    def get_permission_object(self):
        super().get_permission_object()
        return self.partnership

    @property
    def page_title(self):
        return f"Record the outcome of “{self.event}”"

    def form_instance(self):
        return self.event

    def call_service(self, form):
        data = form.cleaned_data
        return services.challenge_event_record_outcome(
            actor=self.request.user, event=self.event, held_on=data["held_on"],
            outcome=data["outcome"], expected_version=data["version"])

    def success_message(self, result):
        return "Outcome saved."
