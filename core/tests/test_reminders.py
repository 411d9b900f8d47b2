import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from learning.models import Action


def test_owners_get_one_email_listing_their_due_and_overdue_actions(world):
    today = timezone.localdate()
    member = world.people["group_member"]
    member.email = "member@example.org"
    member.save()
    source = world.objects["action"].source
    Action.objects.create(partnership=world.partnership, source=source, title="Overdue audit",
                          owner_person=member, due_date=today - datetime.timedelta(days=3))
    Action.objects.create(partnership=world.partnership, source=source, title="Far away",
                          owner_person=member, due_date=today + datetime.timedelta(days=60))
    Action.objects.create(partnership=world.partnership, source=source, title="Done already",
                          owner_person=member, due_date=today - datetime.timedelta(days=3),
                          status="completed")
    call_command("send_reminders", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].to == ["member@example.org"]
    assert "Overdue audit" in body and "overdue since" in body
    assert "Refresh the neglect toolkit" in body  # due in 5 days
    assert "Far away" not in body and "Done already" not in body


def test_a_bad_date_is_refused_with_a_message(world):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--date must be a date"):
        call_command("send_reminders", date="23/11/2026")


def test_the_business_unit_hears_about_overdue_statutory_deadlines(world):
    from reviews.models import SeriousIncident

    bu = world.people["business_unit"]
    bu.email = "bu@example.org"
    bu.save()
    today = timezone.localdate()
    from learning.models import Source

    SeriousIncident.objects.create(
        partnership=world.partnership, reference="Kestrel",
        la_aware_on=today - datetime.timedelta(days=30),
        source=Source.objects.create(kind="rapid_review", title="Kestrel"),
    )
    call_command("send_reminders", stdout=open("/dev/null", "w"))
    to_bu = [m for m in mail.outbox if m.to == ["bu@example.org"]]
    assert len(to_bu) == 1
    assert "Kestrel" in to_bu[0].body and "Overdue" in to_bu[0].body
