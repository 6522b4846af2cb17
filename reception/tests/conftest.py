"""Reception fixtures: the policy in force."""

import pytest

from .factories import PolicyFactory


@pytest.fixture
def policy(db):
    return PolicyFactory()
