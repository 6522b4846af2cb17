"""Factories for reception tests."""

import datetime
from decimal import Decimal

import factory

from liujiguan.tests.factories import DepartmentFactory
from reception.models import Budget, Meal, ReceptionPolicy, ReceptionRecord, ReceptionRequest, Venue


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"机关食堂{n}")
    kind = Venue.Kind.CANTEEN


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceptionPolicy
        skip_postgeneration_save = True

    effective_from = datetime.date(2026, 1, 1)
    host_city = "福州"
    meal_standard = Decimal("35.00")
    lodging_standard = Decimal("350.00")

    @factory.post_generation
    def venues(self, create, extracted, **kwargs):
        names = extracted if extracted is not None else ["机关食堂", "港区宾馆"]
        self.designated_venues.set([VenueFactory(name=name) for name in names])


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    year = 2026
    department = factory.SubFactory(DepartmentFactory)
    amount = Decimal("10000.00")


class RequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceptionRequest

    host_department = factory.SubFactory(DepartmentFactory)
    visiting_unit = "厦门市海洋发展局"
    visiting_city = "厦门"
    letter_reference = factory.Sequence(lambda n: f"厦海函〔2026〕{n}号")
    purpose = "考察港区管理经验"
    guests = 5
    start_date = datetime.date(2026, 5, 10)
    end_date = datetime.date(2026, 5, 11)
    planned_meals = 1
    estimated_cost = Decimal("800.00")


class RecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceptionRecord

    host_department = factory.SubFactory(DepartmentFactory)
    visiting_unit = "泉州市港口管理局"
    visiting_city = "泉州"
    letter_reference = factory.Sequence(lambda n: f"泉港函〔2026〕{n}号")
    activity = "交流港区管理工作"
    guests = 5
    start_date = datetime.date(2026, 6, 3)
    end_date = datetime.date(2026, 6, 4)


class MealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meal

    record = factory.SubFactory(RecordFactory)
    date = factory.LazyAttribute(lambda o: o.record.start_date)
    kind = Meal.Kind.LUNCH
    venue = "机关食堂"
    guests = 5
    accompanying = 0
    cost = Decimal("150.00")
