"""The assurance API's requests for the API authorisation walk (api/tests/walk.py)."""

from api.tests.walk import ApiCase
from assurance.models import Return

from .helpers import cycle


def _school_return(w) -> Return:
    return Return.objects.get(cycle__lead_partnership=w.partnership,
                              organisation=w.orgs["school"])


def _answers(w):
    # The return's current version, read afresh: each allowed caller's save bumps it.
    return {"version": _school_return(w).version, "answers": {"s11-1": 3}}


CASES = [
    ApiCase("get", "/api/v1/assurance/returns/", lambda w: "/api/v1/assurance/returns/",
            allowed={"agency_lead": 200}, setup=cycle,
            note="only an organisation's lead has returns to read"),
    ApiCase("post", "/api/v1/assurance/returns/{id}/answers/",
            lambda w: f"/api/v1/assurance/returns/{_school_return(w).pk}/answers/",
            data=_answers, setup=cycle, refused=404,
            # The school's lead and the business unit running the cycle save; readers of the
            # cycle see the return but may not answer it; everyone else is told it is not
            # theirs, beta's token included.
            allowed={"agency_lead": 200, "business_unit": 200, "partner_delegate": 403,
                     "scrutineer": 403},
            note="the school's open return in alpha"),
]
