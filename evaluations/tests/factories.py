"""Factories for rounds, criteria, rater groups and ballots."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from liujiguan.tests.factories import CampaignFactory

from ..models import Band, Criterion, RaterGroup, Round


def _now():
    return timezone.now().replace(microsecond=0)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    kind = Round.Kind.FOUR_GOOD
    title = factory.Sequence(lambda n: f"四好科室评议{n}")
    opens_at = factory.LazyFunction(lambda: _now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: _now() + datetime.timedelta(days=6))
    status = Round.Status.OPEN
    min_group_size = 1

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    round = factory.SubFactory(RoundFactory)
    name = factory.Sequence(lambda n: f"指标{n}")
    weight = Decimal("1")
    scale = Criterion.Scale.SCORE


class RaterGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RaterGroup

    round = factory.SubFactory(RoundFactory)
    name = factory.Sequence(lambda n: f"评议组{n}")
    weight = Decimal("1")
    ballots_issued = 10


class BandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Band

    round = factory.SubFactory(RoundFactory)
    label = factory.Sequence(lambda n: f"档{n}")
    min_score = Decimal("0")
