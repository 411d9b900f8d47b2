from django import forms

from core.forms import DateInput, DateTimeInput, HubDateField, HubForm, VersionField
from core.tabular import check_table_file

from .models import Booking, Course, Evaluation, Event, EventContributor, ImpactFollowUp


def _required(message):
    return {"required": message, "invalid": message}


class ThemeChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class CourseForm(HubForm):
    title = forms.CharField(max_length=200, label="Title",
                            error_messages={"required": "Enter the course's title"})
    level = forms.ChoiceField(choices=Course.Level.choices, label="Level",
                              error_messages={"required": "Choose the course's level"})
    delivery = forms.ChoiceField(choices=Course.Delivery.choices, label="Delivery",
                                 widget=forms.RadioSelect,
                                 error_messages={"required": "Choose how the course is delivered"})
    themes = ThemeChoices(queryset=None, required=False, label="Learning themes it answers")
    audience = forms.CharField(max_length=300, required=False, label="Audience")
    outcomes = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False,
                               label="Learning outcomes")
    is_active = forms.BooleanField(required=False, initial=True, label="Offered this year")

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes


class CourseCreateForm(CourseForm):
    partnerships = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        label="Also run jointly with")

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnerships"].queryset = partnerships


class CourseEditForm(CourseForm):
    version = VersionField()


class SessionForm(HubForm):
    starts_at = forms.DateTimeField(label="Starts", widget=DateTimeInput(),
                                    help_text="Date and time, for example 14/01/2027 09:30",
                                    error_messages=_required("Enter the date and time the "
                                                             "session starts"))
    ends_at = forms.DateTimeField(label="Ends", widget=DateTimeInput(),
                                  error_messages=_required("Enter the date and time the "
                                                           "session ends"))
    venue = forms.CharField(max_length=200, required=False, label="Venue")
    link = forms.URLField(required=False, label="Joining link", assume_scheme="https",
                          error_messages={"invalid": "Enter the joining link as a web address "
                                                     "starting https://"})
    capacity = forms.IntegerField(
        label="Places", min_value=1, max_value=1000,
        error_messages={"required": "Enter how many places the session has",
                        "invalid": "Enter the places as a whole number",
                        "min_value": "A session has at least 1 place",
                        "max_value": "A session has at most 1,000 places"})
    trainers = forms.CharField(max_length=300, required=False, label="Trainers")
    cutoff_hours = forms.IntegerField(
        label="Booking and cancellation cut-off (hours before the start)", initial=48,
        min_value=0, max_value=1440,
        error_messages={"required": "Enter the cut-off in hours before the start",
                        "invalid": "Enter the cut-off as a whole number of hours",
                        "min_value": "The cut-off cannot be negative",
                        "max_value": "The cut-off is at most 1,440 hours (60 days)"})

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The session must end after it starts: enter an end "
                                      "time later than the start.")
        return data


class SessionEditForm(SessionForm):
    is_cancelled = forms.BooleanField(required=False, label="Cancel this session")
    version = VersionField()


class TeamBookingForm(HubForm):
    people = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label="Staff to book",
        error_messages={"required": "Choose at least one person to book",
                        "invalid_choice": "Choose people from the list"})

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people
        self.fields["people"].label_from_instance = (
            lambda p: f"{p.name}, {p.organisation}" if p.organisation else p.name)


