"""Every form that changes something has a way out (issue 11, item 5): the pages with a form
template of their own carry the Cancel link core/form_page.html gives the rest."""

import pytest
from django.urls import reverse

from core.models import Role


@pytest.mark.parametrize(("form_page", "back_to"), [
    (("reviews:incident_create", ["alpha"]), ("reviews:incident_list", ["alpha"])),
    (("reviews:practice_review_create", ["alpha"]), ("reviews:practice_review_list", ["alpha"])),
    (("performance:indicator_create", ["alpha"]), ("performance:indicator_list", ["alpha"])),
    (("performance:catalogue_import", ["alpha"]), ("performance:indicator_list", ["alpha"])),
])
def test_a_form_page_has_a_cancel_link_back(world, login, form_page, back_to):
    client = login(world.users[Role.BUSINESS_UNIT])
    body = client.get(reverse(form_page[0], args=form_page[1])).content.decode()
    target = reverse(back_to[0], args=back_to[1])
    assert f'<a class="govuk-link" href="{target}">Cancel</a>' in body
    assert client.get(target).status_code == 200  # the way back opens for the same reader


def test_an_agency_lead_sending_figures_can_cancel_to_their_home_page(world, login):
    client = login(world.users[Role.AGENCY_LEAD])
    home = reverse("core:partnership_home", args=["alpha"])
    for page in ("performance:value_form", "performance:upload"):
        body = client.get(reverse(page, args=["alpha"])).content.decode()
        assert f'<a class="govuk-link" href="{home}">Cancel</a>' in body, page
    assert client.get(home).status_code == 200


def test_the_incident_edit_page_cancels_back_to_the_incident(world, login):
    import datetime

    from reviews.tests.factories import make_incident

    incident = make_incident(world.partnership, reference="Child C",
                             la_aware_on=datetime.date(2024, 1, 10))
    client = login(world.users[Role.BUSINESS_UNIT])
    target = reverse("reviews:incident_detail", args=["alpha", incident.pk])
    for page in ("reviews:incident_edit", "reviews:rapid_review_edit"):
        body = client.get(reverse(page, args=["alpha", incident.pk])).content.decode()
        assert f'<a class="govuk-link" href="{target}">Cancel</a>' in body, page


def test_a_meeting_and_a_group_lead_back_to_their_lists(world, login):
    client = login(world.users[Role.GROUP_MEMBER])
    for page, pk, back in [
            ("governance:meeting_detail", world.objects["meeting"].pk, "governance:meeting_list"),
            ("governance:group_detail", world.groups["subgroup"].pk, "governance:group_list")]:
        body = client.get(reverse(page, args=["alpha", pk])).content.decode()
        target = reverse(back, args=["alpha"])
        assert f'class="govuk-breadcrumbs__link" href="{target}"' in body, page
        assert client.get(target).status_code == 200
