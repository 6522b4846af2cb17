"""Factories for the public portal's tests."""

import datetime

import factory
from django.utils import timezone

from disclosure.models import (
    CampaignPublication,
    Commitment,
    FeedbackMessage,
    NewsItem,
    ReceptionDisclosure,
    ServicePage,
)
from liujiguan.tests.factories import CampaignFactory, DepartmentFactory


def _past():
    return timezone.now() - datetime.timedelta(days=1)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    department = factory.SubFactory(DepartmentFactory)
    text = factory.Sequence(lambda n: f"承诺事项{n}：当日受理，三日办结。")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = Commitment.Status.IN_PROGRESS
    is_published = True
    published_at = factory.LazyFunction(_past)


class ServicePageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePage

    title = factory.Sequence(lambda n: f"办事程序{n}")
    slug = factory.Sequence(lambda n: f"procedure-{n}")
    body = "# 所需材料\n- 申请表\n\n1. 受理\n2. 办结"
    is_published = True
    published_at = factory.LazyFunction(_past)


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"新闻{n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    summary = "摘要"
    body = "正文"
    is_published = True
    published_at = factory.LazyFunction(_past)


class CampaignPublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignPublication

    campaign = factory.SubFactory(CampaignFactory)
    introduction = "面向公众的介绍"
    is_published = True
    published_at = factory.LazyFunction(_past)


class ReceptionDisclosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceptionDisclosure

    year = 2026
    is_published = True
    published_at = factory.LazyFunction(_past)


class FeedbackMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackMessage

    subject = factory.Sequence(lambda n: f"意见{n}")
    body = "建议延长窗口服务时间。"
