"""Home-page panels: ballots waiting for the user's vote (every role), latest published results (leaders, office)."""

from liujiguan.permissions import Role

from . import selectors


def home_panels(*, user, role, person, campaign) -> list[dict]:
    panels = []
    ballots = list(selectors.open_ballots(user=user)[:10])
    if ballots:
        panels.append({"template": "evaluations/panels/my_ballots.html", "ballots": ballots})
    if campaign is not None and role in (Role.LEADER, Role.OFFICE, Role.ADMIN):
        panels.append(
            {
                "template": "evaluations/panels/latest_results.html",
                "results": selectors.latest_results(campaign=campaign),
            }
        )
    return panels
