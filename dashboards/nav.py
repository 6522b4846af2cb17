"""The dashboards' entries in the main navigation."""

from django.urls import reverse
from django.utils.translation import gettext as _

from liujiguan.permissions import user_role


def nav_items(user) -> list[dict]:
    if user_role(user) is None:
        return []
    return [{"label": _("Dashboard"), "url": reverse("dashboards:home"), "icon": "speedometer2"}]
