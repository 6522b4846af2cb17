"""Reception fixtures: the policy in force."""

import pytest

from .factories import PolicyFactory


@pytest.fixture
def policy(db):
    return PolicyFactory()


@pytest.fixture
def client():
    """These tests read English messages on pages: the test client asks for English unless a test says otherwise."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")
