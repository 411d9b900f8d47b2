import pytest
from django.utils import timezone

from core.deadlines import Status
from core.models import Organisation, Role
from core.tests.factories import (
    OrganisationFactory,
    PartnershipFactory,
    PersonFactory,
    RoleAssignmentFactory,
)
from reviews import demo
from reviews.models import PracticeReview, RapidReview, SeriousIncident
from reviews.selectors import open_deadlines, published_reviews


@pytest.mark.django_db
def test_demo_load_is_fictional_complete_and_idempotent():
    for slug in ("hsscp", "stscp"):
        partnership = PartnershipFactory(slug=slug, name=f"{slug.upper()} partnership",
                                         short_name=slug.upper())
        org = OrganisationFactory(name=f"{slug} council", kind=Organisation.Kind.LOCAL_AUTHORITY)
        org.partnerships.add(partnership)
        RoleAssignmentFactory(person=PersonFactory(organisation=org), partnership=partnership,
                              role=Role.BUSINESS_UNIT)
    demo.load()
    demo.load()
    hsscp = SeriousIncident.objects.filter(partnership__slug="hsscp")
    assert hsscp.count() == 6
    reviews = RapidReview.objects.filter(incident__partnership__slug="hsscp")
    assert reviews.count() == 6
    assert reviews.filter(local_review=True).count() == 4  # as seed 000 reports
    assert all(r.la_aware_on.year in (2020, 2021) for r in hsscp)
    assert SeriousIncident.objects.filter(partnership__slug="stscp").count() == 3
    assert all(r.panel_members.exists() for r in reviews)
    stscp = hsscp.model.objects.get(reference="Merlin").partnership
    statuses = {d.status for _, d in open_deadlines(stscp, today=timezone.localdate())}
    assert Status.OVERDUE in statuses

    # The practice reviews the seeds name, each once, with its learning source.
    names = {slug: set(PracticeReview.objects.filter(partnership__slug=slug)
                       .values_list("pseudonym", flat=True)) for slug in ("hsscp", "stscp")}
    assert names["hsscp"] == {"EMMA", "Child T", "Child M", "ALEX", "Eve"}
    assert {"Kingfisher", "Angel", "Liam"} <= names["stscp"] and len(names["stscp"]) == 5
    eve = PracticeReview.objects.get(pseudonym="Eve")
    assert eve.kind == PracticeReview.Kind.HISTORIC_SCR
    assert eve.source.kind == "serious_case_review" and eve.briefing_url
    assert PracticeReview.objects.get(pseudonym="EMMA").rapid_review.incident.reference == (
        "Kestrel")
    alex = PracticeReview.objects.get(pseudonym="ALEX")
    assert sum(e.attendees for e in alex.learning_events.all()) == 320  # as seed 000 reports
    liam = PracticeReview.objects.get(pseudonym="Liam")
    assert liam.published_on is None and liam.rapid_review is not None
    assert liam.milestones.filter(done_on__isnull=True,
                                  due_on__lt=timezone.localdate()).count() == 1
    on_site = {r.pseudonym for r in published_reviews(stscp, timezone.localdate())}
    assert on_site == {"Kingfisher"}  # Angel, published June 2023, is past its 12 months
