"""Periodic tasks of the project itself, stored in django-celery-beat so that they are editable in the admin."""

from django_celery_beat.models import IntervalSchedule, PeriodicTask


def schedules_ensure() -> None:
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.MINUTES)
    PeriodicTask.objects.get_or_create(
        name="Outbox sweep (send tasks kept while the broker was down)",
        defaults={"task": "liujiguan.outbox_sweep", "interval": every_minute},
    )
