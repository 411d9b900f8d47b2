import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from core.forms import validate_upload
from core.models import Area, AreaPopulation, AuditEvent, Organisation, Person, Role
from core.tests.factories import OrganisationFactory, PersonFactory
from core.tests.files import pdf_upload


def test_organisation_list_filters_through_the_query_string(world, login):
    client = login(world.users[Role.GROUP_MEMBER])
    url = reverse("core:organisation_list", kwargs={"slug": "alpha"})
    response = client.get(url, {"kind": "police"})
    names = [o.name for o in response.context["object_list"]]
    assert names == ["Alpha Police"]


def test_exports_give_the_filtered_rows_as_csv_and_xlsx_and_are_audited(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("core:organisation_list", kwargs={"slug": "alpha"})
    csv_response = client.get(url, {"kind": "police", "export": "csv"})
    lines = csv_response.content.decode().strip().splitlines()
    assert lines[0] == "Name,Kind,Statutory partner"
    assert lines[1:] == ["Alpha Police,Police (statutory partner),Yes"]
    xlsx_response = client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert sheet.cell(1, 1).value == "Name"
    assert sheet.max_row == 1 + Organisation.objects.filter(partnerships=world.partnership).count()
    assert AuditEvent.objects.filter(action="export", partnership=world.partnership).count() == 2


def test_exported_text_cannot_run_as_a_spreadsheet_formula(world, login):
    org = OrganisationFactory(name="=HYPERLINK(\"http://x\")")
    org.partnerships.add(world.partnership)
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("core:organisation_list", kwargs={"slug": "alpha"})
    body = client.get(url, {"export": "csv"}).content.decode()
    assert "'=HYPERLINK" in body


def test_an_unknown_export_format_is_not_found(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("core:organisation_list", kwargs={"slug": "alpha"})
    assert client.get(url, {"export": "exe"}).status_code == 404


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["core:organisation_list", "core:person_list", "core:audit_list",
                                  "core:area_list", "core:population_list"])
def test_list_pages_run_the_same_number_of_queries_for_5_and_500_rows(world, login, name):
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse(name, kwargs={"slug": "alpha"})

    def grow(n):
        orgs = Organisation.objects.bulk_create(
            [Organisation(name=f"Org {name} {i}-{n}", kind="school") for i in range(n)])
        world.partnership.organisations.add(*orgs)
        Person.objects.bulk_create(
            [Person(name=f"Person {i}-{n}", organisation=orgs[i]) for i in range(n)])
        AuditEvent.objects.bulk_create(
            [AuditEvent(action="create", partnership=world.partnership,
                        actor=world.users[Role.BUSINESS_UNIT], object_repr=f"r{i}")
             for i in range(n)])
        areas = Area.objects.bulk_create(
            [Area(ons_code=f"E09{n:03d}{i:03d}", name=f"Area {i}-{n}",
                  partnership=world.partnership) for i in range(n)])
        AreaPopulation.objects.bulk_create(
            [AreaPopulation(area=a, year=year, children=1000) for a in areas
             for year in (2022, 2023)])

    grow(5)
    few = _count_queries(client, url)
    grow(495)
    many = _count_queries(client, url)
    assert few == many


def test_people_list_shows_people_of_the_partnership_only(world, login):
    PersonFactory(name="Someone Elsewhere")
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.get(reverse("core:person_list", kwargs={"slug": "alpha"}))
    names = {p.name for p in response.context["paginator"].object_list}
    assert "Someone Elsewhere" not in names
    assert "Groupmember Example" in names


def test_upload_validation_refuses_non_documents_and_oversized_files(settings):
    settings.HUB_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="must be a document"):
        validate_upload(SimpleUploadedFile("run.exe", b"MZ\x90\x00"))
    with pytest.raises(ValidationError, match="its content is not"):
        validate_upload(SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf"))
    with pytest.raises(ValidationError, match="smaller than"):
        validate_upload(SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 2048))
    validate_upload(pdf_upload("paper.pdf"))


# ---- signed-in responses are not kept by browsers or proxies ----

def test_signed_in_pages_exports_and_downloads_are_sent_no_store(world, login):
    from learning.tests.factories import audit_thread

    audit_thread(world)
    client = login(world.users[Role.BUSINESS_UNIT])
    home = client.get(reverse("core:partnership_home", kwargs={"slug": "alpha"}))
    export = client.get(reverse("core:organisation_list", kwargs={"slug": "alpha"}),
                        {"export": "csv"})
    download = client.get(reverse("learning:evidence_download",
                                  kwargs={"slug": "alpha", "pk": world.objects["evidence"].pk}))
    for response in (home, export, download):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_the_public_site_keeps_normal_caching_even_for_a_signed_in_user(world, login, client):
    public_home = reverse("public:home", kwargs={"slug": "alpha"})
    anonymous = client.get(public_home)
    assert anonymous.status_code == 200
    assert "no-store" not in anonymous.get("Cache-Control", "")
    signed_in = login(world.users[Role.BUSINESS_UNIT]).get(public_home)
    assert "no-store" not in signed_in.get("Cache-Control", "")
