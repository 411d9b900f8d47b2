"""The business API's requests for the API authorisation walk (api/tests/walk.py)."""

from api.tests.walk import ApiCase
from core.tests.walk import WORKERS

from .factories import communication_item, national_item, scrutiny_activity, voice_item

KINDS = {"national-items": national_item, "scrutiny-activities": scrutiny_activity,
         "communication": communication_item, "voice": voice_item}


def _case(kind, make, mine: bool):
    def url(w):
        return f"/api/v1/partnerships/{(w.partnership if mine else w.other).slug}/{kind}/"
    return ApiCase("get", f"/api/v1/partnerships/{{slug}}/{kind}/", url, setup=make,
                   # Everyone who runs the partnership's business reads it; practitioners
                   # and other partnerships' tokens do not.
                   allowed=dict.fromkeys(WORKERS, 200) if mine else {"outsider": 200},
                   note="of alpha" if mine else "of beta")


CASES = [_case(kind, make, mine) for kind, make in KINDS.items() for mine in (True, False)]
