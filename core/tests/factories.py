import datetime

import factory
from django.utils import timezone

from core.models import (
    Area,
    AreaPopulation,
    Organisation,
    Partnership,
    Person,
    RoleAssignment,
    User,
)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"partnership-{n}")
    name = factory.Sequence(lambda n: f"Test Safeguarding Children Partnership {n}")
    short_name = factory.Sequence(lambda n: f"TSCP{n}")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    ons_code = factory.Sequence(lambda n: f"E0690{n:04d}")
    name = factory.Sequence(lambda n: f"Area {n}")
    partnership = factory.SubFactory(PartnershipFactory)


class AreaPopulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaPopulation

    area = factory.SubFactory(AreaFactory)
    year = 2023
    children = 40000


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.RELEVANT_AGENCY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "correct horse battery")
        if create:
            self.save(update_fields=["password"])


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    person = factory.SubFactory(PersonFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = "business_unit"


def aware(year, month, day, hour=10, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))
