"""Project-wide tasks: a ping that proves a worker is alive and reachable."""

from celery import shared_task
from django.db import connection


@shared_task(name="liujiguan.ping")
def ping(value: str = "pong") -> dict:
    """Answer with the value and whether the worker reached the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        row = cursor.fetchone()
    return {"value": value, "database": row[0] == 1}


@shared_task(name="liujiguan.outbox_sweep")
def outbox_sweep() -> int:
    """Send the tasks that could not reach the broker when they were recorded."""
    from .outbox import outbox_sweep as sweep

    return sweep()
