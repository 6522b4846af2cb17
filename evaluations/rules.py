"""Who may see which results of a round: pure checks on role, round status and department, no database."""

from liujiguan.permissions import Role

from .models import Round

# Roles that see the whole ranking of a round, by the round's status.
RANKING_STATUSES = {
    Role.ADMIN: {Round.Status.CLOSED, Round.Status.PUBLISHED},
    Role.OFFICE: {Round.Status.CLOSED, Round.Status.PUBLISHED},
    Role.LEADER: {Round.Status.CLOSED, Round.Status.PUBLISHED},
    Role.VIEWER: {Round.Status.PUBLISHED},
}


def ranking_visible(*, role, status) -> bool:
    """Office and leaders read results once voting has closed; viewers once they are published."""
    return status in RANKING_STATUSES.get(role, set())


def department_result_visible(*, role, status, department_id, own_department_id) -> bool:
    """A department contact reads only their own department's published result."""
    if ranking_visible(role=role, status=status):
        return True
    return (
        role == Role.DEPARTMENT
        and status == Round.Status.PUBLISHED
        and own_department_id is not None
        and department_id == own_department_id
    )


def round_listed(*, role, status) -> bool:
    if role in (Role.ADMIN, Role.OFFICE):
        return True
    if role == Role.DEPARTMENT:
        return status == Round.Status.PUBLISHED
    return ranking_visible(role=role, status=status)
