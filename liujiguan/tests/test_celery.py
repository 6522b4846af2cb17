"""A real task through Redis to a real worker, and its result read back."""

import pytest

from liujiguan.tasks import ping


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_task_runs_in_a_real_worker_through_redis(celery_worker, settings):
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    result = ping.delay("六型机关")
    assert result.get(timeout=30) == {"value": "六型机关", "database": True}
