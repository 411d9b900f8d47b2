"""Fuzzing the API from its own OpenAPI schema (schemathesis, decision 0030).

`openapi_document()` is the schema /api/schema/ serves, built in-process so that collecting
the tests needs no server and no database. `app` is Django as a WSGI application that, like
Django's test client, leaves the test's database connection open, so the requests
schemathesis sends see the test's records and are rolled back with them."""

from __future__ import annotations

import json
from collections import Counter

from django.test.client import ClientHandler
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer


def openapi_document() -> dict:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema))


class TestWSGI:
    """Django's test-client handler spoken to through WSGI."""

    __test__ = False  # not a test class, whatever its name

    def __init__(self):
        self.handler = ClientHandler(enforce_csrf_checks=True)
        self.answers = Counter()  # status -> how many, for the figures in the run's summary

    def __call__(self, environ, start_response):
        response = self.handler(environ)
        self.answers[response.status_code] += 1
        headers = list(response.items())
        headers += [("Set-Cookie", c.output(header="")) for c in response.cookies.values()]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        if response.streaming:
            return response.streaming_content
        return [response.content]


app = TestWSGI()
