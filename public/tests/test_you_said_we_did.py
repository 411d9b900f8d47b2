"""The public "you said, we did" page: the voice of the child with consent only, by theme,
with what changed."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from business import services
from business.tests.factories import WITHHELD_SAID, voice_item
from core.services import system_actor
from learning.models import Theme

URL = reverse("public:you_said_we_did", kwargs={"slug": "alpha"})


def _voice(partnership, said, *, theme=None, consent=True, changed="Something changed",
           heard=datetime.date(2024, 5, 1)):
    return services.voice_create(
        actor=system_actor(), partnership=partnership,
        data={"heard_on": heard, "channel": "survey", "voice": "children", "age_band": "5-10",
              "said": said, "theme": theme, "what_changed": changed, "consent": consent,
              "consent_recorded_on": heard if consent else None})


def test_an_item_without_consent_is_never_shown(world, client):
    shown, withheld = voice_item(world), voice_item(world, consent=False)
    assert shown.what_changed and withheld.what_changed  # both say what changed
    page = client.get(URL).content.decode()
    assert shown.said in page
    assert WITHHELD_SAID not in page


def test_items_are_grouped_by_theme_with_what_changed(world, client):
    neglect, online = Theme.objects.get_or_create(name="Neglect")[0], (
        Theme.objects.get_or_create(name="Online safety")[0])
    _voice(world.partnership, "Adults should check we have had breakfast", theme=neglect,
           changed="Schools ask about breakfast clubs at early help meetings")
    _voice(world.partnership, "Tell us who to talk to about nasty messages", theme=online,
           changed="A card of who to talk to, given out in every school")
    _voice(world.partnership, "We never heard back", changed="")  # nothing changed yet
    _voice(world.partnership, "Things nobody grouped", changed="We wrote back to the forum")
    _voice(world.other, "Another partnership's child", theme=neglect)
    response = client.get(URL)
    groups = [(g.theme.name if g.theme else None, [v.said for v in g.items])
              for g in response.context["themes"]]
    assert groups == [("Neglect", ["Adults should check we have had breakfast"]),
                      ("Online safety", ["Tell us who to talk to about nasty messages"]),
                      (None, ["Things nobody grouped"])]
    page = response.content.decode()
    assert "A card of who to talk to, given out in every school" in page
    assert "We never heard back" not in page and "Another partnership" not in page


def test_the_page_is_linked_from_the_public_home_and_nav(world, client):
    home = client.get(reverse("public:home", kwargs={"slug": "alpha"})).content.decode()
    assert f'href="{URL}"' in home
    procedures = client.get(reverse("public:procedures", kwargs={"slug": "alpha"}))
    assert f'href="{URL}"' in procedures.content.decode()


def _count(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_the_page_runs_the_same_number_of_queries_for_few_and_many_items(world, client):
    themes = [Theme.objects.get_or_create(name=f"Theme {i}")[0] for i in range(12)]
    for i in range(2):
        _voice(world.partnership, f"Said {i}", theme=themes[i])
    few = _count(client)
    for i in range(2, 40):
        _voice(world.partnership, f"Said {i}", theme=themes[i % 12])
    assert _count(client) == few
