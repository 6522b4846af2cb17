"""Who may see which dashboard and report, on top of the portal's one permission rule."""

from liujiguan.permissions import Action, Role, can, user_role, visible_department_ids


def sees_whole_campaign(user) -> bool:
    """Leaders, office, administrators and viewers see every department's figures; contacts see their own."""
    return user_role(user) is not None and visible_department_ids(user) is None


def can_view_department(user, department) -> bool:
    return can(user, Action.VIEW, department)


def can_view_run(user, run) -> bool:
    """A campaign-wide report shows every department: only for those who see the whole campaign."""
    if run.department_id is None:
        return sees_whole_campaign(user)
    return can(user, Action.VIEW, run)


def can_export(user) -> bool:
    """The office and leaders (and administrators) export the figures to xlsx."""
    return user_role(user) in (Role.ADMIN, Role.OFFICE, Role.LEADER)
