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
