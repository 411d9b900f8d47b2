"""The training programme's pages. Thin: check, call a service, render."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from core.deadlines import Status
from core.exports import Column
from core.selectors import organisations_for, people_for, rules_in_force
from core.tabular import read_table
from core.web import HubListView, PartnershipMixin, ServiceFormView, TableImportView
from learning.models import Theme

from . import clock, forms, selectors, services
from .calendar import booking_ical
from .models import Booking


def _url(name, partnership, **kwargs):
    return reverse(f"training:{name}", kwargs={"slug": partnership.slug, **kwargs})


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


# ---- the programme ----------------------------------------------------------------------

class CourseListView(HubListView):
    permission_required = "training.view_programme"
    template_name = "training/course_list.html"
    export_name = "training-courses"
    export_columns = [
        Column("Course", lambda c: c.title),
        Column("Level", lambda c: c.get_level_display()),
        Column("Delivery", lambda c: c.get_delivery_display()),
        Column("Themes", lambda c: "; ".join(t.name for t in c.themes.all())),
        Column("Run by", lambda c: "; ".join(p.short_name for p in c.partnerships.all())),
        Column("Sessions to come", lambda c: c.upcoming),
    ]

    def base_queryset(self):
        return selectors.courses_for(self.partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upcoming"] = selectors.sessions_for(self.partnership, upcoming=True)[:10]
        return context


class CourseFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "themes": Theme.objects.all()}


class CourseCreateView(CourseFormMixin, PartnershipMixin, ServiceFormView):
    permission_required = "training.manage_programme"
    form_class = forms.CourseCreateForm
    page_title = "Add a course"
    submit_label = "Add the course"

    def get_form_kwargs(self):
        from core.models import Partnership

        return {**super().get_form_kwargs(),
                "partnerships": Partnership.objects.exclude(pk=self.partnership.pk)}

    def call_service(self, form):
        data = dict(form.cleaned_data)
        themes, shared = data.pop("themes"), data.pop("partnerships")
        self.saved = services.course_create(actor=self.request.user,
                                            partnership=self.partnership, data=data,
                                            themes=themes, partnerships=shared)
        return self.saved

    def success_message(self, result):
        return f"{result.title} is in the programme."

    def get_success_url(self):
        return _url("course_detail", self.partnership, pk=self.saved.pk)

    def get_cancel_url(self):
        return _url("course_list", self.partnership)


class CourseObjectMixin(PartnershipMixin):
    permission_required = "training.view_programme"

    def get_permission_object(self):
        self.course = selectors.course_in_partnership(self.partnership, self.kwargs["pk"])
        return self.partnership


class CourseDetailView(CourseObjectMixin, TemplateView):
    template_name = "training/course_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sessions = selectors.sessions_for(self.partnership, course=self.course)
        now = timezone.now()
        context.update(course=self.course,
                       upcoming=[s for s in sessions if s.starts_at >= now],
                       past=[s for s in sessions if s.starts_at < now][::-1])
        return context


class CourseEditView(CourseFormMixin, CourseObjectMixin, ServiceFormView):
    permission_required = "training.manage_programme"
    form_class = forms.CourseEditForm
    submit_label = "Save the course"

    @property
    def page_title(self):
        return f"Change {self.course.title}"

    def get_initial(self):
        c = self.course
        return {"title": c.title, "level": c.level, "delivery": c.delivery,
                "themes": list(c.themes.all()), "audience": c.audience,
                "outcomes": c.outcomes, "is_active": c.is_active, "version": c.version}

    def call_service(self, form):
        data, version = self.split_version(form)
        themes = data.pop("themes")
        return services.course_update(actor=self.request.user, partnership=self.partnership,
                                      course=self.course, data=data, themes=themes,
                                      expected_version=version)

    def get_success_url(self):
        return _url("course_detail", self.partnership, pk=self.course.pk)


class SessionCreateView(CourseObjectMixin, ServiceFormView):
    permission_required = "training.manage_programme"
    form_class = forms.SessionForm
    submit_label = "Add the session"

    @property
    def page_title(self):
        return f"Add a session of {self.course.title}"

    def call_service(self, form):
        return services.session_create(actor=self.request.user, partnership=self.partnership,
                                       course=self.course, data=form.cleaned_data)

    def success_message(self, result):
        return "The session is added and open for booking."

    def get_success_url(self):
        return _url("course_detail", self.partnership, pk=self.course.pk)


class SessionObjectMixin(PartnershipMixin):
    permission_required = "training.view_programme"

    def get_permission_object(self):
        self.session = selectors.session_in_partnership(self.partnership, self.kwargs["pk"])
        return self.partnership

    def session_url(self):
        return _url("session_detail", self.partnership, pk=self.session.pk)


class SessionDetailView(SessionObjectMixin, TemplateView):
    template_name = "training/session_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = getattr(self.request.user, "person", None)
        context.update(session=self.session, places_left=selectors.places_left(self.session),
                       open=selectors.may_book_now(self.session),
                       mine=selectors.live_booking(self.session, person),
                       has_person=person is not None)
        return context


class SessionEditView(SessionObjectMixin, ServiceFormView):
    permission_required = "training.manage_programme"
    form_class = forms.SessionEditForm
    submit_label = "Save the session"

    @property
    def page_title(self):
        return f"Change the session of {self.session.course.title}"

    def get_initial(self):
        s = self.session
        return {"starts_at": timezone.localtime(s.starts_at),
                "ends_at": timezone.localtime(s.ends_at), "venue": s.venue, "link": s.link,
                "capacity": s.capacity, "trainers": s.trainers,
                "cutoff_hours": s.cutoff_hours, "is_cancelled": s.is_cancelled,
                "version": s.version}

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.session_update(actor=self.request.user, partnership=self.partnership,
                                       session=self.session, data=data,
                                       expected_version=version)

    def get_success_url(self):
        return self.session_url()


class SessionBookView(SessionObjectMixin, View):
    """The learner books themselves (POST): a place, or the waiting list."""

    permission_required = "training.book"

    def post(self, request, **kwargs):
        person = getattr(request.user, "person", None)
        if person is None:
            raise PermissionDenied("Only a person known to the partnership can book.")
        try:
            booking = services.book(actor=request.user, partnership=self.partnership,
                                    session=self.session, person=person)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if booking.status == Booking.Status.BOOKED:
                messages.success(request, "You are booked. Add it to your calendar from "
                                          "My training.")
            else:
                messages.success(request, "The session is full, so you are on the waiting "
                                          "list. If a place comes free it is yours, and we "
                                          "will e-mail you.")
        return redirect(self.session_url())


class TeamBookView(SessionObjectMixin, ServiceFormView):
    permission_required = "training.book_team"
    form_class = forms.TeamBookingForm
    submit_label = "Book these staff"

    @property
    def page_title(self):
        return f"Book staff on {self.session}"

    def get_form_kwargs(self):
        people = selectors.team_for(self.request.user, self.partnership,
                                    people_for(self.partnership))
        return {**super().get_form_kwargs(), "people": people}

    def call_service(self, form):
        return services.team_book(actor=self.request.user, partnership=self.partnership,
                                  session=self.session, people=form.cleaned_data["people"])

    def success_message(self, result):
        placed = sum(b.status == Booking.Status.BOOKED for b in result)
        waiting = len(result) - placed
        text = f"{placed} booked"
        if waiting:
            text += f", {waiting} on the waiting list"
        return text + "."

    def get_success_url(self):
        return self.session_url()


class RegisterView(SessionObjectMixin, ServiceFormView):
    """The register: who is booked and waiting; the business unit takes attendance."""

    permission_required = "training.view_register"
    template_name = "training/register.html"
    form_class = forms.AttendanceForm
    submit_label = "Save attendance"

    @property
    def page_title(self):
        return f"Register: {self.session}"

    def get_form_kwargs(self):
        self.bookings = list(selectors.register(self.session))
        return {**super().get_form_kwargs(),
                "bookings": [b for b in self.bookings if b.status == Booking.Status.BOOKED]}

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("training.manage_programme", self.partnership):
            raise PermissionDenied("Only the business unit takes attendance.")
        return super().post(request, *args, **kwargs)

    def call_service(self, form):
        return services.attendance_record(actor=self.request.user,
                                          partnership=self.partnership,
                                          session=self.session, marks=form.marks())

    def success_message(self, result):
        return f"Attendance saved ({result} changed)."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(session=self.session,
                       waiting=[b for b in self.bookings if b.status == Booking.Status.WAITING],
                       may_take=self.request.user.has_perm("training.manage_programme",
                                                           self.partnership),
                       started=self.session.starts_at <= timezone.now())
        return context

    def get_success_url(self):
        return _url("session_register", self.partnership, pk=self.session.pk)


# ---- the learner's own bookings ---------------------------------------------------------------

class MyTrainingView(PartnershipMixin, TemplateView):
    permission_required = "training.book"
    template_name = "training/my_training.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = getattr(self.request.user, "person", None)
        bookings = list(selectors.bookings_of(person).filter(partnership=self.partnership))
        rules = list(rules_in_force(self.partnership, [clock.KIND]))
        for booking in bookings:
            booking.deadlines = [d for d in clock.booking_deadlines(rules, booking)
                                 if d.status in Status.OPEN]
        context["bookings"] = bookings
        context["now"] = timezone.now()
        return context


class BookingObjectMixin(PartnershipMixin):
    permission_required = "training.change_booking"

    def get_permission_object(self):
        self.booking = selectors.booking_in_partnership(self.partnership, self.kwargs["pk"])
        return self.booking

    def my_training_url(self):
        return _url("my_training", self.partnership)


class BookingCancelView(BookingObjectMixin, ServiceFormView):
    form_class = forms.HubForm
    submit_label = "Cancel the booking"
    destructive = True

    @property
    def page_title(self):
        return f"Cancel {self.booking.person.name}'s booking on {self.booking.session}"

    def call_service(self, form):
        return services.booking_cancel(actor=self.request.user, booking=self.booking)

    def success_message(self, result):
        return "The booking is cancelled; any place it frees goes to the waiting list."

    def get_success_url(self):
        if self.booking.person_id == getattr(getattr(self.request.user, "person", None),
                                             "pk", None):
            return self.my_training_url()
        return _url("session_register", self.partnership, pk=self.booking.session_id)


class EvaluationView(BookingObjectMixin, ServiceFormView):
    permission_required = "training.evaluate"
    form_class = forms.EvaluationForm
    submit_label = "Send the evaluation"

    @property
    def page_title(self):
        return f"Evaluate {self.booking.session.course.title}"

    def call_service(self, form):
        return services.evaluation_submit(actor=self.request.user, booking=self.booking,
                                          data=form.cleaned_data)

    def success_message(self, result):
        return "Thank you: your evaluation is saved."

    def get_success_url(self):
        return self.my_training_url()


class FollowUpView(EvaluationView):
    form_class = forms.FollowUpForm
    submit_label = "Send the follow-up"

    @property
    def page_title(self):
        return f"Impact follow-up: {self.booking.session.course.title}"

    def call_service(self, form):
        return services.follow_up_submit(actor=self.request.user, booking=self.booking,
                                         data=form.cleaned_data)


class BookingCalendarView(BookingObjectMixin, View):
    """The booking as an iCalendar file, for the learner's own calendar."""

    permission_required = "training.evaluate"

    def get(self, request, **kwargs):
        response = HttpResponse(booking_ical(self.booking, request),
                                content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="training-{self.booking.pk}.ics"'
        return response


# ---- figures -----------------------------------------------------------------------------------

def _year_start(today: datetime.date) -> datetime.date:
    """The partnership year begins on 1 April."""
    return datetime.date(today.year if today.month >= 4 else today.year - 1, 4, 1)


class FiguresView(PartnershipMixin, TemplateView):
    permission_required = "training.view_figures"
    template_name = "training/figures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        form = forms.PeriodForm(self.request.GET or None)
        start, end = _year_start(today), datetime.date(_year_start(today).year + 1, 3, 31)
        if form.is_bound and form.is_valid():
            start = form.cleaned_data.get("start") or start
            end = form.cleaned_data.get("end") or end
        if end < start:
            form.add_error("end", "The end of the period cannot be before its start.")
        context.update(form=form, figures=selectors.figures(self.partnership, start, end))
        return context


class NoShowChargeCreateView(PartnershipMixin, ServiceFormView):
    permission_required = "training.manage_programme"
    form_class = forms.NoShowChargeForm
    page_title = "Set the charge for places not used"
    submit_label = "Save the charge"

    def call_service(self, form):
        return services.no_show_charge_create(actor=self.request.user,
                                              partnership=self.partnership,
                                              data=form.cleaned_data)

    def get_success_url(self):
        return _url("figures", self.partnership)


# ---- events -------------------------------------------------------------------------------------

class EventListView(HubListView):
    permission_required = "training.view_programme"
    template_name = "training/event_list.html"
    export_name = "training-events"
    export_columns = [
        Column("Event", lambda e: e.title),
        Column("Kind", lambda e: e.get_kind_display()),
        Column("Starts", lambda e: _local(e.starts_at)),
        Column("Registered interest", lambda e: e.interest),
        Column("Attended", lambda e: e.attendees),
        Column("Speakers and facilitators", lambda e: e.speakers),
    ]

    def base_queryset(self):
        return selectors.events_for(self.partnership)


class EventCreateView(PartnershipMixin, ServiceFormView):
    permission_required = "training.manage_programme"
    form_class = forms.EventForm
    page_title = "Add an event"
    submit_label = "Add the event"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "themes": Theme.objects.all()}

    def call_service(self, form):
        data = dict(form.cleaned_data)
        themes = data.pop("themes")
        self.saved = services.event_create(actor=self.request.user,
                                           partnership=self.partnership, data=data,
                                           themes=themes)
        return self.saved

    def get_success_url(self):
        return _url("event_detail", self.partnership, pk=self.saved.pk)

    def get_cancel_url(self):
        return _url("event_list", self.partnership)


