"""Fixes proposed for code outside bench/, applied only inside a benchmark run to measure their effect.

Each is written exactly as it should replace the original; docs/scale.md and the report name the file and function.
"""

from django.db.models import Avg, Count, DecimalField, F, IntegerField, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce


def indicator_list(*, campaign, pillar=None):
    """campaigns/selectors.py: indicator_list without the join on readings and its GROUP BY.

    The original counts readings with Count("readings"), which groups every row by the correlated subqueries of the
    latest value, and the status CASE repeats those subqueries seven times: PostgreSQL then runs them once per
    reading (thousands of times). Here each subquery is uncorrelated to a join, ordered by nothing, and the count
    is a subquery of its own, so each runs once per indicator.
    """
    from campaigns.models import Indicator, IndicatorReading
    from campaigns.selectors import indicator_status_expression

    readings = IndicatorReading.objects.filter(indicator=OuterRef("pk")).order_by()
    latest_period = Subquery(readings.values("indicator").annotate(m=Max("period_start")).values("m")[:1])
    in_latest = readings.filter(period_start=OuterRef("latest_period"))
    whole = Subquery(in_latest.filter(department__isnull=True).values("value")[:1])
    average = Subquery(
        in_latest.filter(department__isnull=False).values("indicator").annotate(a=Avg("value")).values("a")[:1]
    )
    count = Subquery(readings.values("indicator").annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField())
    qs = Indicator.objects.filter(pillar__campaign=campaign).select_related("pillar")
    if pillar is not None:
        qs = qs.filter(pillar=pillar)
    return (
        qs.annotate(latest_period=latest_period)
        .annotate(
            latest_value=Coalesce(whole, average, output_field=DecimalField(max_digits=14, decimal_places=2)),
            reading_count=Coalesce(count, 0),
        )
        .annotate(status=indicator_status_expression("latest_value", F("target"), "direction"))
    )


def apply() -> list[str]:
    """Patch the proposed fixes in (this process only); returns what was patched."""
    import campaigns.selectors
    import dashboards.selectors

    campaigns.selectors.indicator_list = indicator_list
    dashboards.selectors.indicator_list = indicator_list
    return ["campaigns.selectors.indicator_list"]
