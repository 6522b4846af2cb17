"""The plans app's entries in the main navigation (the "Plans" link itself is in base navigation)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from liujiguan.permissions import Action, can


def nav_items(user) -> list[dict]:
    if not can(user, Action.VIEW):
        return []
    return [{"label": _("Measures"), "url": reverse("campaigns:measure-list"), "icon": "list-check"}]
