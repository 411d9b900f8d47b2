"""The demo loader: the seeds' figures and a labelled synthetic history, loaded once."""

from django.urls import reverse

from core.models import Area
from core.tests.factories import PartnershipFactory
from performance import demo, selectors
from performance.models import DataReturn, IndicatorValue


def _teesside():
    hsscp = PartnershipFactory(slug="hsscp", name="HSSCP", short_name="HSSCP")
    stscp = PartnershipFactory(slug="stscp", name="STSCP", short_name="STSCP")
    for code, name, p in [(demo.HARTLEPOOL, "Hartlepool", hsscp),
                          (demo.MIDDLESBROUGH, "Middlesbrough", stscp),
                          (demo.REDCAR, "Redcar and Cleveland", stscp),
                          (demo.STOCKTON, "Stockton-on-Tees", hsscp)]:
        Area.objects.create(ons_code=code, name=name, partnership=p)
    return hsscp, stscp


def test_demo_loads_once_and_labels_synthetic_values(db):
    _teesside()
    first = demo.load()
    counts = (IndicatorValue.objects.count(), DataReturn.objects.count())
    assert first["published_values"] == 75 and first["synthetic_values"] == 640
    second = demo.load()
    assert second["published_values"] == 0 and second["synthetic_values"] == 0
    assert (IndicatorValue.objects.count(), DataReturn.objects.count()) == counts
    hartlepool = IndicatorValue.objects.get(indicator__code="CP_PLANS", area__ons_code=demo.HARTLEPOOL,
                                            period="2020-21")
    assert hartlepool.value == 245 and not hartlepool.synthetic
    assert IndicatorValue.objects.filter(period="2021-22 Q3", synthetic=True).exists()
    assert not IndicatorValue.objects.filter(period_type="quarter", synthetic=False).exists()


def test_demo_keeps_the_seeds_rate_inconsistency_visible(db):
    _teesside()
    demo.load()
    held = DataReturn.objects.get(filename="seeds: South Tees place figures March 2024 (Middlesbrough)")
    assert any("does not match" in w["message"] for w in held.warnings)


def test_demo_pages_render(db, client):
    _, stscp = _teesside()
    demo.load()
    from core.models import Role
    from core.tests.factories import PersonFactory, RoleAssignmentFactory, UserFactory

    user = UserFactory(username="reader")
    RoleAssignmentFactory(person=PersonFactory(user=user), role=Role.GROUP_MEMBER,
                          partnership=stscp, group=None)
    client.force_login(user)
    page = client.get(reverse("performance:scorecard", kwargs={"slug": "stscp"}),
                      {"area": demo.MIDDLESBROUGH, "period": "2023-24 Q4"})
    text = page.content.decode()
    assert page.status_code == 200 and "Synthetic" in text and "village of 100 children" in text
    detail = client.get(reverse("performance:indicator_detail",
                                kwargs={"slug": "stscp", "code": "CP_RATE"}))
    chart = reverse("performance:indicator_chart", kwargs={"slug": "stscp", "code": "CP_RATE"})
    assert f'<img src="{chart}?type='.encode() in detail.content
    drawn = client.get(chart)
    assert drawn.status_code == 200 and drawn.content.startswith(b"<svg")
    assert selectors.exception_proposals(partnership=stscp)
