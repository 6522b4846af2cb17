"""Home-page panels: the campaign at a glance (leaders, office, viewers) or my department's measures (contacts)."""

from django.db.models import Count, DecimalField, F, Q, Sum
from django.utils import timezone

from campaigns.models import Measure
from campaigns.selectors import measure_light_annotation
from liujiguan.permissions import Role


def _glance(measures, today) -> dict:
    """Weighted progress and counts by light in one aggregate query."""
    active = ~Q(status=Measure.Status.CANCELLED)
    row = (
        measures.annotate(light=measure_light_annotation(today))
        .order_by()
        .aggregate(
            weighted=Sum(F("weight") * F("progress"), filter=active, output_field=DecimalField()),
            weights=Sum("weight", filter=active, output_field=DecimalField()),
            total=Count("pk", filter=active),
            red=Count("pk", filter=Q(light="red")),
            yellow=Count("pk", filter=Q(light="yellow")),
            blue=Count("pk", filter=Q(light="blue")),
            to_acknowledge=Count("pk", filter=Q(status=Measure.Status.ISSUED)),
        )
    )
    row["progress"] = row["weighted"] / row["weights"] if row["weights"] else None
    return row


def home_panels(*, user, role, person, campaign) -> list[dict]:
    if campaign is None or role is None:
        return []
    today = timezone.localdate()
    measures = Measure.objects.filter(pillar__campaign=campaign)
    if role == Role.DEPARTMENT:
        if person is None or person.department_id is None:
            return []
        figures = _glance(measures.filter(lead_department_id=person.department_id), today)
        return [{"template": "dashboards/panel_department.html", "campaign": campaign, **figures}]
    return [{"template": "dashboards/panel_leader.html", "campaign": campaign, **_glance(measures, today)}]
