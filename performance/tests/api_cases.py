"""The performance API's requests for the API authorisation walk (api/tests/walk.py)."""

import itertools

from api.tests.walk import ApiCase
from core.services import system_actor
from core.tests.factories import AreaFactory
from core.tests.walk import WORKERS
from performance import catalogue, services

ALPHA_AREA, BETA_AREA = "E06009991", "E06009992"
_codes = itertools.count(1)


def _figures(world):
    """The catalogue, and a figure for an area of each partnership."""
    services.catalogue_import(actor=system_actor(), rows=catalogue.rows())
    AreaFactory(partnership=world.other, ons_code=BETA_AREA, name="Betaton")
    for partnership, area in ((world.partnership, ALPHA_AREA), (world.other, BETA_AREA)):
        services.data_return_submit(actor=system_actor(), method="form", partnership=partnership,
                                    rows=[_row(area, 300)])


def _row(area, value):
    return {"indicator_code": "LAC", "area_code": area, "period": "2023-24", "value": value}


def _indicator(partnership=None):
    def data(world):
        new = {"code": f"WALK_{next(_codes)}", "name": "Waiting for CAMHS",
               "section": "healthy_lives", "topic": "mental_health", "unit": "average",
               "polarity": "lower"}
        return new | ({"partnership": partnership} if partnership else {})
    return data


READERS_AND_OUTSIDER = dict.fromkeys(WORKERS | {"outsider"}, 200)

CASES = [
    ApiCase("get", "/api/v1/indicators/", lambda w: "/api/v1/indicators/",
            allowed=READERS_AND_OUTSIDER, setup=_figures,
            note="each caller reads its own partnership's catalogue"),
    ApiCase("get", "/api/v1/indicators/{code}/values/",
            lambda w: f"/api/v1/indicators/LAC/values/?area={ALPHA_AREA}",
            allowed=dict.fromkeys(WORKERS, 200), setup=_figures, note="an area of alpha"),
    ApiCase("get", "/api/v1/indicators/{code}/values/",
            lambda w: f"/api/v1/indicators/LAC/values/?area={BETA_AREA}",
            allowed={"outsider": 200}, setup=_figures, note="an area of beta"),
    ApiCase("post", "/api/v1/data-returns/", lambda w: "/api/v1/data-returns/",
            data=lambda w: {"rows": [_row(ALPHA_AREA, 301)]}, setup=_figures,
            # The school's lead may send returns but is not LAC's source; beta's business
            # unit may send returns but not for alpha's area: both are told so, nothing saved.
            allowed={"business_unit": 201, "agency_lead": 400, "outsider": 400},
            note="for an area of alpha"),
    ApiCase("post", "/api/v1/data-returns/", lambda w: "/api/v1/data-returns/",
            data=lambda w: {"rows": [_row(BETA_AREA, 301)]}, setup=_figures,
            allowed={"outsider": 201, "business_unit": 400, "agency_lead": 400},
            note="for an area of beta"),
    ApiCase("post", "/api/v1/indicators/", lambda w: "/api/v1/indicators/",
            data=_indicator(), allowed={"business_unit": 201, "outsider": 201},
            note="to the caller's own catalogue"),
    ApiCase("post", "/api/v1/indicators/", lambda w: "/api/v1/indicators/",
            data=_indicator("beta"), allowed={"outsider": 201}, note="to beta's catalogue"),
    ApiCase("post", "/api/v1/indicators/", lambda w: "/api/v1/indicators/",
            data=_indicator("alpha"), allowed={"business_unit": 201}, note="to alpha's catalogue"),
]
