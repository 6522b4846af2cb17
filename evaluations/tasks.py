"""Scheduled work of the evaluations app (thin: each task calls a service)."""

from celery import shared_task

from . import services


@shared_task
def rounds_close_due():
    """Close open rounds whose closing time has passed; returns how many were closed."""
    return services.rounds_close_due()
