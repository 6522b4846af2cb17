"""Fixtures of the evaluations tests: an open round over the `org` fixture's two departments."""

from decimal import Decimal

import pytest

from ..models import Criterion, Round
from .factories import CriterionFactory, RaterGroupFactory, RoundFactory


@pytest.fixture
def open_round(org):
    """An open four-good round rating departments A and B on two score criteria, with staff and outside groups."""
    round = RoundFactory(campaign=org.campaign, departments=[org.dept_a, org.dept_b], kind=Round.Kind.FOUR_GOOD)
    CriterionFactory(round=round, name="学习好", weight=Decimal("50"), order=1)
    CriterionFactory(round=round, name="服务好", weight=Decimal("50"), order=2)
    round.staff = RaterGroupFactory(round=round, name="机关干部职工", weight=Decimal("60"), ballots_issued=0)
    round.outside = RaterGroupFactory(round=round, name="群众代表", weight=Decimal("40"), ballots_issued=0)
    return round


@pytest.fixture
def choice_round(org):
    round = RoundFactory(campaign=org.campaign, departments=[org.dept_a, org.dept_b], kind=Round.Kind.SATISFACTION)
    CriterionFactory(round=round, name="总体评价", scale=Criterion.Scale.CHOICE)
    round.outside = RaterGroupFactory(round=round, name="企业代表", ballots_issued=0)
    return round


def answers_for(round, value, *, departments=None):
    """Answers {(department_id, criterion_id): value} giving every item the same value."""
    departments = departments if departments is not None else list(round.departments.all())
    return {(d.pk, c.pk): value for d in departments for c in round.criteria.all()}


@pytest.fixture
def client():
    """These tests read English messages on pages: the test client asks for English unless a test says otherwise."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")
