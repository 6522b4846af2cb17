"""Enqueue Celery tasks so that none is lost when the broker is down (see QueuedTask)."""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import QueuedTask

logger = logging.getLogger(__name__)


def enqueue(task_name: str, *args, **kwargs) -> QueuedTask:
    """Record the task with the current transaction and send it after commit (or later, by the sweep)."""
    row = QueuedTask.objects.create(task_name=task_name, args=list(args), kwargs=kwargs)
    transaction.on_commit(lambda: queued_task_send(pk=row.pk))
    return row


def queued_task_send(*, pk: int) -> bool:
    """Send one queued task now; on a broker failure keep it for the sweep. Returns whether it was sent."""
    from liujiguan.celery import app

    row = QueuedTask.objects.filter(pk=pk, sent_at__isnull=True).first()
    if row is None:
        return False
    if app.conf.task_always_eager:
        # Eager mode (unit tests only): run the task here, as .delay() would; the apps' task modules are imported
        # first, as a worker does at start (autodiscovery is lazy).
        app.loader.import_default_modules()
        app.tasks[row.task_name].apply(args=row.args, kwargs=row.kwargs, throw=True)
        QueuedTask.objects.filter(pk=pk).update(sent_at=timezone.now(), attempts=row.attempts + 1, last_error="")
        return True
    try:
        # A fixed task id makes a repeated send of the same row a duplicate the worker can recognise.
        app.send_task(
            row.task_name, args=row.args, kwargs=row.kwargs, task_id=f"outbox-{row.pk}-{row.attempts}", retry=False
        )
    except Exception as error:  # any broker failure: keep the row, the sweep retries
        logger.warning("broker unavailable, task %s kept for retry: %s", row, error)
        QueuedTask.objects.filter(pk=pk).update(attempts=row.attempts + 1, last_error=str(error)[:300])
        return False
    QueuedTask.objects.filter(pk=pk).update(sent_at=timezone.now(), attempts=row.attempts + 1, last_error="")
    return True


def outbox_sweep(*, older_than_seconds: int = 30, limit: int = 500) -> int:
    """Send tasks left unsent (broker was down); returns how many were sent."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    pending = QueuedTask.objects.filter(sent_at__isnull=True, created__lte=cutoff).values_list("pk", flat=True)
    return sum(queued_task_send(pk=pk) for pk in list(pending[:limit]))
