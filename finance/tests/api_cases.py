"""The budget API's requests for the API authorisation walk (api/tests/walk.py)."""

from api.tests.walk import ApiCase
from core.tests.walk import READERS

from .factories import make_year


def _alpha_year(w):
    make_year(w.partnership)


# Readers of the partnership see its budget; a token acts in its own partnership only.
CASES = [
    ApiCase("get", "/api/v1/budgets/", lambda w: "/api/v1/budgets/",
            allowed=dict.fromkeys(READERS | {"outsider"}, 200), setup=_alpha_year,
            note="each caller reads its own partnership's years"),
    ApiCase("get", "/api/v1/budgets/{year_start}/", lambda w: "/api/v1/budgets/2023/",
            allowed=dict.fromkeys(READERS, 200) | {"outsider": 404}, setup=_alpha_year,
            note="a year only alpha has"),
]
