"""GOV.UK Frontend form rendering: every form in the hub uses HubForm / HubModelForm."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.core import validators
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates

WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    forms.RadioSelect: "govuk-radios__input",
}


class HubFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


# ---- limits every form shares: dates in a sensible range, free text of a sensible length ----

EARLIEST_DATE = datetime.date(2000, 1, 1)
YEARS_AHEAD = 5
# Free text without a limit of its own: a title or name on one line; a description or note;
# minutes and long narrative (a real paper's length).
SHORT_TEXT, DESCRIPTION_TEXT, LONG_TEXT = 300, 2_000, 20_000
DESCRIPTION_WORDS = ("description", "note", "definition", "comment", "reason")


def _label(field, name: str) -> str:
    """How a message names a field: "the title", "the date the local authority became aware"."""
    label = str(field.label or name.replace("_", " ")).rstrip(" ?:")
    if not label[:2].isupper():
        label = label[:1].lower() + label[1:]
    return label if label.startswith(("the ", "your ")) else f"the {label}"


def _long_date(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def check_date_range(value, *, label: str, past_only: bool = False, today=None) -> None:
    """The one date rule of every form: not before 2000 (the hub holds nothing older), not
    more than five years ahead (a typing slip, such as 2205), and not in the future for a
    date something happened on. The message says why."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime.datetime) else value
    today = today or datetime.date.today()
    latest = datetime.date(today.year + YEARS_AHEAD, today.month, min(today.day, 28))
    if day < EARLIEST_DATE:
        raise ValidationError(
            f"Enter a date on or after {_long_date(EARLIEST_DATE)} for {label}: the hub "
            "holds no records before then.", code="date_too_early")
    if past_only and day > today:
        raise ValidationError(
            f"{label[:1].upper()}{label[1:]} cannot be in the future: enter a date that has "
            f"happened, today ({_long_date(today)}) or before.", code="date_in_future")
    if day > latest:
        raise ValidationError(
            f"Enter a date no later than {_long_date(latest)} for {label}: dates more than "
            f"{YEARS_AHEAD} years ahead are usually a typing slip.", code="date_too_late")


class HubDateField(forms.DateField):
    """A date on a GOV.UK date input, in the hub's range; `past_only` for dates something
    happened on (an incident, a decision, a sign-off)."""

    def __init__(self, *args, past_only: bool = False, **kwargs):
        kwargs.setdefault("widget", DateInput())
        super().__init__(*args, **kwargs)
        self.past_only = past_only


def text_limit(name: str, widget) -> int:
    """The length a free-text field without its own limit gets, by its kind."""
    if not isinstance(widget, forms.Textarea):
        return SHORT_TEXT
    if any(word in name for word in DESCRIPTION_WORDS):
        return DESCRIPTION_TEXT
    return LONG_TEXT


def apply_text_limit(field, name: str) -> None:
    """Give a CharField without a limit the one for its kind, and word the length message
    with the field's name ("Enter 300 characters or fewer for the title")."""
    if not isinstance(field, forms.CharField) or isinstance(field, forms.FileField):
        return
    if field.max_length is None:
        field.max_length = text_limit(name, field.widget)
        field.validators.append(validators.MaxLengthValidator(field.max_length))
    what = _named(field, name)[0].replace("%", "%%")
    field.error_messages["max_length"] = (
        f"Enter {field.max_length:,} characters or fewer for {what} (it has %(show_value)s).")


# ---- messages that name their field, in the partnership's words ----

# Labels that are a question or a phrase rather than a noun ("How many", "What happened")
# read without "the": "Enter how many", "Enter a real date for what happened".
_PHRASE_STARTS = ("how ", "what ", "who ", "whose ", "which ", "when ", "where ", "why ",
                  "whether ")
# Labels that end on a preposition ("Done on", "Runs from", "Written by") read as a name in
# quotes: "Enter a real date for “Done on”".
_PREPOSITION_ENDS = (" on", " by", " as", " from", " to", " when", " at", " in", " for",
                     " of", " with")


def _bare_label(field, name: str) -> str:
    label = str(field.label or name.replace("_", " ")).strip()
    return label.removesuffix("(optional)").rstrip(" ?:")


