from django.urls import reverse

from core.models import AuditEvent, Organisation, RoleAssignment


def test_business_unit_adds_an_organisation_and_it_is_audited(world, login):
    client = login(world.users["business_unit"])
    url = reverse("core:organisation_create", kwargs={"slug": "alpha"})
    response = client.post(url, {"name": "Alpha Youth Justice Service", "kind": "relevant_agency"})
    assert response.status_code == 302
    org = Organisation.objects.get(name="Alpha Youth Justice Service")
    assert list(org.partnerships.all()) == [world.partnership]
    assert AuditEvent.objects.filter(action="create", model="core.Organisation",
                                     object_id=str(org.pk)).exists()


def test_a_duplicate_organisation_name_is_refused_with_a_message(world, login):
    client = login(world.users["business_unit"])
    before = Organisation.objects.count()
    response = client.post(reverse("core:organisation_create", kwargs={"slug": "alpha"}),
                           {"name": "Alpha Police", "kind": "police"})
    assert response.status_code == 200
    assert "Organisation with this Name already exists." in response.content.decode()
    assert Organisation.objects.count() == before


def test_an_agency_lead_role_needs_an_organisation(world, login):
    client = login(world.users["business_unit"])
    person = world.people["practitioner"]
    url = reverse("core:person_detail", kwargs={"slug": "alpha", "pk": person.pk})
    response = client.post(url, {"role": "agency_lead"})
    assert response.status_code == 200
    assert "An agency lead needs their organisation." in response.content.decode()
    assert not RoleAssignment.objects.filter(person=person, role="agency_lead").exists()
    response = client.post(url, {"role": "agency_lead", "organisation": world.orgs["school"].pk})
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(person=person, role="agency_lead").exists()


def test_giving_the_same_role_twice_says_so(world, login):
    client = login(world.users["business_unit"])
    person = world.people["scrutineer"]
    url = reverse("core:person_detail", kwargs={"slug": "alpha", "pk": person.pk})
    response = client.post(url, {"role": "scrutineer"})
    assert response.status_code == 200
    assert "already has this role" in response.content.decode()
    assert RoleAssignment.objects.filter(person=person, role="scrutineer").count() == 1


def test_only_the_business_unit_gives_roles_and_refusals_are_logged(world, login):
    client = login(world.users["partner_delegate"])
    person = world.people["practitioner"]
    url = reverse("core:person_detail", kwargs={"slug": "alpha", "pk": person.pk})
    response = client.post(url, {"role": "business_unit"})
    assert response.status_code == 403
    assert not RoleAssignment.objects.filter(person=person, role="business_unit").exists()
    assert AuditEvent.objects.filter(action="refused", actor=world.users["partner_delegate"]).exists()


def test_area_list_shows_the_latest_child_population(world, login):
    client = login(world.users["business_unit"])
    response = client.get(reverse("core:area_list", kwargs={"slug": "alpha"}))
    body = response.content.decode()
    assert "E06009991" in body and "40,000" in body
