"""Factories for the dashboards tests: report runs (measures come from the campaigns factories)."""

import factory

from dashboards.models import ReportRun
from liujiguan.tests.factories import CampaignFactory


class ReportRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportRun

    campaign = factory.SubFactory(CampaignFactory)
    status = ReportRun.Status.QUEUED