class EventObjectMixin(PartnershipMixin):
    permission_required = "training.view_programme"

    def get_permission_object(self):
        self.event = selectors.event_in_partnership(self.partnership, self.kwargs["pk"])
        return self.partnership

    def event_url(self):
        return _url("event_detail", self.partnership, pk=self.event.pk)


class EventDetailView(EventObjectMixin, TemplateView):
    template_name = "training/event_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registrations = list(self.event.registrations.all())
        context.update(
            event=self.event, registrations=registrations,
            attended=sum(r.attended for r in registrations),
            contributors=list(self.event.contributors.all()),
            may_read_names=self.request.user.has_perm("training.view_register",
                                                      self.partnership))
        return context


class RegistrationCreateView(EventObjectMixin, ServiceFormView):
    permission_required = "training.manage_programme"
    form_class = forms.RegistrationForm
    submit_label = "Add the registration"

    @property
    def page_title(self):
        return f"Register interest in {self.event.title}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "organisations": organisations_for(self.partnership)}

    def call_service(self, form):
        return services.event_register(actor=self.request.user, partnership=self.partnership,
                                       event=self.event, **form.cleaned_data)

    def get_success_url(self):
        return self.event_url()


class ContributorCreateView(EventObjectMixin, ServiceFormView):
    permission_required = "training.manage_programme"
    form_class = forms.ContributorForm
    submit_label = "Add the speaker or facilitator"

    @property
    def page_title(self):
        return f"Add a speaker or facilitator to {self.event.title}"

    def call_service(self, form):
        return services.event_contributor_add(actor=self.request.user,
                                              partnership=self.partnership, event=self.event,
                                              data=form.cleaned_data)

    def get_success_url(self):
        return self.event_url()


