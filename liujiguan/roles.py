"""The role groups and the model permissions that go with them (the admin uses Django's model permissions)."""

from django.contrib.auth.models import Group, Permission

from .permissions import Role

PORTAL_APPS = [
    "leadership",
    "campaigns",
    "planimport",
    "evaluations",
    "reception",
    "notifications",
    "dashboards",
    "registers",
    "disclosure",
]


def role_groups_ensure() -> dict[str, Group]:
    """Create the five role groups and give office staff the admin rights over every portal model."""
    groups = {role.value: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    portal = Permission.objects.filter(content_type__app_label__in=PORTAL_APPS)
    groups[Role.OFFICE].permissions.set(portal)
    view_only = portal.filter(codename__startswith="view_")
    groups[Role.LEADER].permissions.set(view_only)
    groups[Role.VIEWER].permissions.set(view_only)
    return groups


def user_role_set(*, user, role: str) -> None:
    """Give a user exactly one portal role."""
    groups = role_groups_ensure()
    user.groups.remove(*[g for name, g in groups.items() if name != role])
    if role != Role.ADMIN:
        user.groups.add(groups[role])
    user.is_superuser = role == Role.ADMIN
    user.is_staff = role in (Role.ADMIN, Role.OFFICE)
    user.save(update_fields=["is_superuser", "is_staff"])
