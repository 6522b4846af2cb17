"""Values every page needs: the user's role, department and the navigation that fits it."""

from django.conf import settings

from . import registry
from .permissions import Action, Role, can, user_person, user_role


def portal(request):
    user = getattr(request, "user", None)
    role = user_role(user) if user is not None else None
    return {
        "portal_name": settings.PORTAL_NAME,
        "portal_role": role,
        "portal_role_label": Role(role).label if role else "",
        "portal_person": user_person(user) if role else None,
        "can_manage": bool(role) and can(user, Action.MANAGE),
        "can_approve": bool(role) and can(user, Action.APPROVE),
        "can_administer": bool(role) and can(user, Action.ADMINISTER),
        "nav_menu": registry.nav_menu(user) if role else {},
    }
