"""Subprocesses of the suite (a Celery worker, a probe with other settings) that use the test database."""

import os

from django.conf import settings


def subprocess_env(**overrides) -> dict:
    """The environment of a process that runs Django on the test database and broker, with `overrides` on top."""
    db = settings.DATABASES["default"]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "liujiguan.settings_test",
        "DATABASE_URL": f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        **overrides,
    }
