"""Who may do what: the portal's one permission rule, used by views, tasks, reports and the admin alike.

A user's role comes from their Django group (administrators are superusers). An object takes part in the
object-level rule by exposing `owner_department_id` (the department whose record it is, or None for shared
records such as the plan itself) and, for leaders' approvals, `department_in_charge_ids` is looked up through
the leadership app.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    OFFICE = "office", _("Office staff")
    LEADER = "leader", _("Leader")
    DEPARTMENT = "department", _("Department contact")
    VIEWER = "viewer", _("Read-only viewer")


class Action(models.TextChoices):
    VIEW = "view", _("view")
    REPORT = "report", _("report on own department's records")
    MANAGE = "manage", _("create and edit plans and structure")
    APPROVE = "approve", _("approve, sign off, override")
    ADMINISTER = "administer", _("administer users and settings")


# Scope of a grant: ANY object, OWN department's objects only, or objects of departments the leader is IN_CHARGE of.
ANY, OWN, IN_CHARGE = "any", "own", "in_charge"

RULES: dict[str, dict[str, str]] = {
    Action.VIEW: {Role.ADMIN: ANY, Role.OFFICE: ANY, Role.LEADER: ANY, Role.VIEWER: ANY, Role.DEPARTMENT: OWN},
    Action.REPORT: {Role.ADMIN: ANY, Role.OFFICE: ANY, Role.DEPARTMENT: OWN},
    Action.MANAGE: {Role.ADMIN: ANY, Role.OFFICE: ANY},
    Action.APPROVE: {Role.ADMIN: ANY, Role.LEADER: IN_CHARGE},
    Action.ADMINISTER: {Role.ADMIN: ANY},
}

ROLE_PRECEDENCE = [Role.ADMIN, Role.OFFICE, Role.LEADER, Role.DEPARTMENT, Role.VIEWER]


def user_role(user) -> Role | None:
    """The strongest role the user holds, or None for anonymous users and users without a role."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    cached = getattr(user, "_portal_role", "unset")
    if cached != "unset":
        return cached
    names = set(user.groups.values_list("name", flat=True))
    role = next((r for r in ROLE_PRECEDENCE if r.value in names), None)
    user._portal_role = role
    return role


def user_person(user):
    """The leadership Person linked to this login, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_portal_person", "unset")
    if cached == "unset":
        from leadership.models import Person

        cached = Person.objects.filter(user=user).select_related("department").first()
        user._portal_person = cached
    return cached


def user_department_id(user) -> int | None:
    person = user_person(user)
    return person.department_id if person else None


def leader_department_ids(user) -> set[int]:
    """Departments the leader is in charge of now (the group leader is in charge of all)."""
    cached = getattr(user, "_portal_in_charge", None)
    if cached is None:
        from leadership.selectors import departments_in_charge_ids

        person = user_person(user)
        cached = departments_in_charge_ids(person=person) if person else set()
        user._portal_in_charge = cached
    return cached


def in_charge_filter(user, field: str = "department_id") -> Q:
    """Rows whose `field` is a department the leader is in charge of. For the group leader (every department) no
    condition at all: an IN list of hundreds of ids costs more to build into SQL than the query it narrows."""
    from leadership.selectors import EveryDepartment

    ids = leader_department_ids(user)
    return Q() if isinstance(ids, EveryDepartment) else Q(**{f"{field}__in": ids})


def _scope_allows(scope: str, user, department_id: int | None) -> bool:
    if scope == ANY:
        return True
    if scope == OWN:
        # Shared records (no owning department) are readable by every department but not theirs to change.
        return department_id is not None and department_id == user_department_id(user)
    if scope == IN_CHARGE:
        return department_id is not None and department_id in leader_department_ids(user)
    return False


def can(user, action: str, obj=None) -> bool:
    """May `user` perform `action` on `obj` (or on the kind of object, when obj is None)?"""
    role = user_role(user)
    if role is None:
        return False
    scope = RULES.get(action, {}).get(role)
    if scope is None:
        return False
    if obj is None:
        return True
    department_id = getattr(obj, "owner_department_id", None)
    if action == Action.VIEW and role == Role.DEPARTMENT and department_id is None:
        return True
    return _scope_allows(scope, user, department_id)


def require(user, action: str, obj=None) -> None:
    """Raise PermissionDenied unless `can(user, action, obj)`."""
    if not can(user, action, obj):
        raise PermissionDenied


def visible_department_ids(user) -> set[int] | None:
    """Departments whose records the user may list: None means all, an empty set means none."""
    role = user_role(user)
    if role in (Role.ADMIN, Role.OFFICE, Role.LEADER, Role.VIEWER):
        return None
    department_id = user_department_id(user)
    return {department_id} if department_id else set()


class PortalPermissionMixin(LoginRequiredMixin):
    """Class-based views declare `permission_action`; object views check it against `get_object()`."""

    permission_action: str = Action.VIEW

    def get_permission_object(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        require(request.user, self.permission_action, None)
        return super().dispatch(request, *args, **kwargs)


class ObjectPermissionMixin(PortalPermissionMixin):
    """For DetailView/UpdateView: the object itself must pass the rule."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        require(self.request.user, self.permission_action, obj)
        return obj
