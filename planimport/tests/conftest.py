"""Fixtures of the plan import tests."""

import pytest

from campaigns.planparse import parse_plan, read_plan_bytes

from .factories import SEED


@pytest.fixture
def seed_bytes():
    return SEED.read_bytes()


@pytest.fixture(params=["hans", "hant"])
def seed_plan(request):
    return parse_plan(read_plan_bytes(SEED.read_bytes(), SEED.name), script=request.param)
