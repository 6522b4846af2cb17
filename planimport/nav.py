"""Main navigation entry of the plan import, for those who may manage plans."""

from django.urls import reverse
from django.utils.translation import gettext as _

from liujiguan.permissions import Action, can


def nav_items(user) -> list[dict]:
    if not can(user, Action.MANAGE):
        return []
    return [{"label": _("Import a plan"), "url": reverse("planimport:import-list"), "icon": "file-earmark-arrow-up"}]
