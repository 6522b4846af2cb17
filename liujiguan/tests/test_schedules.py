"""The beat schedule holds every periodic task the portal relies on, each pointing at a registered task."""

import pytest
from django_celery_beat.models import PeriodicTask

from liujiguan.celery import app


@pytest.mark.django_db
def test_every_scheduled_task_exists():
    app.loader.import_default_modules()
    scheduled = set(PeriodicTask.objects.values_list("task", flat=True))
    assert {
        "liujiguan.outbox_sweep",
        "evaluations.tasks.rounds_close_due",
        "registers.tasks.recompute_indicators",
        "registers.tasks.escalate_coordination",
        "dashboards.tasks.sweep",
        "dashboards.tasks.report_runs_expire",
    } <= scheduled
    assert scheduled <= set(app.tasks), scheduled - set(app.tasks)
