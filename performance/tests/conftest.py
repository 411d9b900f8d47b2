import pytest

from core.services import system_actor
from performance import catalogue, services
from performance.models import Indicator


@pytest.fixture
def indicators(world):
    """The starting catalogue, keyed by code."""
    services.catalogue_import(actor=system_actor(), rows=catalogue.rows())
    return {i.code: i for i in Indicator.objects.all()}


def row(code, value, period="2023-24", area="E06009991", **extra):
    return {"indicator_code": code, "area_code": area, "period": period, "value": value, **extra}
