"""GOV.UK Frontend form rendering: every form in the hub uses HubForm / HubModelForm."""

from __future__ import annotations

from django import forms
from django.conf import settings
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


class GovUKMixin:
    """Adds GOV.UK classes and the aria links between inputs, hints and errors."""

    def _style(self):
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
        self._style()


class HubModelForm(GovUKMixin, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
