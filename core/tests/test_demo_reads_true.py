"""The demo reads true: dated history, the partners of each year, and meeting papers."""

from io import StringIO

import pypdf
import pytest
from django.core.management import call_command
from django.utils import timezone

from core.models import AuditEvent, Organisation
from core.services import SYSTEM_USERNAME
from governance.models import Paper
from learning.models import Action, ActionUpdate
from reports.models import YearlyReport
from reports.selectors import assemble

pytestmark = pytest.mark.django_db

CCG_TV = "Tees Valley Clinical Commissioning Group"
CCG_HS = "Hartlepool and Stockton-on-Tees Clinical Commissioning Group"
ICB = "North East and North Cumbria Integrated Care Board"


def _load(*args):
    call_command("load_demo", *args, stdout=StringIO(), stderr=StringIO())


def test_the_demo_has_meeting_papers_that_are_real_pdfs(db):
    from governance.demo import TeesGovernance

    _load("--no-extensions")
    TeesGovernance().run()  # the meetings and their papers are governance's part of the demo
    papers = list(Paper.objects.select_related("agenda_item__meeting"))
    assert len(papers) >= 10
    for paper in papers[:5]:
        with paper.file.open("rb") as handle:
            reader = pypdf.PdfReader(handle, strict=True)
            assert paper.agenda_item.title in reader.pages[0].extract_text()
    # Uploaded through the paper service, so each is in the audit trail as the system actor.
    assert AuditEvent.objects.filter(model="governance.Paper", action="create",
                                     actor_name=SYSTEM_USERNAME).count() == len(papers)


def test_organisations_exist_in_their_own_years():
    icb = Organisation(name=ICB, kind="icb", exists_from=timezone.datetime(2022, 7, 1).date())
    ccg = Organisation(name=CCG_TV, kind="icb", exists_until=timezone.datetime(2022, 6, 30).date())
    year_2020 = (timezone.datetime(2020, 4, 1).date(), timezone.datetime(2021, 3, 31).date())
    year_2022 = (timezone.datetime(2022, 4, 1).date(), timezone.datetime(2023, 3, 31).date())
    assert not icb.existed_during(*year_2020) and ccg.existed_during(*year_2020)
    assert icb.existed_during(*year_2022) and ccg.existed_during(*year_2022)


def test_history_is_dated_and_each_report_names_the_partners_of_its_year(db):
    _load()
    today = timezone.localdate()
    # A completion is recorded on the day it was completed, not when the demo was loaded.
    completed = Action.objects.filter(status=Action.Status.COMPLETED, completed_on__isnull=False,
                                      updates__status_after=Action.Status.COMPLETED).distinct()
    assert completed.exists()
    for action in completed:
        update = action.updates.get(status_after=Action.Status.COMPLETED)
        assert timezone.localtime(update.created_at).date() == action.completed_on
    historic = ActionUpdate.objects.filter(action__completed_on__year__lt=2023)
    assert historic.exists()
    assert not historic.filter(created_at__date=today).exists()

    hsscp = assemble(YearlyReport.objects.get(partnership__slug="hsscp", year_start=2020),
                     charts=False)
    names = {o.name for o in hsscp.statutory_partners}
    assert CCG_TV in names and ICB not in names and CCG_HS not in names
    stscp = assemble(YearlyReport.objects.get(partnership__slug="stscp", year_start=2023),
                     charts=False)
    names = {o.name for o in stscp.statutory_partners}
    assert ICB in names and CCG_TV not in names
