from core.tests.walk import UrlCase

BU = frozenset({"business_unit"})


def _token(w):
    """An API token of the agency lead's system in Alpha (made once per test)."""
    from api.services import api_token_create
    from core.services import system_actor

    if "api_token" not in w.objects:
        w.objects["api_token"], _ = api_token_create(
            actor=system_actor(), user=w.users["agency_lead"], partnership=w.partnership,
            system_name="Alpha Academy MIS")
    return w.objects["api_token"]


CASES = [
    UrlCase("api_tokens:token_list", allowed=BU),
    UrlCase("api_tokens:token_create", allowed=BU),
    UrlCase("api_tokens:token_create", allowed=BU, method="post",
            data=lambda w: {"user": w.users["agency_lead"].pk, "system_name": "Alpha MIS",
                            "days": 30},
            note="creating shows the token once"),
    UrlCase("api_tokens:token_revoke",
            kwargs=lambda w: {"slug": "alpha", "pk": _token(w).pk}, allowed=BU),
    UrlCase("api_tokens:token_revoke",
            kwargs=lambda w: {"slug": "alpha", "pk": _token(w).pk}, allowed=BU,
            method="post", data=lambda w: {}, ok_status=(302,)),
]
