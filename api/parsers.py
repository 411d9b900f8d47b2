"""JSON bodies read with a size limit: DRF reads the raw stream, which Django's
DATA_UPLOAD_MAX_MEMORY_SIZE does not guard, so an endless body would be read whole."""

from __future__ import annotations

import io

from django.conf import settings
from rest_framework.parsers import JSONParser

from .exceptions import too_large


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read(limit + 1)
        if len(body) > limit:
            raise too_large(limit)
        return super().parse(io.BytesIO(body), media_type, parser_context)
