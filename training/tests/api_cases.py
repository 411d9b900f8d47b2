"""The training API's requests for the API authorisation walk (api/tests/walk.py)."""

from api.tests.walk import ApiCase
from core.tests.walk import ALL_ROLES

from .factories import make_course, make_session


def _programme(w):
    make_session(make_course(w.partnership, title="Awareness", delivery="e_learning"))
    make_session(make_course(w.other, title="Beta only"))


def _completions(w):
    return {"rows": [{"course": "Awareness", "organisation": w.orgs["school"].name,
                      "month": "2024-05", "completions": 40}]}


# Everyone with a role reads the programme they book on, practitioners included; beta's
# token reads beta's.
EVERYONE = dict.fromkeys(ALL_ROLES | {"outsider"}, 200)

CASES = [
    ApiCase("get", "/api/v1/training/courses/", lambda w: "/api/v1/training/courses/",
            allowed=EVERYONE, setup=_programme),
    ApiCase("get", "/api/v1/training/sessions/", lambda w: "/api/v1/training/sessions/",
            allowed=EVERYONE, setup=_programme),
    ApiCase("post", "/api/v1/training/completions/", lambda w: "/api/v1/training/completions/",
            data=_completions, setup=_programme,
            # The business unit and the school's lead import (for the school); beta's token imports into beta,
            # whose programme has no such course: told so, nothing saved.
            allowed={"business_unit": 201, "agency_lead": 201, "outsider": 400},
            note="for a course of alpha"),
]
