"""Home panel: imports still in review, for office staff and administrators."""

from liujiguan.permissions import Action, can

from .models import PlanImport

PANEL_LIMIT = 5


def home_panels(*, user, role, person, campaign) -> list[dict]:
    if not can(user, Action.MANAGE):
        return []
    drafts = list(
        PlanImport.objects.filter(status=PlanImport.Status.DRAFT)
        .select_related("uploaded_by")
        .only("pk", "file_name", "parsed", "created", "uploaded_by__username")
        .order_by("-created")[:PANEL_LIMIT]
    )
    return [{"template": "planimport/_home_panel.html", "drafts": drafts}]
