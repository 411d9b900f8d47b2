"""Groups, meetings, agendas, papers, attendance and decisions. Thin: check, call a service,
render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from core.exports import Column
from core.web import (
    FileDownloadMixin,
    HubListView,
    InstanceFormMixin,
    PartnershipMixin,
    ServiceFormView,
)

from . import forms, selectors, services
from .filters import DecisionFilter, GroupFilter, MeetingFilter
from .models import Group
from .web import MeetingObjectMixin


def _meeting_url(partnership, meeting):
    return reverse("governance:meeting_detail", kwargs={"slug": partnership.slug,
                                                         "pk": meeting.pk})


class GroupObjectMixin(PartnershipMixin):
    """The group in the URL, if it serves this partnership (404 otherwise); permissions are
    asked with it."""

    permission_required = "governance.view_group"

    def get_permission_object(self):
        self.group = selectors.group_in_partnership(self.partnership, self.kwargs["pk"])
        return self.group


class AgendaItemObjectMixin(PartnershipMixin):
    permission_required = "governance.run_meeting"

    def get_permission_object(self):
        self.item = selectors.agenda_item_in_partnership(self.partnership, self.kwargs["pk"])
        self.meeting = self.item.meeting
        return self.meeting.group


# ---- Groups ----

class GroupListView(HubListView):
    permission_required = "governance.list_groups"
    template_name = "governance/group_list.html"
    filterset_class = GroupFilter
    export_name = "groups"
    export_columns = [
        Column("Name", lambda g: g.name),
        Column("Kind", lambda g: g.get_kind_display()),
        Column("Partnerships", lambda g: "; ".join(p.short_name for p in g.partnerships.all())),
        Column("Reports to", lambda g: g.reports_to or ""),
        Column("Chair", lambda g: g.chair or ""),
        Column("Chair rota", lambda g: g.chair_rota),
        Column("Meets", lambda g: g.cadence_display),
        Column("Started on", lambda g: g.started_on or ""),
        Column("Ended on", lambda g: g.ended_on or ""),
    ]

    def base_queryset(self):
        return selectors.group_list(
            selectors.groups_visible_to(self.request.user, self.partnership)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_manage"] = self.request.user.has_perm("governance.manage_groups",
                                                           self.partnership)
        return context


class GroupDetailView(GroupObjectMixin, TemplateView):
    template_name = "governance/group_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        meetings = list(selectors.meetings_of(self.group))
        context.update(
            group=self.group,
            members=selectors.members_of(self.group),
            chairs=selectors.chair_history(self.group),
            may_manage=self.request.user.has_perm("governance.manage_groups",
                                                  self.partnership),
            sub_groups=self.group.sub_groups.filter(partnerships=self.partnership)
            .prefetch_related("partnerships"),  # asked by each sub-group's link
            upcoming=[m for m in meetings if m.starts_at >= now],
            past=[m for m in reversed(meetings) if m.starts_at < now],
        )
        return context


class MeetingGenerateView(GroupObjectMixin, ServiceFormView):
    permission_required = "governance.run_group"
    form_class = forms.MeetingGenerateForm
    submit_label = "Plan meetings"

    @property
    def page_title(self):
        return f"Plan {self.group.name} meetings ({self.group.cadence_display.lower()})"

    def call_service(self, form):
        data = form.cleaned_data
        return services.meetings_generate(
            actor=self.request.user, partnership=self.partnership, group=self.group,
            first=data["first"], last=data["last"], start_time=data["start_time"],
            duration_minutes=data["duration_minutes"], location=data["location"],
        )

    def success_message(self, result):
        if not result:
            return "No meetings were added: the group already meets on every one of those days."
        return f"{len(result)} meeting{'s' if len(result) != 1 else ''} planned."

    def get_success_url(self):
        return reverse("governance:group_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.group.pk})


def _managed_partnerships(user, partnership):
    """Partnerships whose groups this user may record: the business unit's (the URL's
    partnership first)."""
    from core import policy
    from core.models import Partnership, Role

    ids = policy.scope_of(user).partnerships_with({Role.BUSINESS_UNIT}) | {partnership.pk}
    return Partnership.objects.filter(pk__in=ids).order_by("name")


class GroupFormMixin:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(groups=selectors.group_list(Group.objects.filter(
            partnerships=self.partnership)),
            partnerships=_managed_partnerships(self.request.user, self.partnership))
        return kwargs

    def group_data(self, form):
        data, version = self.split_version(form)
        return data, data.pop("partnerships"), version

    def success_message(self, result):
        return f"{result.name} is saved."

    def get_success_url(self):
        return reverse("governance:group_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.saved.pk})


class GroupCreateView(GroupFormMixin, PartnershipMixin, ServiceFormView):
    permission_required = "governance.manage_groups"
    form_class = forms.GroupForm
    page_title = "Add a group"
    submit_label = "Add the group"

    def get_initial(self):
        return {"partnerships": [self.partnership]}

    def call_service(self, form):
        data, partnerships, _ = self.group_data(form)
        self.saved = services.group_create(actor=self.request.user,
                                           partnership=self.partnership, **data,
                                           partnerships=partnerships)
        return self.saved

    def get_cancel_url(self):
        return reverse("governance:group_list", kwargs={"slug": self.partnership.slug})


class GroupManageMixin(GroupObjectMixin):
    """A group of this partnership (404 otherwise), changed by the business unit."""

    permission_required = "governance.manage_groups"

    def get_permission_object(self):
        super().get_permission_object()
        self.saved = self.group
        return self.partnership


class GroupEditView(GroupFormMixin, GroupManageMixin, ServiceFormView):
    form_class = forms.GroupEditForm
    submit_label = "Save the group"

    @property
    def page_title(self):
        return f"Change {self.group.name}"

    def get_initial(self):
        g = self.group
        return {"name": g.name, "kind": g.kind, "reports_to": g.reports_to_id,
                "partnerships": list(g.partnerships.all()), "purpose": g.purpose,
                "chair_rota": g.chair_rota, "cadence_every": g.cadence_every,
                "cadence_unit": g.cadence_unit, "started_on": g.started_on,
                "ended_on": g.ended_on, "version": g.version}

    def call_service(self, form):
        data, partnerships, version = self.group_data(form)
        return services.group_update(actor=self.request.user, partnership=self.partnership,
                                     group=self.group, **data, partnerships=partnerships,
                                     expected_version=version)


class GroupChairView(GroupManageMixin, ServiceFormView):
    form_class = forms.ChairChangeForm
    submit_label = "Record the new chair"

    @property
    def page_title(self):
        return f"Record a new chair of {self.group.name}"

    def get_form_kwargs(self):
        from core.selectors import people_for

        return {**super().get_form_kwargs(), "people": people_for(self.partnership)}

    def call_service(self, form):
        return services.group_chair_change(actor=self.request.user,
                                           partnership=self.partnership, group=self.group,
                                           **form.cleaned_data)

    def success_message(self, result):
        return f"{result.person.name} chairs {self.group.name} from {result.started_on:%-d %B %Y}."

    def get_success_url(self):
        return reverse("governance:group_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.group.pk})


# ---- Meetings ----

class MeetingListView(HubListView):
    permission_required = "governance.list_groups"
    template_name = "governance/meeting_list.html"
    filterset_class = MeetingFilter
    export_name = "meetings"
    export_columns = [
        Column("Meeting", lambda m: m.title),
        Column("Group", lambda m: m.group.name),
        Column("Starts", lambda m: timezone.localtime(m.starts_at).strftime("%Y-%m-%d %H:%M")),
        Column("Ends", lambda m: timezone.localtime(m.ends_at).strftime("%Y-%m-%d %H:%M")),
        Column("Where", lambda m: m.location),
        Column("Status", lambda m: m.get_status_display()),
    ]

    def base_queryset(self):
        return selectors.meeting_list(
            selectors.meetings_visible_to(self.request.user, self.partnership)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_create"] = self.request.user.has_perm("governance.add_meeting",
                                                           self.partnership)
        return context


class MeetingDetailView(MeetingObjectMixin, TemplateView):
    permission_required = "governance.view_meeting"
    template_name = "governance/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.meeting
        context.update(
            meeting=meeting,
            group=meeting.group,
            agenda=selectors.agenda_of(meeting),
            attendance=selectors.attendance_of(meeting),
            decisions=selectors.decisions_of(meeting),
            escalate_to=meeting.group.reports_to,
        )
        return context


class MeetingCreateView(PartnershipMixin, ServiceFormView):
    permission_required = "governance.add_meeting"
    form_class = forms.MeetingCreateForm
    page_title = "Create a meeting"
    submit_label = "Create meeting"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["groups"] = selectors.groups_run_by(self.request.user, self.partnership)
        return kwargs

    def get_initial(self):
        group = self.request.GET.get("group")
        return {"group": group} if group and group.isdigit() else {}

    def call_service(self, form):
        self.meeting = services.meeting_create(actor=self.request.user,
                                               partnership=self.partnership,
                                               **form.cleaned_data)
        return self.meeting

    def success_message(self, result):
        return f"Meeting created: {result}."

    def get_success_url(self):
        return _meeting_url(self.partnership, self.meeting)

    def get_cancel_url(self):
        return reverse("governance:meeting_list", kwargs={"slug": self.partnership.slug})


class MeetingEditView(MeetingObjectMixin, ServiceFormView):
    form_class = forms.MeetingEditForm
    submit_label = "Save changes"

    @property
    def page_title(self):
        return f"Change {self.meeting}"

    def get_initial(self):
        m = self.meeting
        return {"title": m.title, "status": m.status, "starts_at": timezone.localtime(m.starts_at),
                "ends_at": timezone.localtime(m.ends_at), "location": m.location,
                "minutes": m.minutes, "version": m.version}

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.meeting_update(actor=self.request.user, partnership=self.partnership,
                                       meeting=self.meeting, data=data,
                                       expected_version=version)

    def success_message(self, result):
        return "Meeting saved."

    def get_success_url(self):
        return _meeting_url(self.partnership, self.meeting)


class AgendaItemCreateView(MeetingObjectMixin, ServiceFormView):
    form_class = forms.AgendaItemForm
    submit_label = "Add agenda item"

    @property
    def page_title(self):
        return f"Add an agenda item to {self.meeting}"

    def call_service(self, form):
        return services.agenda_item_create(actor=self.request.user,
                                           partnership=self.partnership,
                                           meeting=self.meeting, **form.cleaned_data)

    def success_message(self, result):
        return f"Agenda item added: {result}."

    def get_success_url(self):
        return _meeting_url(self.partnership, self.meeting)


class PaperUploadView(AgendaItemObjectMixin, ServiceFormView):
    form_class = forms.PaperForm
    submit_label = "Upload paper"
    multipart = True

    @property
    def page_title(self):
        return f"Upload a paper for “{self.item.title}”"

    def call_service(self, form):
        return services.paper_upload(actor=self.request.user, partnership=self.partnership,
                                     agenda_item=self.item, title=form.cleaned_data["title"],
                                     file=form.cleaned_data["file"])

    def success_message(self, result):
        return f"Paper uploaded: {result}."

    def get_success_url(self):
        return _meeting_url(self.partnership, self.meeting)


class PaperDownloadView(FileDownloadMixin, PartnershipMixin, View):
    """Papers are served only through this check, never straight from the media folder."""

    permission_required = "governance.view_meeting"
    missing_message = "The paper's file is missing; ask the business unit to upload it again."

    def get_permission_object(self):
        self.paper = selectors.paper_in_partnership(self.partnership, self.kwargs["pk"])
        return self.paper.agenda_item.meeting.group

    def get_download_object(self):
        return self.paper


class AttendanceEditView(MeetingObjectMixin, ServiceFormView):
    form_class = forms.AttendanceForm
    submit_label = "Save changes"
    template_name = "governance/attendance_form.html"

    @property
    def page_title(self):
        return f"Attendance at {self.meeting}"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        current = {a.person_id: a for a in selectors.attendance_of(self.meeting)}
        people = [m.person for m in selectors.members_of(self.meeting.group)]
        known = {p.pk for p in people}
        # People recorded before they left the group still show.
        people += [a.person for a in current.values() if a.person_id not in known]
        kwargs.update(people=people, partnership=self.partnership, current=current)
        return kwargs

    def call_service(self, form):
        return services.attendance_record(actor=self.request.user,
                                          partnership=self.partnership,
                                          meeting=self.meeting, entries=form.entries())

    def success_message(self, result):
        return "Attendance saved."

    def get_success_url(self):
        return _meeting_url(self.partnership, self.meeting)


class DecisionCreateView(MeetingObjectMixin, ServiceFormView):
    form_class = forms.DecisionForm
    submit_label = "Record decision"

    @property
    def page_title(self):
        return f"Record a decision of {self.meeting}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def call_service(self, form):
        return services.decision_record(actor=self.request.user, partnership=self.partnership,
                                        meeting=self.meeting, **form.cleaned_data)

    def success_message(self, result):
        return "Decision recorded."

    def get_success_url(self):
        return _meeting_url(self.partnership, self.meeting)


class AgendaItemEscalateView(AgendaItemObjectMixin, View):
    """POST only: put the item on the next planned meeting of the group this one reports to."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            item = services.agenda_item_escalate(actor=request.user,
                                                 partnership=self.partnership,
                                                 agenda_item=self.item)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Escalated to {item.meeting}.")
        return redirect(_meeting_url(self.partnership, self.meeting))


