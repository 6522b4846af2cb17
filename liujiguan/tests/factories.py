"""Factories shared by every app's tests: logins with a role, departments, people, a campaign."""

import datetime

import factory
from django.contrib.auth import get_user_model

from campaigns.models import Campaign, Pillar
from leadership.models import Charge, Department, Membership, Person
from liujiguan.roles import user_role_set

PASSWORD = "pass-Word-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        self.save()
        if extracted:
            user_role_set(user=self, role=extracted)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"科室{n}")
    kind = Department.Kind.SECTION


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"张{n}")
    title = "科员"
    department = factory.SubFactory(DepartmentFactory)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    title = factory.Sequence(lambda n: f"创六型机关方案{n}")
    year = 2026
    start = datetime.date(2026, 1, 1)
    end = datetime.date(2026, 12, 31)
    status = Campaign.Status.ACTIVE


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pillar

    campaign = factory.SubFactory(CampaignFactory)
    type = Pillar.Type.LEARNING
    name = factory.Sequence(lambda n: f"学习型机关{n}")
    slogan = "大兴学习调研之风"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    campaign = factory.SubFactory(CampaignFactory)
    person = factory.SubFactory(PersonFactory)
    role = Membership.Role.MEMBER


class ChargeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Charge

    campaign = factory.SubFactory(CampaignFactory)
    person = factory.SubFactory(PersonFactory)
    department = factory.SubFactory(DepartmentFactory)
