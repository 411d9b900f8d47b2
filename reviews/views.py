"""Serious incidents, rapid reviews and deadline rules. Views validate, call a service,
render; case detail is need-to-know and every view and refusal of it is audited."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, TemplateView

from core.exports import Column
from core.models import AuditEvent
from core.services import ConcurrentEditError, audit_record
from core.web import (
    FileDownloadMixin,
    HubListView,
    PartnershipMixin,
    add_service_errors,
    get_in_partnership,
)

from . import selectors, services
from .filters import IncidentFilter, PracticeReviewFilter
from .forms import (
    BriefingForm,
    IncidentEditForm,
    IncidentForm,
    LearningEventForm,
    MilestoneDoneForm,
    MilestoneForm,
    PracticeReviewForm,
    RapidReviewForm,
)
from .models import Milestone, PracticeReview, RapidReview, SeriousIncident


class RestrictedRecordMixin(PartnershipMixin):
    """A page showing one restricted record's case detail (an incident, a practice review).
    Each refusal (whatever refused it, core.middleware) and each view is written to the audit
    trail, naming the record. Subclasses name the model, its context name and the permission."""

    record_model: type = None  # the restricted model, set by each subclass
    record_name = "record"
    record_label = "record"  # names a refused record that does not exist

    def record_queryset(self):
        return self.record_model.objects.all()

    audit_not_found = True  # an id tried under another partnership's slug is audited

    @property
    def not_found_model(self):
        return self.record_model

    def get_permission_object(self):
        return self.record

    def check_object_permission(self):
        self.record = get_in_partnership(self.record_queryset(), self.partnership,
                                         pk=self.kwargs["pk"])
        setattr(self, self.record_name, self.record)
        super().check_object_permission()
        if self.request.method == "GET":
            audit_record(actor=self.request.user, action=AuditEvent.Action.VIEW,
                         obj=self.record, path=self.request.get_full_path())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context[self.record_name] = self.record
        return context


class RestrictedIncidentMixin(RestrictedRecordMixin):
    permission_required = "reviews.view_incident"
    record_model = SeriousIncident
    record_name = "incident"
    record_label = "incident"

    def record_queryset(self):
        return SeriousIncident.objects.select_related("rapid_review")


def _due_and_status(key, rules):
    def value(incident):
        if not hasattr(incident, "deadlines"):
            selectors.with_deadlines([incident], rules)
        deadline = next((d for d in incident.deadlines if d.rule.key == key), None)
        return f"{deadline.due:%Y-%m-%d} ({deadline.label})" if deadline else ""
    return value


def _yes_no(value):
    return {True: "Yes", False: "No"}.get(value, "Not decided")


class IncidentListView(HubListView):
    permission_required = "reviews.list_incidents"
    template_name = "reviews/incident_list.html"
    filterset_class = IncidentFilter
    export_name = "serious-incidents"

    def base_queryset(self):
        return selectors.incident_list(
            selectors.incidents_visible_to(self.request.user, self.partnership)
        )

    def export(self, fmt):
        rules = selectors.rules_for(self.partnership)
        review = lambda i: getattr(i, "rapid_review", None)  # noqa: E731
        self.export_columns = [
            Column("Reference", lambda i: i.reference),
            Column("LA became aware", lambda i: i.la_aware_on),
            Column("Notified to the Panel", lambda i: i.notified_on),
            Column("Notification due (status)", _due_and_status("notify-panel", rules)),
            Column("Partners became aware", lambda i: review(i) and review(i).partners_aware_on),
            Column("Rapid review sent", lambda i: review(i) and review(i).sent_on),
            Column("Rapid review due (status)", _due_and_status("rapid-review", rules)),
            Column("Local review", lambda i: review(i) and _yes_no(review(i).local_review)),
        ]
        return super().export(fmt)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Deadlines are calendar arithmetic on the rows already read: no further queries.
        context["incidents"] = selectors.with_deadlines(
            list(context["object_list"]), selectors.rules_for(self.partnership)
        )
        context["can_notify"] = self.request.user.has_perm(
            "reviews.notify_incident", self.partnership
        )
        return context


class IncidentCreateView(PartnershipMixin, FormView):
    permission_required = "reviews.notify_incident"
    template_name = "reviews/incident_form.html"
    form_class = IncidentForm

    def form_valid(self, form):
        try:
            incident = services.notify_incident(
                actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Serious incident “{incident.reference}” recorded.")
        return redirect("reviews:incident_detail", slug=self.partnership.slug, pk=incident.pk)


class IncidentDetailView(RestrictedIncidentMixin, TemplateView):
    template_name = "reviews/incident_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        incident = self.incident
        rules = selectors.rules_for(self.partnership)
        selectors.with_deadlines([incident], rules)
        review = getattr(incident, "rapid_review", None)
        context["review"] = review
        if review is not None:
            context["agencies"] = list(review.agencies.all())
            context["panel"] = list(review.panel_members.select_related("organisation"))
            practice = getattr(review, "practice_review", None)
            context["practice_review"] = practice
            context["can_see_practice_review"] = practice is not None and (
                self.request.user.has_perm("reviews.view_practice_review", practice))
        context["can_change"] = self.request.user.has_perm("reviews.change_incident", incident)
        return context


class _VersionedFormView(FormView):
    """Edits an existing record: the form starts from its values and its version."""

    def edited(self):
        raise NotImplementedError

    def get_initial(self):
        record = self.edited()
        if record is None:
            return {"version": 0}  # nothing saved yet (a rapid review not started)
        return {**model_to_dict(record), "version": record.version}

    def save(self, data: dict, version: int | None):
        """Call the service; return the saved record."""
        raise NotImplementedError

    def success(self, saved):
        raise NotImplementedError

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            saved = self.save(data, version)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        return self.success(saved)


class IncidentEditView(RestrictedIncidentMixin, _VersionedFormView):
    permission_required = "reviews.change_incident"
    template_name = "reviews/incident_form.html"
    form_class = IncidentEditForm

    def edited(self):
        return self.incident

    def save(self, data, version):
        incident = SeriousIncident.objects.get(pk=self.incident.pk)
        return services.update_incident(actor=self.request.user, incident=incident,
                                        data=data, expected_version=version)

    def success(self, incident):
        messages.success(self.request, f"Serious incident “{incident.reference}” saved.")
        return redirect("reviews:incident_detail", slug=self.partnership.slug, pk=incident.pk)


class RapidReviewEditView(RestrictedIncidentMixin, _VersionedFormView):
    """Start the rapid review of an incident, or record its progress and decision."""

    permission_required = "reviews.change_incident"
    template_name = "reviews/rapid_review_form.html"
    form_class = RapidReviewForm

    def edited(self):
        return getattr(self.incident, "rapid_review", None)

    def get_initial(self):
        initial = super().get_initial()
        if self.edited() is None:
            # A rapid review of a back-entered incident is history too, unless changed.
            initial |= {"recorded_after": self.incident.recorded_after,
                        "date_precision": self.incident.date_precision}
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["starting"] = self.edited() is None
        return context

    def save(self, data, version):
        incident = SeriousIncident.objects.get(pk=self.incident.pk)
        # Version 0 (not started when the page opened) is refused by the service if someone
        # else started it meanwhile.
        agencies, panel = data.pop("agencies", []), data.pop("panel_members", [])
        return services.save_rapid_review(
            actor=self.request.user, incident=incident, data=data, agencies=agencies,
            panel_members=panel, expected_version=version,
        )

    def success(self, review):
        messages.success(self.request, f"Rapid review of “{self.incident.reference}” saved.")
        return redirect("reviews:incident_detail", slug=self.partnership.slug,
                        pk=self.incident.pk)


# ---- local child safeguarding practice reviews ----

class RestrictedPracticeReviewMixin(RestrictedRecordMixin):
    permission_required = "reviews.view_practice_review"
    record_model = PracticeReview
    record_name = "review"
    record_label = "practice review"

    def record_queryset(self):
        return PracticeReview.objects.select_related("rapid_review__incident", "source")

    def review_url(self):
        return redirect("reviews:practice_review_detail", slug=self.partnership.slug,
                        pk=self.review.pk)


def _with_clock(rules, value):
    """An export column value computed on the review with its deadlines attached."""
    def column(review):
        if not hasattr(review, "deadlines"):
            selectors.with_review_deadlines([review], rules)
        return value(review)
    return column


def _review_due(key, rules):
    def value(review):
        if not hasattr(review, "deadlines"):
            selectors.with_review_deadlines([review], rules)
        deadline = next((d for d in review.deadlines if d.rule.key == key), None)
        return f"{deadline.due:%Y-%m-%d} ({deadline.label})" if deadline else ""
    return value


class PracticeReviewListView(HubListView):
    permission_required = "reviews.list_practice_reviews"
    template_name = "reviews/practice_review_list.html"
    filterset_class = PracticeReviewFilter
    export_name = "practice-reviews"

    def base_queryset(self):
        return selectors.practice_review_list(
            selectors.practice_reviews_visible_to(self.request.user, self.partnership)
        )

    def export(self, fmt):
        rules = selectors.rules_for(self.partnership)
        self.export_columns = [
            Column("Pseudonym", lambda r: r.pseudonym),
            Column("Kind", lambda r: r.get_kind_display()),
            Column("Stage", lambda r: r.stage),
            Column("Decision to hold it", lambda r: r.decided_on),
            Column("Publication due (status)", _review_due("lcspr-published", rules)),
            Column("Signed off", lambda r: r.signed_off_on),
            Column("Sent to the Panel and Secretary of State", lambda r: r.sent_to_panel_on),
            Column("Final report due (status)", _review_due("final-report-sent", rules)),
            Column("Published", lambda r: r.published_on),
            Column("Withdrawn from the public site after",
                   _with_clock(rules, lambda r: r.withdrawal_date)),
            Column("Milestones overdue", _with_clock(rules, lambda r: len(r.overdue_milestones))),
            Column("Learning events", lambda r: r.learning_event_count),
        ]
        return super().export(fmt)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reviews"] = selectors.with_review_deadlines(
            list(context["object_list"]), selectors.rules_for(self.partnership)
        )
        context["can_add"] = self.request.user.has_perm("reviews.add_practice_review",
                                                        self.partnership)
        return context


class PracticeReviewCreateView(PartnershipMixin, FormView):
    """Start a practice review: from the rapid review that decided on it (?rapid_review=),
    or directly for a historic or other learning review."""

    permission_required = "reviews.add_practice_review"
    template_name = "reviews/practice_review_form.html"
    form_class = PracticeReviewForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership, "creating": True}

    def get_initial(self):
        chosen = RapidReview.objects.filter(
            pk=self.request.GET.get("rapid_review") or None,
            incident__partnership=self.partnership, local_review=True,
        ).first()
        if chosen is None:
            return {}
        return {"rapid_review": chosen.pk, "decided_on": chosen.decided_on,
                "kind": PracticeReview.Kind.INDIVIDUAL,
                "recorded_after": chosen.recorded_after, "date_precision": chosen.date_precision,
                "panel_members": [p.pk for p in chosen.panel_members.all()]}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        data.pop("version", None)
        panel, rapid_review = data.pop("panel_members", []), data.pop("rapid_review", None)
        try:
            review = services.practice_review_create(
                actor=self.request.user, partnership=self.partnership, data=data,
                panel_members=panel, rapid_review=rapid_review,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Practice review “{review.pseudonym}” recorded.")
        return redirect("reviews:practice_review_detail", slug=self.partnership.slug,
                        pk=review.pk)


class PracticeReviewDetailView(RestrictedPracticeReviewMixin, TemplateView):
    template_name = "reviews/practice_review_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.review
        selectors.with_review_deadlines([review], selectors.rules_for(self.partnership))
        context["panel"] = list(review.panel_members.select_related("organisation"))
        context["events"] = list(review.learning_events.all())
        context["attendees"] = sum(e.attendees or 0 for e in context["events"])
        context["can_change"] = self.request.user.has_perm("reviews.change_practice_review",
                                                           review)
        return context


class PracticeReviewEditView(RestrictedPracticeReviewMixin, _VersionedFormView):
    permission_required = "reviews.change_practice_review"
    template_name = "reviews/practice_review_form.html"
    form_class = PracticeReviewForm

    def edited(self):
        return self.review

    def get_initial(self):
        initial = super().get_initial()
        initial["panel_members"] = [p.pk for p in self.review.panel_members.all()]
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def save(self, data, version):
        review = PracticeReview.objects.get(pk=self.review.pk)
        panel = data.pop("panel_members", [])
        return services.practice_review_update(
            actor=self.request.user, review=review, data=data, panel_members=panel,
            expected_version=version,
        )

    def success(self, review):
        messages.success(self.request, f"Practice review “{review.pseudonym}” saved.")
        return self.review_url()


class _ReviewPartFormView(RestrictedPracticeReviewMixin, FormView):
    """A small form on a practice review (milestone, learning event, briefing)."""

    permission_required = "reviews.change_practice_review"
    template_name = "reviews/practice_review_part_form.html"
    heading = ""
    submit_label = "Save"
    multipart = False  # True for a form with a file

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(heading=self.heading, submit_label=self.submit_label,
                       multipart=self.multipart)
        return context

    def call(self, data):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.call(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, f"{self.heading}: saved.")
        return self.review_url()


class MilestoneAddView(_ReviewPartFormView):
    form_class = MilestoneForm
    heading = "Add a milestone"
    submit_label = "Add milestone"

    def call(self, data):
        services.milestone_add(actor=self.request.user, review=self.review, **data)


class MilestoneCompleteView(_ReviewPartFormView):
    form_class = MilestoneDoneForm
    submit_label = "Mark as done"

    def check_object_permission(self):
        super().check_object_permission()
        self.milestone = get_object_or_404(Milestone, review=self.review,
                                           pk=self.kwargs["milestone"])
        self.heading = f"Mark “{self.milestone.name}” as done"

    def get_initial(self):
        return {"version": self.milestone.version}

    def call(self, data):
        services.milestone_complete(actor=self.request.user, milestone=self.milestone,
                                    done_on=data["done_on"], expected_version=data["version"])


class LearningEventAddView(_ReviewPartFormView):
    form_class = LearningEventForm
    heading = "Add a learning event"
    submit_label = "Add learning event"

    def call(self, data):
        services.learning_event_add(actor=self.request.user, review=self.review, **data)


class BriefingView(_ReviewPartFormView):
    form_class = BriefingForm
    heading = "Seven-minute briefing"
    submit_label = "Save briefing"
    multipart = True

    def get_initial(self):
        return {"version": self.review.version}

    def call(self, data):
        services.practice_review_set_briefing(actor=self.request.user, review=self.review,
                                              file=data.get("file"), url=data.get("url", ""),
                                              expected_version=data["version"])


class BriefingDownloadView(FileDownloadMixin, RestrictedPracticeReviewMixin, TemplateView):
    """The briefing document: case detail until the review is published, then for anyone
    working in the partnership."""

    permission_required = "reviews.download_briefing"
    file_field = "briefing_file"
    missing_message = ("This review has no briefing document, or its file is missing; ask "
                       "the business unit to upload it again.")

    def get_download_object(self):
        return self.review
