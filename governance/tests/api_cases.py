"""The governance API's requests for the API authorisation walk (api/tests/walk.py)."""

from api.tests.walk import ApiCase
from core.tests.walk import READERS

from .procedure_helpers import make_procedure


def _procedures(w):
    make_procedure(w.partnership)
    make_procedure(w.other, title="Beta's neglect strategy")


CASES = [
    ApiCase("get", "/api/v1/procedures/", lambda w: "/api/v1/procedures/",
            # Readers and the members of its groups read the register; beta's token, beta's.
            allowed=dict.fromkeys(READERS | {"group_chair", "group_member", "outsider"}, 200),
            setup=_procedures, note="each caller reads its own partnership's register"),
]
