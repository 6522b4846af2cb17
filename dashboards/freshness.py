"""The leaders' dashboard keeps its rendered figures in the shared cache for a short time, renewed by any change.

A version number is bumped after every committed save or delete of a model in the apps whose data the dashboard
shows; cached entries carry the version in their key, so the next request after a change computes afresh. The
time limit (DASHBOARDS_CACHE_SECONDS) covers what signals cannot see (bulk updates, the date turning over is in the
key). With the cache unreachable every request computes (liujiguan.cache.TolerantRedisCache reads miss).
"""

import hashlib
import time

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

from . import conf

VERSION_KEY = "dashboards:data-version"
# The apps whose data the dashboard shows. Registers reach it through indicator readings (campaigns); votes in an
# open round do not show until the round is published (a Round save), so ballots and responses do not renew it —
# otherwise every vote of an appraisal would empty the cache.
WATCHED_APPS = ("campaigns", "leadership", "reception", "evaluations")
UNWATCHED_MODELS = {"evaluations.Ballot", "evaluations.Response"}


def data_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start must never meet entries of an earlier one, so the first version is the clock.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version or 0


def data_version_bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)


def _changed(sender, using=None, **kwargs):
    # After the commit: a request between the save and the commit must not cache the old figures under the new
    # version. Once per transaction, however many rows it saves.
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(entry[1] is data_version_bump for entry in connection.run_on_commit):
        return
    transaction.on_commit(data_version_bump, using=using)


def watch_data() -> None:
    """Connect the version bump to every model of the watched apps (called from DashboardsConfig.ready)."""
    for label in WATCHED_APPS:
        if not apps.is_installed(label):
            continue
        for model in apps.get_app_config(label).get_models():
            if model._meta.label in UNWATCHED_MODELS:
                continue
            uid = f"dashboards.freshness.{model._meta.label}"
            post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}.save", weak=False)
            post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}.delete", weak=False)
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}.{field.name}")


def cached_html(parts: tuple, build) -> str:
    """`build()`'s HTML for these key parts (with the language and the data version), from the cache when there."""
    seconds = conf.cache_seconds()
    if seconds <= 0:
        return build()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = f"dashboards:leader:{data_version()}:{get_language()}:{digest}"
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, seconds)
    return html
