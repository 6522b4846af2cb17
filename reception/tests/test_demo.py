"""The reception demo: a lived-in year, a few findings, one department near its cap, and idempotent."""

from io import StringIO

import pytest
from django.db import transaction
from django.utils import timezone

from reception import selectors
from reception.models import Budget, Finding, Justification, Meal, ReceptionRecord, ReceptionRequest


def _load(context):
    from reception import demo

    with transaction.atomic():
        demo.load(context=context)


@pytest.fixture
def demo(db):
    """The organisation demo, then this app's demo (the whole loaddemo is tested by the lead's suite)."""
    from leadership import demo as leadership_demo

    context = {"password": "demo", "stdout": StringIO()}
    leadership_demo.load(context=context)
    _load(context)
    return context


def _snapshot():
    return (
        list(
            ReceptionRecord.objects.order_by("pk").values_list(
                "host_department_id", "visiting_unit", "start_date", "total_cost", "finding_count", "status", "over_cap"
            )
        ),
        ReceptionRequest.objects.count(),
        Meal.objects.count(),
        Finding.objects.count(),
        Justification.objects.count(),
        list(Budget.objects.order_by("pk").values_list("department_id", "amount")),
    )


def test_demo_is_lived_in_and_idempotent(demo):
    before = _snapshot()
    _load(demo)
    assert _snapshot() == before
    year = timezone.localdate().year
    records = ReceptionRecord.objects.filter(start_date__year=year)
    assert records.count() >= 40
    assert records.values("host_department").distinct().count() >= 10
    with_findings = records.filter(finding_count__gt=0)
    assert 3 <= with_findings.count() <= 10
    assert with_findings.filter(status=ReceptionRecord.Status.SIGNED_OFF).count() == Justification.objects.count()
    levels = {row.department_name: row.level for row in selectors.spend_against_caps(year=year)}
    assert levels["招商服务中心"] == "warning"
    assert ReceptionRequest.objects.filter(status=ReceptionRequest.Status.SUBMITTED).count() >= 2
