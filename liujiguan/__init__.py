"""The liujiguan project: settings, URLs, Celery and the cross-cutting pieces."""

from .celery import app as celery_app

__all__ = ["celery_app"]
