"""Periodic tasks of the project itself, stored in django-celery-beat so that they are editable in the admin.

The dashboards app adds its own daily sweep (reminders, escalation, digests, cap warnings, the monthly report).
Existing rows are never overwritten, so an administrator's changes in the admin stay.
"""

from django.conf import settings
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask


def _crontab(**fields):
    return CrontabSchedule.objects.get_or_create(timezone=settings.TIME_ZONE, **fields)[0]


def schedules_ensure() -> None:
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.MINUTES)
    every_15_minutes, _ = IntervalSchedule.objects.get_or_create(every=15, period=IntervalSchedule.MINUTES)
    wanted = [
        (
            "Outbox sweep (send tasks kept while the broker was down)",
            "liujiguan.outbox_sweep",
            {"interval": every_minute},
        ),
        (
            "Fail reports whose worker stopped (they can be retried)",
            "dashboards.tasks.report_runs_expire",
            {"interval": IntervalSchedule.objects.get_or_create(every=5, period=IntervalSchedule.MINUTES)[0]},
        ),
        (
            "Close evaluation rounds whose time is up",
            "evaluations.tasks.rounds_close_due",
            {"interval": every_15_minutes},
        ),
        (
            "Recompute register indicators",
            "registers.tasks.recompute_indicators",
            {"crontab": _crontab(minute="30", hour="2", day_of_week="*", day_of_month="*", month_of_year="*")},
        ),
        (
            "Escalate unanswered coordination requests",
            "registers.tasks.escalate_coordination",
            {"crontab": _crontab(minute="0", hour="8", day_of_week="*", day_of_month="*", month_of_year="*")},
        ),
    ]
    for name, task, schedule in wanted:
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, **schedule})
