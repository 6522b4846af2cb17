"""The permission rule as a matrix: every role × every action × own, other and shared records."""

import pytest
from django.contrib.auth.models import AnonymousUser

from liujiguan.permissions import Action, can, visible_department_ids

# For each role: the actions allowed on (own department's record, other department's record, shared record).
# "Own" for the leader means a department they are in charge of.
T, F = True, False
EXPECTED = {
    "admin": {
        Action.VIEW: (T, T, T),
        Action.REPORT: (T, T, T),
        Action.MANAGE: (T, T, T),
        Action.APPROVE: (T, T, T),
        Action.ADMINISTER: (T, T, T),
    },
    "office": {
        Action.VIEW: (T, T, T),
        Action.REPORT: (T, T, T),
        Action.MANAGE: (T, T, T),
        Action.APPROVE: (F, F, F),
        Action.ADMINISTER: (F, F, F),
    },
    "leader": {
        Action.VIEW: (T, T, T),
        Action.REPORT: (F, F, F),
        Action.MANAGE: (F, F, F),
        Action.APPROVE: (T, F, F),
        Action.ADMINISTER: (F, F, F),
    },
    "dept_a": {
        Action.VIEW: (T, F, T),
        Action.REPORT: (T, F, F),
        Action.MANAGE: (F, F, F),
        Action.APPROVE: (F, F, F),
        Action.ADMINISTER: (F, F, F),
    },
    "viewer": {
        Action.VIEW: (T, T, T),
        Action.REPORT: (F, F, F),
        Action.MANAGE: (F, F, F),
        Action.APPROVE: (F, F, F),
        Action.ADMINISTER: (F, F, F),
    },
}


class Record:
    def __init__(self, department_id):
        self.owner_department_id = department_id


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("action", list(Action))
def test_permission_matrix(org, role, action):
    user = org.users[role]
    own, other, shared = Record(org.dept_a.pk), Record(org.dept_b.pk), Record(None)
    assert (can(user, action, own), can(user, action, other), can(user, action, shared)) == EXPECTED[role][action]


@pytest.mark.parametrize("action", list(Action))
def test_anonymous_may_do_nothing(org, action):
    assert not can(AnonymousUser(), action, Record(org.dept_a.pk))
    assert not can(AnonymousUser(), action)


def test_inactive_user_loses_every_right(org):
    user = org.users["office"]
    user.is_active = False
    user.save()
    assert not can(user, Action.VIEW)


def test_user_without_role_may_do_nothing(org):
    from liujiguan.tests.factories import UserFactory

    assert not can(UserFactory(username="norole"), Action.VIEW)


def test_group_leader_is_in_charge_of_every_department(org):
    from leadership.models import Membership
    from liujiguan.permissions import Role
    from liujiguan.tests.factories import MembershipFactory, PersonFactory, UserFactory

    user = UserFactory(username="zuzhang", role=Role.LEADER)
    person = PersonFactory(user=user)
    MembershipFactory(campaign=org.campaign, person=person, role=Membership.Role.LEADER)
    assert can(user, Action.APPROVE, Record(org.dept_a.pk))
    assert can(user, Action.APPROVE, Record(org.dept_b.pk))


def test_visible_departments(org):
    assert visible_department_ids(org.users["office"]) is None
    assert visible_department_ids(org.users["leader"]) is None
    assert visible_department_ids(org.users["dept_a"]) == {org.dept_a.pk}
