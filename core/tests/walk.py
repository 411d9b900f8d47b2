"""The permission walk: every named URL declares, per role, whether it is allowed.

Each app lists its URLs in `<app>/tests/url_cases.py` as `CASES = [UrlCase(...)]`. The walk
fails if a named URL has no case, so a new page cannot ship without its permission test.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

ALL_ROLES = frozenset(
    {"business_unit", "partner_delegate", "group_chair", "group_member", "agency_lead",
     "scrutineer", "practitioner"}
)
READERS = frozenset({"business_unit", "partner_delegate", "scrutineer"})
WORKERS = ALL_ROLES - {"practitioner"}
SIGNED_IN = ALL_ROLES | {"outsider"}


@dataclass
class UrlCase:
    name: str
    kwargs: Callable = lambda w: {"slug": w.partnership.slug}  # noqa: E731
    allowed: frozenset = frozenset()
    method: str = "get"
    data: Callable | None = None
    public: bool = False  # anyone, signed in or not
    ok_status: tuple = (200,)
    refused_status: tuple = (403,)
    note: str = ""
    extra: dict = field(default_factory=dict)
    # Need-to-know text the page or export may carry (world -> strings; it may create the
    # records): an allowed role outside `secrets_for` must not get any of it, and a role in
    # `secrets_for` gets at least one (so the check is not vacuous).
    secrets: Callable | None = None
    secrets_for: frozenset = frozenset()


# URLs outside the walk, with the reason.
NOT_WALKED = {
    "admin": "Django admin: staff only, guarded by Django itself",
    "logout": "POST-only sign-out",
}


def named_urls() -> set[str]:
    names = set()

    def visit(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace
                if ns == "admin":
                    continue
                visit(p.url_patterns, f"{prefix}{ns}:" if ns else prefix)
            elif isinstance(p, URLPattern) and p.name:
                names.add(prefix + p.name)

    visit(get_resolver().url_patterns, "")
    return names - set(NOT_WALKED)


def all_cases() -> list[UrlCase]:
    import importlib

    from django.apps import apps

    cases = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tests.url_cases")
        except ModuleNotFoundError:
            continue
        cases.extend(module.CASES)
    return cases


def response_text(response) -> str:
    """What a response shows: its page or CSV as text, or an XLSX export's cells."""
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        import io

        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(response.content)).active
        return "\n".join(str(c.value) for row in sheet.iter_rows() for c in row
                         if c.value is not None)
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")
