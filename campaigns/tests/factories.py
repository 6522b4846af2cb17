"""Factories for measures, progress, indicators and readings."""

import datetime
from decimal import Decimal

import factory

from campaigns.models import Indicator, IndicatorReading, Measure, ProgressUpdate
from liujiguan.tests.factories import PillarFactory


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    pillar = factory.SubFactory(PillarFactory)
    title = factory.Sequence(lambda n: f"组织集中学习活动{n}")
    start = datetime.date(2026, 1, 1)
    due = datetime.date(2026, 12, 31)
    weight = Decimal("1")
    progress = 0
    order = factory.Sequence(lambda n: n)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    measure = factory.SubFactory(MeasureFactory)
    date = datetime.date(2026, 6, 1)
    percent = 50
    note = "按计划推进"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    pillar = factory.SubFactory(PillarFactory)
    name = factory.Sequence(lambda n: f"每月学习次数{n}")
    unit = "次"
    target = Decimal("4")
    direction = Indicator.Direction.HIGHER
    frequency = Indicator.Frequency.MONTHLY


class IndicatorReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorReading

    indicator = factory.SubFactory(IndicatorFactory)
    period_start = datetime.date(2026, 10, 1)
    period_end = datetime.date(2026, 10, 31)
    value = Decimal("4")
