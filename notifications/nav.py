"""The notification centre's entry in the main navigation, with the unread count (one indexed COUNT)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import unread_count


def nav_items(user) -> list[dict]:
    if not getattr(user, "is_authenticated", False):
        return []
    count = unread_count(user=user)
    label = _("Notifications (%(count)d)") % {"count": count} if count else _("Notifications")
    return [{"label": label, "url": reverse("notifications:notification-list"), "icon": "bell", "badge": count}]
