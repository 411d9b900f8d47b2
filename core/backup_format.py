"""The backup's serialisation: Django's JSON Lines, but keeping datetimes and times to the
microsecond (Django's JSON encoder cuts them to milliseconds, so a restore would differ).
Registered as the "hubjsonl" format in settings.SERIALIZATION_MODULES."""

import datetime

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder


class FullPrecisionEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            value = o.isoformat()
            return value[:-6] + "Z" if value.endswith("+00:00") else value
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = FullPrecisionEncoder


Deserializer = jsonl.Deserializer