def _named(field, name: str) -> tuple[str, bool]:
    """The field as a message names it, and whether that reads as a noun: ("the title",
    True), ("how many", True), ("“Runs from”", False)."""
    label = _bare_label(field, name)
    lower = label.lower()
    if lower.startswith(("or ", "and ")) or lower.endswith(_PREPOSITION_ENDS) or " " not in \
            lower and lower in ("to", "from", "on", "by", "where", "when"):
        return f"“{label}”", False
    if lower.startswith(_PHRASE_STARTS):
        return (label if label[:2].isupper() else label[:1].lower() + label[1:]), True
    return _label(field, name).removesuffix(" (optional)"), True


def _django_defaults(field) -> dict:
    """The messages Django gives a field of this class when a form sets none."""
    defaults: dict = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(getattr(cls, "default_error_messages", {}))
    return defaults


def field_messages(field, name: str) -> dict[str, str]:
    """Every message a field can show, naming the field: "Enter the title", "Choose the
    status", "Enter a real date for the due date", "Enter 0 or more for how many"."""
    what, noun = _named(field, name)
    # Messages given parameters are %-formatted by Django: a "%" in a label must survive.
    pct = what.replace("%", "%%")
    options = f"Choose one of the options for {pct}"
    if isinstance(field, forms.FileField):
        upload = f"Choose {what} to upload" if noun else f"Choose a file for {what}"
        return {"required": upload, "missing": upload, "invalid": upload,
                "empty": f"The file chosen for {what} is empty",
                "max_length": f"Give the file for {pct} a name of %(max)d characters or "
                              "fewer (it has %(length)d)"}
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return {"required": f"Tick “{_bare_label(field, name)}” to go on"}
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return {"required": f"Choose {what}" if noun else f"Choose an option for {what}",
                "invalid_choice": options, "invalid_list": options,
                "invalid_pk_value": options}
    messages = {"required": f"Enter {what}" if noun else f"Fill in {what}",
                "max_length": f"Enter %(limit_value)d characters or fewer for {pct} "
                              "(it has %(show_value)d)",
                "min_length": f"Enter at least %(limit_value)d characters for {pct} "
                              "(it has %(show_value)d)",
                "min_value": f"Enter %(limit_value)s or more for {pct}",
                "max_value": f"Enter %(limit_value)s or less for {pct}",
                "step_size": f"Enter a multiple of %(limit_value)s for {pct}"}
    if isinstance(field, forms.DateTimeField):
        messages["invalid"] = f"Enter a real date and time for {what}"
    elif isinstance(field, forms.DateField):
        messages["invalid"] = f"Enter a real date for {what}"
        if not noun:
            messages["required"] = f"Enter a date for {what}"
    elif isinstance(field, forms.TimeField):
        messages["invalid"] = f"Enter a real time for {what}, like 14:30"
    # A decimal field is an integer field too: it is asked first.
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        messages["invalid"] = f"Enter a number for {what}"
        messages.update({
            "max_digits": f"Enter no more than %(max)s digits for {pct}",
            "max_decimal_places": f"Enter no more than %(max)s decimal places for {pct}",
            "max_whole_digits": f"Enter no more than %(max)s digits before the decimal point "
                                f"for {pct}"})
    elif isinstance(field, forms.IntegerField):
        messages["invalid"] = f"Enter a whole number for {what}"
    elif isinstance(field, forms.URLField):
        messages["invalid"] = f"Enter a web address for {what}, like https://www.example.org"
    elif isinstance(field, forms.EmailField):
        messages["invalid"] = f"Enter an email address for {what}, like name@example.org"
    else:
        messages["invalid"] = f"Enter {what} in the form the hint shows"
    return messages


def apply_field_messages(field, name: str) -> None:
    """Replace each of Django's default messages with one naming the field; a message the
    form gave itself is kept."""
    defaults = _django_defaults(field)
    # Ours from an earlier pass are renewed: a form may relabel a field in its __init__.
    ours = getattr(field, "hub_message_keys", ())
    given = {}
    for key, message in field_messages(field, name).items():
        current = field.error_messages.get(key)
        if key in ours or current is None or current == defaults.get(key):
            given[key] = message
    field.error_messages.update(given)
    field.hub_message_keys = tuple({*ours, *given})


