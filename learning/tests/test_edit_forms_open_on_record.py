"""Edit pages open their form on the record (core.web.InstanceFormMixin): the saved values,
its themes and the version it was opened at, with nothing copied by hand in the view."""

from django.urls import reverse

from core.models import Role

from .factories import briefing, theme


def url(name, **kwargs):
    return reverse(name, kwargs={"slug": "alpha", **kwargs})


def test_the_dissemination_edit_form_opens_with_the_saved_values_and_version(world, login):
    product = briefing(world)
    product.themes.set([theme("Neglect")])
    client = login(world.users[Role.BUSINESS_UNIT])
    initial = client.get(url("learning:dissemination_edit", pk=product.pk)).context["form"].initial
    assert initial["title"] == product.title
    assert initial["sent_to"] == product.sent_to
    assert initial["source"] == product.source_id
    assert [t.name for t in initial["themes"]] == ["Neglect"]
    assert initial["version"] == product.version


def test_a_note_on_an_action_opens_with_only_the_actions_version(world, login):
    action = world.objects["action"]
    client = login(world.users[Role.BUSINESS_UNIT])
    initial = client.get(url("learning:action_update_add", pk=action.pk)).context["form"].initial
    # The note's status is the new one chosen, not the action's saved status.
    assert initial == {"version": action.version}
