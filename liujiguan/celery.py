"""The Celery application; tasks live in each app's tasks.py and are found automatically."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liujiguan.settings")

app = Celery("liujiguan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _ensure_filesystem_queue(sender, **kwargs):
    """The filesystem transport needs its folders before the first message."""
    from django.conf import settings

    if str(settings.CELERY_BROKER_URL).startswith("filesystem://"):
        for name in ("queue", "processed", "results"):
            (settings.CELERY_QUEUE_DIR / name).mkdir(parents=True, exist_ok=True)