class EventAttendanceView(EventObjectMixin, ServiceFormView):
    permission_required = "training.manage_programme"
    form_class = forms.EventAttendanceForm
    submit_label = "Save who attended"

    @property
    def page_title(self):
        return f"Who attended {self.event.title}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "registrations": self.event.registrations.all()}

    def get_initial(self):
        return {"attended": [r for r in self.event.registrations.all() if r.attended]}

    def call_service(self, form):
        return services.event_attendance_record(
            actor=self.request.user, partnership=self.partnership, event=self.event,
            attended_ids=[r.pk for r in form.cleaned_data["attended"]])

    def get_success_url(self):
        return self.event_url()


# ---- e-learning completions ---------------------------------------------------------------------

class CompletionListView(HubListView):
    permission_required = "training.view_figures"
    template_name = "training/completion_list.html"
    export_name = "elearning-completions"
    export_columns = [
        Column("course", lambda c: c.course.title),
        Column("organisation", lambda c: c.organisation.name),
        Column("month", lambda c: c.month.strftime("%Y-%m")),
        Column("completions", lambda c: c.completions),
    ]

    def base_queryset(self):
        return selectors.completions_for(self.partnership)


class CompletionImportView(TableImportView):
    """Import a vendor's completions from CSV / XLSX: all rows or none, problems by row."""

    permission_required = "training.manage_programme"
    form_class = forms.CompletionImportForm
    template_name = "training/completion_import.html"

    def read_rows(self, upload):
        return read_table(upload, required=list(services.COMPLETION_COLUMNS))

    def save(self, form, rows, upload):
        saved = services.completions_import(actor=self.request.user,
                                            partnership=self.partnership, rows=rows)
        messages.success(self.request, f"{saved} rows processed and saved from {upload.name}.")
        return redirect(_url("completion_list", self.partnership))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "columns": services.COMPLETION_COLUMNS}
