"""The API documentation page, rendered on the server from the OpenAPI schema.

Swagger UI and Redoc inject inline styles, which our content security policy forbids, and
are hard to use with a keyboard and screen reader; a plain page from the same schema is both.
"""

import json

from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


def _ref_name(schema: dict) -> str:
    ref = schema.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref else ""


def api_docs(request):
    schema = SchemaGenerator().get_schema(request=None, public=True) or {}
    operations = []
    for path, item in sorted((schema.get("paths") or {}).items()):
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            body = ((op.get("requestBody") or {}).get("content") or {}).get("application/json")
            responses = [
                {"status": status, "description": r.get("description", ""),
                 "schema": _ref_name(((r.get("content") or {}).get("application/json") or {})
                                     .get("schema", {}))}
                for status, r in sorted((op.get("responses") or {}).items())
            ]
            operations.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""),
                "parameters": op.get("parameters", []),
                "body": _ref_name(body["schema"]) if body else "",
                "responses": responses, "id": op.get("operationId", f"{method}-{path}"),
            })
    components = {
        name: json.dumps(value, indent=2)
        for name, value in sorted(((schema.get("components") or {}).get("schemas") or {}).items())
    }
    security = [
        {"name": name, "type": value.get("type", ""), "where": value.get("in", ""),
         "header": value.get("name", ""), "description": value.get("description", "")}
        for name, value in sorted(
            ((schema.get("components") or {}).get("securitySchemes") or {}).items())
    ]
    return render(request, "api_docs.html", {
        "title": (schema.get("info") or {}).get("title", "API"),
        "operations": operations, "components": components, "security": security,
    })
