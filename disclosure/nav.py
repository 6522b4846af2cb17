"""Main navigation: the public site for every logged-in user, the publishing pages for those who report or manage."""

from django.urls import reverse
from django.utils.translation import gettext as _

from liujiguan.permissions import Action, can


def nav_items(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    items = []
    if can(user, Action.MANAGE):
        items.append({"label": _("Publishing"), "url": reverse("disclosure:manage-home"), "icon": "megaphone"})
    elif can(user, Action.REPORT):
        items.append(
            {"label": _("Commitments"), "url": reverse("disclosure:manage-commitment-list"), "icon": "megaphone"}
        )
    items.append({"label": _("Public site"), "url": reverse("disclosure:home"), "icon": "globe2"})
    return items
