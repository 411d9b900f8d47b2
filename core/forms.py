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
    field.error_messages["max_length"] = (
        f"Enter {field.max_length:,} characters or fewer for {_label(field, name)} "
        "(it has %(show_value)s).")


class LimitsMixin:
    """Every hub form: dates in range (with the reason) and free text limited by kind.

    A form names its "happened on" dates in `happened_dates` (or uses
    `HubDateField(past_only=True)`): they may not be in the future."""

    happened_dates: tuple[str, ...] = ()

    def _apply_limits(self):
        for name, field in self.fields.items():
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
                check_date_range(self.cleaned_data[name], label=_label(field, name),
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


def validate_upload(uploaded, *, allowed_extensions=None) -> None:
    """Papers and evidence must be documents, within the size limit."""
    from pathlib import Path

    from django.core.exceptions import ValidationError

    allowed = allowed_extensions or DOCUMENT_TYPES
    suffix = Path(uploaded.name).suffix.lower()
    limit = settings.HUB_UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            f"The file must be smaller than {limit // (1024 * 1024)} MB; "
            f"this one is {uploaded.size / (1024 * 1024):.1f} MB."
        )
    if suffix not in allowed:
        raise ValidationError(
            "The file must be a document: " + ", ".join(sorted(e.lstrip(".").upper() for e in allowed))
            + "."
        )
    head = uploaded.read(8)
    uploaded.seek(0)
    expected = MAGIC.get(suffix)
    if expected is not None and not any(head.startswith(m) for m in expected):
        raise ValidationError(
            f"The file is called {suffix.upper().lstrip('.')} but its content is not; "
            "upload the document itself."
        )


# Documents a partnership circulates, with the bytes each kind starts with.
DOCUMENT_TYPES = {".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".doc", ".xls", ".txt", ".csv"}
MAGIC = {
    ".pdf": [b"%PDF"],
    ".docx": [b"PK\x03\x04"],
    ".xlsx": [b"PK\x03\x04"],
    ".pptx": [b"PK\x03\x04"],
    ".odt": [b"PK\x03\x04"],
    ".ods": [b"PK\x03\x04"],
    ".doc": [b"\xd0\xcf\x11\xe0"],
    ".xls": [b"\xd0\xcf\x11\xe0"],
}
