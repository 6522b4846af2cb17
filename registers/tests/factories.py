"""Factories for register records."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from liujiguan.tests.factories import DepartmentFactory, PersonFactory
from registers import models


class StudyActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.StudyActivity

    department = factory.SubFactory(DepartmentFactory)
    kind = models.StudyActivity.Kind.CENTRAL_GROUP
    date = datetime.date(2026, 3, 10)
    topic = factory.Sequence(lambda n: f"专题学习{n}")
    hours = Decimal("2")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Meeting

    department = factory.SubFactory(DepartmentFactory)
    date = datetime.date(2026, 3, 10)
    title = factory.Sequence(lambda n: f"工作例会{n}")
    attendees = 10
    duration_minutes = 60


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Document

    department = factory.SubFactory(DepartmentFactory)
    number = factory.Sequence(lambda n: f"管办〔2026〕{n}号")
    title = "关于做好有关工作的通知"
    issued = datetime.date(2026, 2, 10)


class ServiceCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ServiceCase

    department = factory.SubFactory(DepartmentFactory)
    reference = factory.Sequence(lambda n: f"SL{n:05d}")
    matter = "企业开办登记"
    received = datetime.date(2026, 3, 2)
    promised_days = 5


class PublicIssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PublicIssue

    department = factory.SubFactory(DepartmentFactory)
    reference = factory.Sequence(lambda n: f"RX{n:04d}")
    title = factory.Sequence(lambda n: f"群众反映问题{n}")
    received = datetime.date(2026, 3, 1)
    deadline = datetime.date(2026, 3, 20)


class VehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Vehicle

    department = factory.SubFactory(DepartmentFactory)
    plate = factory.Sequence(lambda n: f"闽A·G{n:04d}")


def local(*args):
    return timezone.make_aware(datetime.datetime(*args))


class TripFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Trip

    vehicle = factory.SubFactory(VehicleFactory)
    department = factory.LazyAttribute(lambda o: o.vehicle.department)
    driver = factory.SubFactory(PersonFactory)
    purpose = "送文件"
    start = factory.Sequence(lambda n: local(2026, 3, 10, 9, 0) + datetime.timedelta(minutes=n))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=1))


class CoordinationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CoordinationRequest

    department = factory.SubFactory(DepartmentFactory)
    matter = factory.Sequence(lambda n: f"协调事项{n}")
    deadline = datetime.date(2026, 3, 20)
