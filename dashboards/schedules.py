"""The one daily sweep in django-celery-beat: created when missing, afterwards edited (or disabled) in the admin."""

from django.conf import settings

SWEEP_TASK = "dashboards.tasks.sweep"
SWEEP_NAME = "Dashboards: daily sweep (reminders, escalation, digest, cap warnings, monthly report)"


def sweep_schedule_ensure(*, CrontabSchedule=None, PeriodicTask=None):
    """Get or create the sweep's PeriodicTask (looked up by task, so a changed time or name in the admin stays)."""
    if CrontabSchedule is None or PeriodicTask is None:
        from django_celery_beat.models import CrontabSchedule, PeriodicTask
    if PeriodicTask.objects.filter(task=SWEEP_TASK).exists():
        return
    crontab = dict(getattr(settings, "DASHBOARDS_SWEEP_CRONTAB", {"minute": "0", "hour": "7"}))
    schedule, _ = CrontabSchedule.objects.get_or_create(
        minute=crontab.get("minute", "0"),
        hour=crontab.get("hour", "7"),
        day_of_week=crontab.get("day_of_week", "*"),
        day_of_month="*",
        month_of_year="*",
        timezone=settings.CELERY_TIMEZONE,
    )
    PeriodicTask.objects.create(
        task=SWEEP_TASK, name=SWEEP_NAME, crontab=schedule, enabled=True, description="One sweep a day."
    )
