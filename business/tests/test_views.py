import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from business import selectors
from business.models import (
    CommunicationItem,
    NationalItem,
    ScrutineerAppointment,
    ScrutinyActivity,
    ScrutinyStatement,
    VoiceItem,
)
from core.models import Role
from learning.models import Source, Theme

from .factories import national_item, scrutiny_activity, voice_item

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def url(world, name, **kwargs):
    return reverse(f"business:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


def _source(world, kind, title):
    source = Source.objects.create(kind=kind, title=title)
    source.partnerships.add(world.partnership)
    return source


def _add_rows(world, n: int, offset: int = 0) -> None:
    """n rows of every list, with the relations each list shows."""
    p, theme = world.partnership, Theme.objects.first()
    scrutineer = world.people[Role.SCRUTINEER]
    for i in range(offset, offset + n):
        day = TODAY() - datetime.timedelta(days=i + 1)
        NationalItem.objects.create(
            partnership=p, source=_source(world, Source.Kind.NATIONAL_REVIEW, f"N{i}"),
            kind="letter", issuer="dfe", title=f"Letter {i}", issued_on=day,
            due_basis="letter", letter_due=day)
        ScrutinyActivity.objects.create(
            partnership=p, source=_source(world, Source.Kind.SCRUTINY, f"S{i}"),
            kind="audit", title=f"Audit {i}", held_on=day, scrutineer=scrutineer)
        ScrutineerAppointment.objects.create(partnership=p, person=scrutineer,
                                             starts_on=day, title=f"Scrutineer {i}")
        ScrutinyStatement.objects.create(partnership=p, year_start=2000 + i, text="Words",
                                         written_by=world.users[Role.SCRUTINEER])
        CommunicationItem.objects.create(partnership=p, kind="bulletin", title=f"B{i}",
                                         issued_on=day - datetime.timedelta(days=400 * i),
                                         audience="partners", theme=theme, reach=10,
                                         measure="sent_to")
        VoiceItem.objects.create(partnership=p, heard_on=day, channel="survey",
                                 voice="children", age_band="5-10", said=f"Said {i}",
                                 theme=theme)


LISTS = ["national_list", "scrutiny_list", "appointment_list", "statement_list",
         "communication_list", "voice_list"]


@pytest.mark.parametrize("name", LISTS)
def test_each_list_runs_a_fixed_number_of_queries(world, login, name):
    client = login(world.users[Role.BUSINESS_UNIT])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(world, name)).status_code == 200
        return len(ctx.captured_queries)

    _add_rows(world, 3)
    few = count()
    _add_rows(world, 30, offset=3)  # more than a page, and communication over many years
    assert count() == few


def test_the_business_unit_logs_a_national_item_and_sees_it_overdue(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.post(url(world, "national_create"), {
        "kind": "letter", "issuer": "dfe", "title": "Letter on Working Together 2023",
        "issued_on": (TODAY() - datetime.timedelta(days=40)).isoformat(),
        "due_basis": "letter",
        "letter_due": (TODAY() - datetime.timedelta(days=2)).isoformat(),
        "status": "received"})
    item = NationalItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(world, "national_detail", pk=item.pk)
    page = client.get(url(world, "national_list")).content.decode()
    assert "1 response overdue" in page and "Letter on Working Together 2023" in page
    overdue_only = client.get(url(world, "national_list"), {"overdue": "yes"})
    assert overdue_only.context["object_list"][0] == item


def test_an_empty_national_form_names_each_field_and_saves_nothing(world, login):
    response = login(world.users[Role.BUSINESS_UNIT]).post(url(world, "national_create"), {})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"kind", "issuer", "title", "issued_on"} <= set(errors)
    assert not NationalItem.objects.exists()


def test_an_edit_from_a_stale_page_is_refused(world, login):
    item = national_item(world)
    client = login(world.users[Role.BUSINESS_UNIT])
    data = {"kind": item.kind, "issuer": item.issuer, "title": item.title,
            "issued_on": item.issued_on.isoformat(), "status": "in_hand",
            "due_basis": item.due_basis, "letter_due": item.letter_due.isoformat(),
            "outcome": "Changed", "version": item.version}
    assert client.post(url(world, "national_edit", pk=item.pk), data).status_code == 302
    stale = client.post(url(world, "national_edit", pk=item.pk),
                        {**data, "outcome": "Overwritten"})
    assert stale.status_code == 200 and "Someone else changed" in stale.content.decode()
    assert NationalItem.objects.get(pk=item.pk).outcome == "Changed"


def test_another_partnerships_record_is_not_found(world, login):
    item = scrutiny_activity(world)
    client = login(world.users["outsider"])
    response = client.get(reverse("business:scrutiny_detail",
                                  kwargs={"slug": world.other.slug, "pk": item.pk}))
    assert response.status_code == 404


def test_the_scrutineer_writes_and_approves_the_statement_on_its_pages(world, login):
    year = selectors.year_start_of(TODAY()) - 1
    client = login(world.users[Role.SCRUTINEER])
    response = client.post(url(world, "statement_edit", year=year),
                           {"text": "The report reflects the partnership's work.",
                            "version": 0})
    assert response.status_code == 302
    statement = ScrutinyStatement.objects.get()
    assert not statement.is_approved
    client.post(url(world, "statement_approve", year=year), {"version": statement.version})
    assert ScrutinyStatement.objects.get().is_approved


def test_communication_import_page_lists_problems_and_saves_nothing(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    bad = SimpleUploadedFile("comms.csv", b"kind,title,date,audience\n"
                                          b"newsletter,Spring,2021-03-31,partners\n"
                                          b"newsletter,,2021-03-31,nobody\n")
    response = client.post(url(world, "communication_import"), {"file": bad})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved: 2 rows processed, 1 with problems" in text
    assert "Enter the title." in text
    assert not CommunicationItem.objects.exists()
    good = SimpleUploadedFile("comms.csv", b"kind,title,date,audience,reach,measure\n"
                                           b"newsletter,Spring,2021-03-31,partners,120,sent_to\n"
                                           b"Forum,DSL forum,2021-02-01,Schools,,\n")
    response = client.post(url(world, "communication_import"), {"file": good})
    assert response.status_code == 302
    assert CommunicationItem.objects.count() == 2
    page = client.get(url(world, "communication_list")).content.decode()
    assert "2020-21: 2 items" in page


def test_the_voice_list_says_which_items_stay_inside(world, login):
    voice_item(world), voice_item(world, consent=False)
    page = login(world.users[Role.GROUP_MEMBER]).get(url(world, "voice_list"))
    assert page.content.decode().count("Inside only") == 1
    inside = login(world.users[Role.GROUP_MEMBER]).get(url(world, "voice_list"),
                                                       {"consent": "no"})
    assert len(inside.context["object_list"]) == 1
