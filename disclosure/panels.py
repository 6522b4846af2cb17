"""Home panels: unread public feedback and commitments due, for the office; a department's own commitments due."""

from liujiguan.permissions import Action, can

from . import selectors


def home_panels(*, user, role, person, campaign) -> list[dict]:
    if not can(user, Action.REPORT):
        return []
    due = list(selectors.commitments_due(user=user)[:8])
    manage = can(user, Action.MANAGE)
    if not due and not manage:
        return []
    return [
        {
            "template": "disclosure/panels/home.html",
            "due": due,
            "unread": selectors.feedback_unread_count() if manage else None,
            "manage": manage,
        }
    ]
