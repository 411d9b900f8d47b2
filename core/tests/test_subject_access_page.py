"""The subject-access page (decision 0039): the business unit finds a person the partnership
knows and downloads the export `manage.py subject_access` writes, audited."""

import io
import json

from django.core.management import call_command
from django.urls import reverse

from core.models import AuditEvent, Person, Role, RoleAssignment


def page(world):
    return reverse("core:subject_access", kwargs={"slug": world.partnership.slug})


def export_url(world, person):
    return reverse("core:subject_access_export",
                   kwargs={"slug": world.partnership.slug, "pk": person.pk})


def test_the_business_unit_finds_a_person_and_downloads_the_commands_export(world, login):
    member = world.people[Role.GROUP_MEMBER]
    client = login(world.users[Role.BUSINESS_UNIT])
    found = client.get(page(world), {"q": member.name[2:8]}).content.decode()
    assert member.name in found and export_url(world, member) in found
    response = client.get(export_url(world, member))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="subject-access-{member.pk}.json"'
    assert "no-store" in response["Cache-Control"]
    export = json.loads(response.content)
    assert export["person"] == member.name
    assert export["sections"]["core.Person"][0]["name"] == member.name
    audited = AuditEvent.objects.filter(action="export", model="core.Person",
                                        object_id=str(member.pk))
    assert audited.get().actor == world.users[Role.BUSINESS_UNIT]
    # One way to do it: the command writes the same export (less the time it was made and
    # the audit rows the exports themselves added).
    out = io.StringIO()
    call_command("subject_access", str(member.pk), stdout=out)
    from_command = json.loads(out.getvalue())
    for made in (export, from_command):
        made.pop("exported_at")
        made["sections"].pop("core.AuditEvent", None)
        made.pop("records")
    assert from_command == export


def test_a_person_another_partnership_knows_is_for_the_administrators(world, login):
    member = world.people[Role.GROUP_MEMBER]
    RoleAssignment.objects.create(person=member, role=Role.PRACTITIONER,
                                  partnership=world.other)
    client = login(world.users[Role.BUSINESS_UNIT])
    found = client.get(page(world), {"q": member.name}).content.decode()
    assert "Known to another partnership too" in found
    assert export_url(world, member) not in found
    assert client.get(export_url(world, member)).status_code == 403
    assert not AuditEvent.objects.filter(action="export").exists()


def test_only_people_of_the_partnership_are_found(world, login):
    stranger = Person.objects.create(name="Zed Unlinked")
    client = login(world.users[Role.BUSINESS_UNIT])
    assert "Nobody the partnership knows" in client.get(page(world), {"q": "Zed"}).content.decode()
    assert client.get(export_url(world, stranger)).status_code == 404
    outsider = world.people["outsider"]  # beta's business unit
    assert client.get(export_url(world, outsider)).status_code == 404


def test_other_roles_are_refused(world, login):
    member = world.people[Role.GROUP_MEMBER]
    for role in (Role.SCRUTINEER, Role.GROUP_CHAIR, Role.AGENCY_LEAD, "outsider"):
        client = login(world.users[role])
        assert client.get(page(world)).status_code == 403, role
        assert client.get(export_url(world, member)).status_code == 403, role
    assert not AuditEvent.objects.filter(action="export").exists()


def test_the_search_runs_the_same_queries_for_few_people_and_many(world, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.users[Role.BUSINESS_UNIT])

    def queries(n):
        for i in range(n):
            person = Person.objects.create(name=f"Searched person {n}-{i}",
                                           organisation=world.orgs["council"])
            RoleAssignment.objects.create(person=person, role=Role.PRACTITIONER,
                                          partnership=world.partnership)
        with CaptureQueriesContext(connection) as ctx:
            text = client.get(page(world), {"q": f"Searched person {n}-"}).content.decode()
        assert text.count("Download everything held about") == n
        return len(ctx.captured_queries)

    assert queries(3) == queries(40)
