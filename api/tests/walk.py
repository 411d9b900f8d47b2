"""The API authorisation walk: every API operation declares, per caller, the answer it gives.

Each app lists its API requests in `<app>/tests/api_cases.py` as `CASES = [ApiCase(...)]`;
the walk (api/tests/test_api_walk.py) fails if an operation in the OpenAPI schema has no
case, so a new endpoint cannot ship without its authorisation test. Callers are every role
with a token for partnership alpha, the business unit of partnership beta with a token for
beta ("outsider") and no token at all. Cases that aim at beta's records (an area, its
catalogue) are how "objects of another partnership" are walked.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from core.tests.walk import ALL_ROLES

CALLERS = sorted(ALL_ROLES) + ["outsider", "anonymous"]


@dataclass
class ApiCase:
    method: str  # "get", "post", ...
    path: str  # as the schema names it: /api/v1/indicators/{code}/values/
    url: Callable  # world -> the concrete URL, with its query string
    # Callers who get an answer other than `refused`, with that answer's status. Anonymous
    # callers always get 401.
    allowed: dict = field(default_factory=dict)
    refused: int = 403
    data: Callable | None = None  # world -> the JSON body, built afresh for every caller
    setup: Callable | None = None  # world -> None: records the case needs
    note: str = ""

    @property
    def operation(self) -> tuple[str, str]:
        return self.method.upper(), self.path

    def expected(self, who: str) -> int:
        if who == "anonymous":
            return 401
        return self.allowed.get(who, self.refused)


def all_cases() -> list[ApiCase]:
    import importlib

    from django.apps import apps

    cases = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tests.api_cases")
        except ModuleNotFoundError:
            continue
        cases.extend(module.CASES)
    return cases