class LimitsMixin:
    """Every hub form: dates in range (with the reason) and free text limited by kind.

    A form names its "happened on" dates in `happened_dates` (or uses
    `HubDateField(past_only=True)`): they may not be in the future."""

    happened_dates: tuple[str, ...] = ()

    def _apply_limits(self):
        for name, field in self.fields.items():
            apply_field_messages(field, name)
            apply_text_limit(field, name)

    def _clean_fields(self):
        super()._clean_fields()
        for name, field in self.fields.items():
            if not isinstance(field, forms.DateField | forms.DateTimeField):
                continue
            if name not in self.cleaned_data:
                continue
            past_only = getattr(field, "past_only", False) or name in self.happened_dates
            try:
                check_date_range(self.cleaned_data[name], label=_named(field, name)[0],
                                 past_only=past_only)
            except ValidationError as error:
                self.add_error(name, error)


class GovUKMixin(LimitsMixin):
    """Adds GOV.UK classes and the aria links between inputs, hints and errors."""

    def _style(self):
        self._apply_limits()
        for name, field in self.fields.items():
            widget = field.widget
            css = next(
                (c for w, c in WIDGET_CLASSES.items() if isinstance(widget, w)), "govuk-input"
            )
            errors = getattr(self, "_errors", None) or {}
            if name in errors:
                css += {
                    "govuk-input": " govuk-input--error",
                    "govuk-textarea": " govuk-textarea--error",
                    "govuk-select": " govuk-select--error",
                    "govuk-file-upload": " govuk-file-upload--error",
                }.get(css, "")
            widget.attrs["class"] = css
            described = []
            if field.help_text:
                described.append(f"id_{self.add_prefix(name)}-hint")
            if name in errors:
                described.append(f"id_{self.add_prefix(name)}-error")
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)
            else:
                widget.attrs.pop("aria-describedby", None)

    def full_clean(self):
        super().full_clean()
        # A hidden field's error (a missing version) has no input to sit beside: show it at
        # the top of the form instead.
        for name, field in self.fields.items():
            if field.widget.is_hidden and name in (getattr(self, "_errors", None) or {}):
                for message in self._errors.pop(name):
                    self.add_error(None, message)
        self._style()


class HubForm(GovUKMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._apply_limits()
        self._style()


class HubModelForm(GovUKMixin, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._apply_limits()
        self._style()


VERSION_OUT_OF_DATE = "This page is out of date. Reload it and make your change again."


class VersionField(forms.IntegerField):
    """The version a versioned record's edit form was opened at (decision 0002). Every such
    form uses this field: hidden, required, a whole number from 1, so a post without it (or
    with 0) is refused instead of overwriting a newer save. A form that creates the record
    when it does not exist yet passes min_value=0, 0 meaning "there was none"."""

    widget = forms.HiddenInput

    def __init__(self, *, min_value: int = 1, **kwargs):
        messages = {key: VERSION_OUT_OF_DATE for key in ("required", "invalid", "min_value")}
        super().__init__(min_value=min_value, error_messages=messages, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def validate_upload(uploaded, *, allowed_extensions=None, refusal: str = "") -> None:
    """Every uploaded file (papers, evidence, briefings, table imports) must be of an allowed
    kind, within the size limit, and really be what its name says, opened whole
    (core.uploads). `refusal` words the message for a name of another kind."""
    from pathlib import Path

    from django.core.exceptions import ValidationError

    from .uploads import check_content

    allowed = allowed_extensions or DOCUMENT_TYPES
    suffix = Path(uploaded.name).suffix.lower()
    limit = settings.HUB_UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            f"The file must be smaller than {limit // (1024 * 1024)} MB; "
            f"this one is {uploaded.size / (1024 * 1024):.1f} MB."
        )
    if suffix not in allowed:
        raise ValidationError(refusal or "The file must be a document: " + ", ".join(
            sorted(e.lstrip(".").upper() for e in allowed)) + ".")
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    check_content(data, suffix)


# Documents a partnership circulates.
DOCUMENT_TYPES = {".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".doc", ".xls", ".txt", ".csv"}
