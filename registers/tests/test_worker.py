"""The real Celery worker on Redis recomputes indicators after a record is committed and runs the escalation."""

import datetime
import time

import pytest
from django.utils import timezone

from campaigns.models import Indicator, IndicatorReading, Pillar
from liujiguan.tests.factories import PillarFactory
from registers import services, tasks
from registers.models import Escalation

from .factories import CoordinationRequestFactory, TripFactory, VehicleFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_saving_a_trip_recomputes_the_flagged_trips_indicator_in_the_worker(org, celery_worker):
    pillar = PillarFactory(campaign=org.campaign, type=Pillar.Type.INTEGRITY, name="廉政型机关")
    indicator = Indicator.objects.create(
        pillar=pillar, name="违规用车", unit="次", target=0, direction="lower", source="registers.flagged_trips"
    )
    today = timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time(23, 0)))
    services.record_save(
        instance=TripFactory.build(
            vehicle=VehicleFactory(department=org.dept_a), start=start, driver=org.people["dept_a"]
        )
    )
    reading = IndicatorReading.objects.filter(
        indicator=indicator, department=org.dept_a, period_start=today.replace(day=1), is_automatic=True
    )
    assert _wait_for(reading.exists), "the worker did not store the reading"
    assert reading.get().value == 1


def test_scheduled_tasks_run_in_the_worker(org, celery_worker):
    request = services.coordination_create(
        request=CoordinationRequestFactory.build(department=org.dept_b, deadline=datetime.date(2026, 1, 5)),
        departments=[org.dept_a],
    )
    assert tasks.escalate_coordination.delay().get(timeout=60) == 1
    assert Escalation.objects.get().target.request == request
    assert tasks.recompute_indicators.delay().get(timeout=60) >= 0
