"""A module-wide test world: built once inside a transaction that is rolled back when the module ends.

Tests that use it are marked `django_db` as usual: each then runs in a savepoint inside the world's transaction.
"""

from types import SimpleNamespace

import pytest
from django.db import transaction

from leadership.models import Membership
from liujiguan.permissions import Role
from liujiguan.tests.factories import (
    PASSWORD,
    CampaignFactory,
    ChargeFactory,
    DepartmentFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)

from .world import world_build

__all__ = ["world", "org_build", "role_clients"]


def org_build():
    """The same organisation as conftest's `org` fixture, for module-scoped use."""
    campaign = CampaignFactory(is_current=True)
    dept_a = DepartmentFactory(name="景区管理站")
    dept_b = DepartmentFactory(name="第一管理队")
    users, people = {}, {}
    for key, role, department in [
        ("admin", Role.ADMIN, None),
        ("office", Role.OFFICE, dept_a),
        ("leader", Role.LEADER, None),
        ("dept_a", Role.DEPARTMENT, dept_a),
        ("dept_b", Role.DEPARTMENT, dept_b),
        ("viewer", Role.VIEWER, dept_b),
    ]:
        users[key] = UserFactory(username=key, role=role)
        people[key] = PersonFactory(name=f"{key}人", department=department, user=users[key])
    dept_a.contact, dept_b.contact = people["dept_a"], people["dept_b"]
    dept_a.save()
    dept_b.save()
    MembershipFactory(campaign=campaign, person=people["leader"], role=Membership.Role.DEPUTY)
    ChargeFactory(campaign=campaign, person=people["leader"], department=dept_a)
    return SimpleNamespace(
        campaign=campaign, dept_a=dept_a, dept_b=dept_b, users=users, people=people, password=PASSWORD
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield world_build(org_build())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def role_clients(world, django_db_blocker):
    """One logged-in test client per role (and an anonymous one), logged in once for the module.

    `role_clients(role)` returns the client with its session cookie put back, so that a logout or a session flush
    in an earlier request (rolled back in the database) does not carry over.
    """
    from django.conf import settings
    from django.test import Client

    sessions = {}
    with django_db_blocker.unblock():
        for key, user in world.org.users.items():
            client = Client()
            client.force_login(user)
            sessions[key] = client.cookies[settings.SESSION_COOKIE_NAME].value

    def client_for(role, **client_kwargs):
        client = Client(**client_kwargs)
        if role != "anon":
            client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
        return client

    return client_for
