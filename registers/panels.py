"""Home-page panels: open public issues and coordination requests for a department; escalations for a leader."""

from django.utils import timezone

from liujiguan.permissions import Role

from . import selectors


def home_panels(*, user, role, person, campaign) -> list[dict]:
    if person is None:
        return []
    if role == Role.DEPARTMENT and person.department_id:
        return [
            {
                "template": "registers/_panel_department.html",
                "issues": list(selectors.department_open_issues(department_id=person.department_id)),
                "requests": list(selectors.department_open_requests(department_id=person.department_id)),
                "today": timezone.localdate(),
            }
        ]
    if role == Role.LEADER:
        escalations = list(selectors.escalations_for_leader(person=person))
        if escalations:
            return [{"template": "registers/_panel_leader.html", "escalations": escalations}]
    return []
