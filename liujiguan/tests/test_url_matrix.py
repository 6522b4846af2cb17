"""The permission matrix: every URL pattern × every role × GET and POST, against the one table in url_table.py."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from .url_table import ROLES, STATUS, TABLE
from .urlwalk import portal_routes
from .world_fixture import *  # noqa: F403 (the module-wide world fixture)

pytestmark = pytest.mark.django_db

ROUTES = portal_routes()


class _Rollback(Exception):
    pass


def outcome(response) -> str:
    """The table's letter for a response."""
    if response.status_code in (301, 302, 303) and response["Location"].startswith("/accounts/login/"):
        return "L"
    for letter, codes in STATUS.items():
        if response.status_code in codes:
            return letter
    return str(response.status_code)


def statuses(world, role_clients, name: str, method: str) -> str:
    """One letter per role for this URL and method; every request runs in a savepoint that is rolled back."""
    url = reverse(name, kwargs=TABLE[name].kwargs(world))
    letters = []
    for role in ROLES:
        client = role_clients(role)
        cache.clear()  # rate limits (feedback, login throttling) must not carry from one role to the next
        try:
            with transaction.atomic():
                letters.append(outcome(getattr(client, method)(url)))
                raise _Rollback
        except _Rollback:
            pass
    return "".join(letters)


def test_every_url_pattern_is_in_the_table():
    names = {route.name for route in ROUTES}
    missing = sorted(names - TABLE.keys())
    assert not missing, f"URL patterns without a row in liujiguan/tests/url_table.py: {missing}"
    stale = sorted(TABLE.keys() - names)
    assert not stale, f"rows in url_table.py for URLs that no longer exist: {stale}"


def test_the_walk_reaches_every_app():
    prefixes = {route.name.split(":")[0] for route in ROUTES if ":" in route.name}
    assert prefixes >= {
        "leadership", "campaigns", "planimport", "evaluations", "reception",
        "notifications", "dashboards", "registers", "disclosure",
    }  # fmt: skip


@pytest.mark.parametrize("name", sorted(TABLE), ids=str)
def test_url_matrix(world, role_clients, name):
    expected = TABLE[name]
    got_get = statuses(world, role_clients, name, "get")
    got_post = statuses(world, role_clients, name, "post")
    legend = "/".join(ROLES)
    assert (got_get, got_post) == (expected.get, expected.post), (
        f"{name} ({legend}): GET {got_get} (table {expected.get}), POST {got_post} (table {expected.post})"
    )
