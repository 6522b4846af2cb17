"""Home-page panels: a department's measures needing attention; the office's queue of assignment and verification."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from liujiguan.permissions import Role, in_charge_filter

from . import conf, selectors
from .models import Measure

LIMIT = 10


def home_panels(*, user, role, person, campaign) -> list[dict]:
    if campaign is None or role is None:
        return []
    today = timezone.localdate()
    soon = today + timedelta(days=conf.due_soon_days())
    measures = selectors.measure_list(user=user, campaign=campaign, today=today).order_by("due", "pk")
    attention = Q(status__in=Measure.OPEN_STATUSES) & (
        Q(status=Measure.Status.ISSUED) | Q(due__lte=soon) | Q(status=Measure.Status.RETURNED)
    )
    if role == Role.DEPARTMENT:
        if person is None or person.department_id is None:
            return []
        rows = list(measures.filter(attention)[:LIMIT])
        return [
            {
                "template": "campaigns/panels/measures.html",
                "panel_id": "panel-my-measures",
                "title": _("My department's measures needing attention"),
                "measures": rows,
                "empty": _("Nothing due soon, overdue or waiting for acknowledgement."),
            }
        ]
    if role in (Role.OFFICE, Role.ADMIN):
        return [
            {
                "template": "campaigns/panels/measures.html",
                "panel_id": "panel-awaiting-assignment",
                "title": _("Measures awaiting assignment"),
                "measures": list(measures.filter(lead_department__isnull=True)[:LIMIT]),
                "empty": _("Every measure has a lead department."),
            },
            {
                "template": "campaigns/panels/measures.html",
                "panel_id": "panel-awaiting-verification",
                "title": _("Reported done, awaiting verification"),
                "measures": list(measures.filter(status=Measure.Status.REPORTED)[:LIMIT]),
                "empty": _("Nothing to verify."),
            },
            {
                "template": "campaigns/panels/measures.html",
                "panel_id": "panel-overdue",
                "title": _("Overdue measures"),
                "measures": list(measures.filter(is_overdue=True)[:LIMIT]),
                "empty": _("No measure is overdue."),
            },
        ]
    if role == Role.LEADER:
        measures = measures.filter(in_charge_filter(user, "lead_department_id"))
        return [
            {
                "template": "campaigns/panels/measures.html",
                "panel_id": "panel-leader-measures",
                "title": _("Measures of my departments needing attention"),
                "measures": list(measures.filter(attention)[:LIMIT]),
                "empty": _("Nothing overdue or due soon in your departments."),
            }
        ]
    return []