# ---- Decisions ----

class DecisionListView(HubListView):
    permission_required = "governance.list_groups"
    template_name = "governance/decision_list.html"
    filterset_class = DecisionFilter
    export_name = "decisions"
    export_columns = [
        Column("Date", lambda d: timezone.localtime(d.meeting.starts_at).date().isoformat()),
        Column("Group", lambda d: d.meeting.group.name),
        Column("Meeting", lambda d: d.meeting.title),
        Column("Agenda item", lambda d: d.agenda_item or ""),
        Column("Decision", lambda d: d.text),
    ]

    def base_queryset(self):
        return selectors.decisions_visible_to(self.request.user, self.partnership)


# ---- The procedures register ----

class ProcedureListView(HubListView):
    permission_required = "governance.view_procedures"
    template_name = "governance/procedure_list.html"
    export_name = "procedures"
    export_columns = [
        Column("Title", lambda p: p.title),
        Column("Kind", lambda p: p.get_kind_display()),
        Column("Owner group", lambda p: p.owner_group.name if p.owner_group else ""),
        Column("Version", lambda p: p.current_version),
        Column("Last reviewed on", lambda p: p.last_reviewed_on or ""),
        Column("Next review due", lambda p: p.next_review_due or ""),
        Column("What changed last", lambda p: p.latest_change or ""),
        Column("Published", lambda p: "yes" if p.published else "no"),
        Column("Link", lambda p: p.url),
    ]

    def base_queryset(self):
        return selectors.procedures(self.partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["rows"] = [(p, selectors.review_status(p, today))
                           for p in context["object_list"]]
        context["may_manage"] = self.request.user.has_perm("governance.manage_procedures",
                                                           self.partnership)
        return context


class ProcedureMixin(PartnershipMixin):
    permission_required = "governance.manage_procedures"

    def get_permission_object(self):
        self.procedure = selectors.procedure_in_partnership(self.partnership, self.kwargs["pk"])
        return self.partnership

    def get_success_url(self):
        return reverse("governance:procedure_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.procedure.pk})


class ProcedureDetailView(ProcedureMixin, TemplateView):
    permission_required = "governance.view_procedures"
    template_name = "governance/procedure_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(procedure=self.procedure,
                       status=selectors.review_status(self.procedure, timezone.localdate()),
                       may_manage=self.request.user.has_perm("governance.manage_procedures",
                                                             self.partnership))
        return context


class ProcedureFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "groups": Group.objects.filter(partnerships=self.partnership)}


