import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.tests.helpers import api_client
from core.models import Role

from .factories import communication_item, national_item, scrutiny_activity, voice_item
from .test_views import _add_rows

pytestmark = pytest.mark.django_db
PATHS = ["national-items", "scrutiny-activities", "communication", "voice"]


def _path(world, name, slug=None):
    return f"/api/v1/partnerships/{slug or world.partnership.slug}/{name}/"


def test_everyone_who_works_in_the_partnership_reads_and_others_are_refused(world):
    national_item(world), scrutiny_activity(world), communication_item(world)
    voice_item(world)
    for role in Role:
        client = api_client(world.users[role], world.partnership)
        for name in PATHS:
            response = client.get(_path(world, name))
            expected = 403 if role == Role.PRACTITIONER else 200
            assert response.status_code == expected, (role, name)
            if expected == 200:
                assert response.json()["count"] == 1
    outsider = api_client(world.users["outsider"], world.other)
    for name in PATHS:
        assert outsider.get(_path(world, name)).status_code in (403, 404)
    assert api_client().get(_path(world, "voice")).status_code == 401


def test_the_national_item_says_it_is_overdue_and_what_it_led_to(world):
    item = national_item(world)
    body = api_client(world.users[Role.PARTNER_DELEGATE]).get(
        _path(world, "national-items")).json()
    row = body["results"][0]
    assert (row["id"], row["overdue"], row["learning_actions"]) == (item.pk, True, 0)


@pytest.mark.parametrize("name", PATHS)
def test_each_read_runs_a_fixed_number_of_queries(world, name):
    client = api_client(world.users[Role.BUSINESS_UNIT], world.partnership)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_path(world, name)).status_code == 200
        return len(ctx.captured_queries)

    _add_rows(world, 3)
    count()  # the token's first use of the day is recorded once
    few = count()
    _add_rows(world, 30, offset=3)
    assert count() == few
