"""The outbox: a task recorded with a change survives a dead broker and is sent by the sweep later."""

import pytest

from liujiguan.celery import app
from liujiguan.models import QueuedTask
from liujiguan.outbox import enqueue, outbox_sweep


@pytest.mark.django_db(transaction=True)
def test_task_is_kept_when_the_broker_is_down_and_sent_when_it_returns(dead_broker):
    from django.db import transaction

    with transaction.atomic():
        row = enqueue("liujiguan.ping", "kept")
    row.refresh_from_db()
    assert row.sent_at is None and row.attempts == 1 and row.last_error

    assert outbox_sweep(older_than_seconds=0) == 0  # still down: kept again
    row.refresh_from_db()
    assert row.sent_at is None and row.attempts == 2


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_sweep_sends_kept_tasks_to_a_real_worker(celery_worker):
    from celery.result import AsyncResult
    from django.db import transaction

    from conftest import dead_broker_for

    with dead_broker_for(app), transaction.atomic():
        row = enqueue("liujiguan.ping", "after-outage")
    row.refresh_from_db()
    assert row.sent_at is None

    assert outbox_sweep(older_than_seconds=0) == 1
    row.refresh_from_db()
    assert row.sent_at is not None
    result = AsyncResult(f"outbox-{row.pk}-1", app=app)
    assert result.get(timeout=30) == {"value": "after-outage", "database": True}
    assert QueuedTask.objects.filter(sent_at__isnull=True).count() == 0


@pytest.mark.django_db(transaction=True)
def test_nothing_is_sent_when_the_transaction_rolls_back():
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue("liujiguan.ping", "never")
        raise RuntimeError
    assert not QueuedTask.objects.exists()
