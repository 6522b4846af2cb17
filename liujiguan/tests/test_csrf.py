"""CSRF is enforced on every unsafe method: a POST without the token is refused on every URL that accepts POST."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from .url_table import ROLES, TABLE
from .world_fixture import *  # noqa: F403 (the module-wide world fixture)

pytestmark = pytest.mark.django_db

ALLOWED = set("YRB")


def _post_role(row):
    """The first role the table lets through a POST (so that a 403 can only come from the CSRF check)."""
    return next((role for role, letter in zip(ROLES, row.post, strict=True) if letter in ALLOWED), None)


POST_URLS = sorted(name for name, row in TABLE.items() if _post_role(row))


def test_the_table_has_post_urls_in_every_app():
    apps = {name.split(":")[0] for name in POST_URLS if ":" in name}
    assert apps >= {"leadership", "campaigns", "planimport", "evaluations", "reception", "notifications", "dashboards"}
    assert apps >= {"registers", "disclosure"} and "login" in POST_URLS


@pytest.mark.parametrize("name", POST_URLS, ids=str)
def test_post_without_csrf_token_is_refused(world, role_clients, name):
    row = TABLE[name]
    role = _post_role(row)
    client = role_clients(role, enforce_csrf_checks=True)
    cache.clear()
    response = client.post(reverse(name, kwargs=row.kwargs(world)), {"note": "x"})
    assert response.status_code == 403, f"{name} as {role}: {response.status_code} without a CSRF token"
    assert b"CSRF" in response.content


def test_post_with_the_token_goes_through(world, role_clients):
    client = role_clients("dept_a", enforce_csrf_checks=True)
    page = client.get(reverse("notifications:notification-list"))
    token = page.cookies["csrftoken"].value
    response = client.post(reverse("notifications:notification-read-all"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