class ProcedureCreateView(ProcedureFormMixin, PartnershipMixin, ServiceFormView):
    permission_required = "governance.manage_procedures"
    form_class = forms.ProcedureForm
    page_title = "Add a procedure"
    submit_label = "Add the procedure"

    def get_initial(self):
        return {"published": True}

    def call_service(self, form):
        self.procedure = services.procedure_create(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data)
        return self.procedure

    def success_message(self, result):
        return f"{result.title} is in the register."

    def get_success_url(self):
        return ProcedureMixin.get_success_url(self)

    def get_cancel_url(self):
        return reverse("governance:procedure_list", kwargs={"slug": self.partnership.slug})


class ProcedureEditView(ProcedureFormMixin, InstanceFormMixin, ProcedureMixin, ServiceFormView):
    form_class = forms.ProcedureEditForm
    submit_label = "Save the procedure"

    @property
    def page_title(self):
        return f"Change {self.procedure.title}"

    def form_instance(self):
        return self.procedure

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.procedure_update(actor=self.request.user, partnership=self.partnership,
                                         procedure=self.procedure, data=data,
                                         expected_version=version)

    def success_message(self, result):
        return f"{result.title} is saved."


class ProcedureVersionAddView(InstanceFormMixin, ProcedureMixin, ServiceFormView):
    form_class = forms.ProcedureVersionForm
    submit_label = "Record the version"
    instance_fields = ("version",)

    @property
    def page_title(self):
        return f"Record a new version of {self.procedure.title}"

    def form_instance(self):
        return self.procedure

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.procedure_version_add(
            actor=self.request.user, partnership=self.partnership, procedure=self.procedure,
            data=data, expected_version=version)

    def success_message(self, result):
        return f"Version {result.number} of {self.procedure.title} is recorded."
