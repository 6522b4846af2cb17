"""Reads of the notification centre, always limited to the user's own messages."""

from .models import Notification


def notification_list(*, user, unread_only: bool = False):
    qs = Notification.objects.filter(recipient=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created", "-pk")


def unread_count(*, user) -> int:
    """One cheap indexed COUNT, cached on the user object for the rest of the request."""
    cached = getattr(user, "_unread_notifications", None)
    if cached is None:
        cached = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        user._unread_notifications = cached
    return cached
