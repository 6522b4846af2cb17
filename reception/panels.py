"""Home-page panels: a department's spend against its cap, a leader's approvals, the office's queue."""

from django.utils import timezone

from liujiguan.permissions import Role

from . import selectors

PANEL_ROWS = 5


def home_panels(*, user, role, person, campaign) -> list[dict]:
    year = timezone.localdate().year
    if role == Role.DEPARTMENT:
        if person is None or person.department_id is None:
            return []
        usage = selectors.spend_against_caps(year=year, department=person.department_id)
        mine = [row for row in usage if not row.is_bureau]
        recent = list(selectors.record_list(user=user).filter(start_date__year=year)[:PANEL_ROWS])
        return [
            {
                "template": "reception/panels/department.html",
                "year": year,
                "usage": mine[0] if mine else None,
                "recent": recent,
            }
        ]
    if role == Role.LEADER:
        items = selectors.approvals_waiting(user=user)
        return [
            {
                "template": "reception/panels/leader.html",
                "requests": list(items["requests"][:PANEL_ROWS]),
                "records": list(items["records"][:PANEL_ROWS]),
                "request_count": items["requests"].count(),
                "record_count": items["records"].count(),
            }
        ]
    if role in (Role.OFFICE, Role.ADMIN):
        items = selectors.queue(user=user)
        over = [row for row in selectors.spend_against_caps(year=year) if row.level in ("warning", "alert", "over")]
        return [
            {
                "template": "reception/panels/office.html",
                "records": list(items["records"][:PANEL_ROWS]),
                "record_count": items["records"].count(),
                "request_count": items["requests"].count(),
                "caps": over,
                "year": year,
            }
        ]
    return []
