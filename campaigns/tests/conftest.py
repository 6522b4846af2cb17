"""Fixtures for the campaigns tests: a pillar of the `org` campaign and measures of departments A and B."""

import datetime

import pytest

from liujiguan.tests.factories import PillarFactory

from .factories import MeasureFactory

TODAY = datetime.date(2026, 11, 28)


@pytest.fixture
def pillar(org):
    return PillarFactory(campaign=org.campaign, name="学习型机关", order=1)


@pytest.fixture
def measure_a(org, pillar):
    return MeasureFactory(pillar=pillar, title="A站学习计划", lead_department=org.dept_a)


@pytest.fixture
def measure_b(org, pillar):
    return MeasureFactory(pillar=pillar, title="B队学习计划", lead_department=org.dept_b)
