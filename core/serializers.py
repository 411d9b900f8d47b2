"""What every API serializer shares with the forms: free text limited by kind, with the
same wording ("Enter 300 characters or fewer for the name")."""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from rest_framework import serializers

from .forms import DESCRIPTION_TEXT, DESCRIPTION_WORDS, LONG_TEXT, SHORT_TEXT


def serializer_text_limit(name: str, field) -> int:
    if any(word in name for word in DESCRIPTION_WORDS):
        return DESCRIPTION_TEXT
    if field.style.get("base_template") == "textarea.html":
        return LONG_TEXT
    return SHORT_TEXT


class TextLimitsMixin:
    """Give every writable text field a limit (its own, or the one for its kind) and a
    message naming the field."""

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            if not isinstance(field, serializers.CharField) or field.read_only:
                continue
            if isinstance(field, serializers.ChoiceField | serializers.SlugRelatedField):
                continue
            limit = field.max_length or serializer_text_limit(name, field)
            field.max_length = limit
            field.validators = [v for v in field.validators
                                if not isinstance(v, MaxLengthValidator)]
            label = str(field.label or name.replace("_", " ")).lower()
            field.validators.append(MaxLengthValidator(
                limit, message=f"Enter {limit:,} characters or fewer for the {label}."))
        return fields
