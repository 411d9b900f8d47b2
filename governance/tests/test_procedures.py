"""The procedures register: kept through services with audit rows, the next review set by
the one deadline rule (or typed, never before the last review), versions saying what
changed, reminders when a review falls due, and the public site reading it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEvent, DeadlineRule, Role
from core.services import system_actor
from governance import reminders, services
from governance.models import Procedure, ProcedureVersion
from governance.tests.procedure_helpers import make_procedure

D = datetime.date


def test_the_next_review_is_set_by_the_procedure_review_rule(world):
    procedure = make_procedure(world.partnership)
    assert procedure.next_review_due == D(2027, 3, 1)  # 36 months, the default rule
    assert AuditEvent.objects.filter(model="governance.Procedure", action="create").exists()
    default = DeadlineRule.objects.get(key="procedure-review", partnership=None)
    DeadlineRule.objects.create(**{f.name: getattr(default, f.name)
                                   for f in DeadlineRule._meta.concrete_fields
                                   if f.name not in ("id", "partnership", "count")},
                                partnership=world.partnership, count=12)
    other = make_procedure(world.partnership, title="Threshold of need", kind="threshold")
    assert other.next_review_due == D(2025, 3, 1)  # the partnership's own rule wins


def test_a_next_review_before_the_last_review_is_refused_with_a_message(world):
    with pytest.raises(ValidationError) as error:
        make_procedure(world.partnership, next_review_due=D(2024, 2, 1))
    assert error.value.message_dict["next_review_due"] == [
        "The next review due (1 February 2024) must be after the last review (1 March 2024)."]
    assert not Procedure.objects.exists()
    procedure = make_procedure(world.partnership)
    with pytest.raises(IntegrityError), transaction.atomic():
        Procedure.objects.filter(pk=procedure.pk).update(next_review_due=D(2024, 1, 1))


def test_the_form_keeps_bad_input_and_names_the_field(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    page = client.post(reverse("governance:procedure_create", args=["alpha"]), {
        "title": "Neglect", "kind": "procedure", "url": "https://procedures.example/n",
        "last_reviewed_on": "2024-03-01", "next_review_due": "2024-02-01"}).content.decode()
    assert ("The next review due (1 February 2024) must be after the last review "
            "(1 March 2024)") in page
    assert 'value="Neglect"' in page
    assert not Procedure.objects.exists()


def test_a_new_version_records_what_changed_and_moves_the_review_on(world):
    procedure = make_procedure(world.partnership)
    services.procedure_version_add(
        actor=system_actor(), partnership=world.partnership, procedure=procedure,
        expected_version=procedure.version,
        data={"number": "2.0", "adopted_on": D(2025, 1, 10),
              "what_changed": "Adds the graded care profile.",
              "url": "https://procedures.example/neglect-v2"})
    procedure.refresh_from_db()
    assert (procedure.current_version, procedure.last_reviewed_on,
            procedure.next_review_due, procedure.url) == (
        "2.0", D(2025, 1, 10), D(2028, 1, 10), "https://procedures.example/neglect-v2")
    assert ProcedureVersion.objects.get().what_changed == "Adds the graded care profile."
    with pytest.raises(ValidationError) as error:
        services.procedure_version_add(
            actor=system_actor(), partnership=world.partnership, procedure=procedure,
            expected_version=procedure.version,
            data={"number": "1.9", "adopted_on": D(2024, 12, 1), "what_changed": "Older"})
    assert "cannot be before the last review (10 January 2025)" in str(error.value)
    assert ProcedureVersion.objects.count() == 1


def test_a_review_due_soon_or_overdue_reminds_the_business_unit(world):
    bu = world.people[Role.BUSINESS_UNIT]
    bu.email = "bu@example.org"
    bu.save()
    overdue = make_procedure(world.partnership, title="Overdue one",
                             last_reviewed_on=D(2020, 1, 1))
    make_procedure(world.partnership, title="Fine one", last_reviewed_on=D(2025, 1, 1))
    sent = list(reminders.procedure_reviews(D(2025, 6, 1)))
    assert [r.email for r in sent] == ["bu@example.org"] and {r.text for r in sent} == {"Overdue one: review overdue (due 01 January "
                                               "2023)"}
    assert all(r.path.endswith(f"/procedures/{overdue.pk}/") for r in sent)


def test_the_register_lists_run_fixed_queries_and_the_public_site_reads_it(world, login,
                                                                           client):
    def queries(c, url):
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx.captured_queries)

    staff = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("governance:procedure_list", args=["alpha"])
    for i in range(3):
        make_procedure(world.partnership, title=f"Procedure {i}")
    few = queries(staff, url)
    for i in range(3, 30):
        make_procedure(world.partnership, title=f"Procedure {i}")
    assert queries(staff, url) == few
    procedure = Procedure.objects.get(title="Procedure 1")
    services.procedure_version_add(
        actor=system_actor(), partnership=world.partnership, procedure=procedure,
        expected_version=procedure.version,
        data={"number": "2.0", "adopted_on": D(2025, 1, 10), "what_changed": "New toolkit."})
    services.procedure_update(actor=system_actor(), partnership=world.partnership,
                              procedure=Procedure.objects.get(title="Procedure 2"),
                              data={"published": False}, expected_version=1)
    staff.logout()
    page = client.get(reverse("public:procedures", args=["alpha"])).content.decode()
    assert "Procedure 1" in page and "New toolkit." in page and "Procedure 2<" not in page
