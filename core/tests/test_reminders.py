import datetime
import io

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


def test_a_days_reminders_go_once_however_often_the_task_runs(world):
    from core import tasks
    from core.models import AuditEvent

    member = world.people["group_member"]
    member.email = "member@example.org"
    member.save()
    assert tasks.send_reminders.delay().get() == 1  # in-process without a broker
    assert tasks.send_reminders() is None
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "were sent already" in out.getvalue()
    assert len(mail.outbox) == 1
    run = AuditEvent.objects.get(model="core.DailyReminders")
    assert run.object_id == timezone.localdate().isoformat() and run.actor_name == "system"
    assert run.changes["e-mails sent"] == 1
    # Another day is another run; --again sends a day's again on purpose.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert tasks.send_reminders(tomorrow.isoformat()) == 1
    call_command("send_reminders", again=True, stdout=io.StringIO())
    assert len(mail.outbox) == 3
