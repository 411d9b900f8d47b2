"""The business demo: the seeds' figures, counted from records; a second run adds nothing."""

import datetime

import pytest

from business import demo, selectors
from business.models import CommunicationItem, ScrutinyActivity, VoiceItem
from conftest import make_person_with_role
from core.models import Role
from core.tests.factories import OrganisationFactory, PartnershipFactory
from learning.models import Action

pytestmark = pytest.mark.django_db


def test_the_demo_holds_the_seeds_figures_and_loads_once(db):
    for slug in ("hsscp", "stscp"):
        p = PartnershipFactory(slug=slug, name=slug.upper(), short_name=slug.upper())
        make_person_with_role(Role.SCRUTINEER, p, username=f"scrutineer{slug}")
    for name in ("Cleveland Police", "Middlesbrough Council"):
        OrganisationFactory(name=name).partnerships.add(p)  # the actions' owners (STSCP)
    demo.load()
    counts = (CommunicationItem.objects.count(), ScrutinyActivity.objects.count(),
              VoiceItem.objects.count(), Action.objects.count())
    demo.load()
    assert counts == (CommunicationItem.objects.count(), ScrutinyActivity.objects.count(),
                      VoiceItem.objects.count(), Action.objects.count())

    hsscp = PartnershipFactory._meta.model.objects.get(slug="hsscp")
    totals = {k.kind: k for k in selectors.communication_totals(
        hsscp, datetime.date(2020, 4, 1), datetime.date(2021, 3, 31))}
    # Seed 000: monthly e-bulletins, 4 quarterly newsletters, 6 termly forums, 25,490 views.
    assert (totals["bulletin"].items, totals["newsletter"].items, totals["forum"].items) == (
        12, 4, 6)
    assert totals["website"].reach == [("Page views", 25490)]
    # The scrutiny's recommendations have their actions in the learning plan.
    assert Action.objects.filter(source__kind="scrutiny").count() == 2
    stscp = PartnershipFactory._meta.model.objects.get(slug="stscp")
    section = selectors.report_section(stscp, datetime.date(2023, 4, 1),
                                       datetime.date(2024, 3, 31))
    assert section.statement is not None and len(section.voice) == 3
    assert section.voice_withheld == 1
    # The public "you said, we did" page: the three consented examples, none without.
    public = selectors.you_said_we_did(stscp)
    shown = [v.said for group in public for v in group.items]
    assert len(shown) == 3 and "Nobody told me why my worker changed." not in shown
    # The national items' response dates follow the partnership's rule unless the letter
    # sets its own (Working Together 2023: new arrangements by 12 December 2024).
    due = {n.title: (n.due_basis, n.due_on) for n in selectors.national_list(stscp)}
    assert due["Working Together to Safeguard Children 2023"] == (
        "letter", datetime.date(2024, 12, 12))
    assert due["Multi-agency partnership maturity health check"] == (
        "rule", datetime.date(2024, 5, 15))