class AttendanceForm(HubForm):
    """One radio group per booked place."""

    def __init__(self, *args, bookings, **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = list(bookings)
        for booking in self.bookings:
            self.fields[f"b{booking.pk}"] = forms.ChoiceField(
                choices=Booking.Attendance.choices, required=False, widget=forms.RadioSelect,
                label=f"{booking.person.name}"
                      + (f", {booking.organisation.name}" if booking.organisation else ""),
                initial=booking.attendance)

    def marks(self) -> dict[int, str]:
        return {b.pk: self.cleaned_data.get(f"b{b.pk}") or "" for b in self.bookings}


_CONFIDENCE = [("", "Choose")] + Evaluation.CONFIDENCE


class EvaluationForm(HubForm):
    rating = forms.TypedChoiceField(
        choices=Evaluation.Rating.choices, coerce=int, widget=forms.RadioSelect,
        label="How would you rate the session overall?",
        error_messages={"required": "Choose how you would rate the session"})
    confidence_before = forms.TypedChoiceField(
        choices=Evaluation.CONFIDENCE, coerce=int, widget=forms.RadioSelect,
        label="How confident were you in this area before the session? (1 low, 5 high)",
        error_messages={"required": "Choose how confident you were before the session"})
    confidence_after = forms.TypedChoiceField(
        choices=Evaluation.CONFIDENCE, coerce=int, widget=forms.RadioSelect,
        label="How confident are you now? (1 low, 5 high)",
        error_messages={"required": "Choose how confident you are now"})
    practice_change = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
        label="What will change in your practice?",
        help_text="Up to three things you will do differently. Do not name children or "
                  "families.",
        error_messages={"required": "Enter what will change in your practice"})


class FollowUpForm(HubForm):
    applied = forms.ChoiceField(
        choices=ImpactFollowUp.Applied.choices, widget=forms.RadioSelect,
        label="Have you used the learning in your practice?",
        error_messages={"required": "Choose whether you have used the learning"})
    confidence_now = forms.TypedChoiceField(
        choices=Evaluation.CONFIDENCE, coerce=int, widget=forms.RadioSelect,
        label="How confident are you in this area now? (1 low, 5 high)",
        error_messages={"required": "Choose how confident you are now"})
    example = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=2000, required=False,
        label="An example of the difference it made",
        help_text="Do not name children or families.")


class NoShowChargeForm(HubForm):
    starts_on = HubDateField(label="Applies from", widget=DateInput(),
                             error_messages=_required("Enter the date the charge applies from"))
    amount = forms.DecimalField(
        label="Charge per no-show (£)", min_value=0, max_digits=8, decimal_places=2,
        error_messages={"required": "Enter the charge per no-show in pounds",
                        "invalid": "Enter the charge as an amount in pounds, such as 50.00",
                        "min_value": "The charge cannot be negative"})
    note = forms.CharField(max_length=300, required=False, label="Note")


class EventForm(HubForm):
    title = forms.CharField(max_length=200, label="Title",
                            error_messages={"required": "Enter the event's title"})
    kind = forms.ChoiceField(choices=Event.Kind.choices, label="Kind of event")
    starts_at = forms.DateTimeField(label="Starts", widget=DateTimeInput(),
                                    error_messages=_required("Enter the date and time the "
                                                             "event starts"))
    venue = forms.CharField(max_length=200, required=False, label="Venue")
    themes = ThemeChoices(queryset=None, required=False, label="Learning themes it answers")
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False,
                              label="Summary")

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes


class RegistrationForm(HubForm):
    name = forms.CharField(max_length=120, label="Name",
                           error_messages={"required": "Enter the name of the person "
                                                       "registering"})
    organisation = forms.ModelChoiceField(queryset=None, required=False,
                                          label="Organisation", empty_label="Not known")
    attended = forms.BooleanField(required=False, label="Attended")

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ContributorForm(HubForm):
    name = forms.CharField(max_length=120, label="Name",
                           error_messages={"required": "Enter the speaker's or facilitator's "
                                                       "name"})
    role = forms.ChoiceField(choices=EventContributor.Role.choices, label="Role")
    from_organisation = forms.CharField(max_length=200, required=False, label="From")


class EventAttendanceForm(HubForm):
    attended = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        label="Who attended")

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = registrations


class CompletionImportForm(HubForm):
    file = forms.FileField(
        label="Completions file (CSV or Excel)",
        help_text="Columns: course, organisation, month (e.g. 2024-03), completions",
        error_messages={"required": "Choose the vendor's file to import",
                        "empty": "The file is empty"})

    def clean_file(self):
        return check_table_file(self.cleaned_data["file"])


class PeriodForm(HubForm):
    start = HubDateField(label="From", widget=DateInput(), required=False)
    end = HubDateField(label="To", widget=DateInput(), required=False)
