"""The reception entry in the main navigation."""

from django.urls import reverse
from django.utils.translation import gettext as _

from liujiguan.permissions import Action, can


def nav_items(user) -> list[dict]:
    if not can(user, Action.VIEW):
        return []
    return [{"label": _("Reception"), "url": reverse("reception:home"), "icon": "cup-hot"}]
