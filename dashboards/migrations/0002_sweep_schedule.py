"""Register the one daily sweep in django-celery-beat (afterwards its time is edited in the admin)."""

from django.conf import settings
from django.db import migrations

TASK_NAME = "Dashboards: daily sweep (reminders, escalation, digest, cap warnings, monthly report)"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab = dict(getattr(settings, "DASHBOARDS_SWEEP_CRONTAB", {"minute": "0", "hour": "7"}))
    schedule, _ = CrontabSchedule.objects.get_or_create(
        minute=crontab.get("minute", "0"),
        hour=crontab.get("hour", "7"),
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone=settings.CELERY_TIMEZONE,
    )
    PeriodicTask.objects.get_or_create(
        task="dashboards.tasks.sweep",
        defaults={"name": TASK_NAME, "crontab": schedule, "enabled": True, "description": "One sweep a day."},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task="dashboards.tasks.sweep").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dashboards", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
