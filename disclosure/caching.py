"""Per-language caching of the public pages, invalidated by a version number that every publishing service bumps."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

VERSION_KEY = "disclosure:version"
NEXT_KEY = "disclosure:next-scheduled:{version}"


def cache_seconds() -> int:
    # Data other apps own (reception totals, evaluation results, campaign progress) refreshes within this time.
    return getattr(settings, "DISCLOSURE_CACHE_SECONDS", 600)


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start must never meet entries of an earlier one, so the first version is the clock.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def content_version_bump() -> None:
    """Invalidate every cached public page (all languages) at once; called by the services that change them."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)


def _seconds_until_next_scheduled(version: int) -> int | None:
    """Entries must expire when a scheduled publication comes due, so nothing waits for the default timeout."""
    from .selectors import next_scheduled_publication

    key = NEXT_KEY.format(version=version)
    now = timezone.now()
    stamp = cache.get(key)
    if stamp is None or (stamp and stamp <= now.timestamp()):
        upcoming = next_scheduled_publication(now=now)
        stamp = upcoming.timestamp() if upcoming else 0
        cache.set(key, stamp, cache_seconds())
    return max(1, int(stamp - now.timestamp()) + 1) if stamp else None


def page_key(request, version: int) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"disclosure:page:{version}:{get_language()}:{digest}"


def cached_fragment(request, *, template: str, build) -> dict:
    """The rendered main content of a public page, from the cache when it is there.

    Only the content is cached: the page around it (language switcher with its CSRF token, the staff link) is
    rendered for each request, so a cached entry never carries anyone's token or session. `build()` may raise
    Http404, which is never cached.
    """
    version = content_version()
    key = page_key(request, version)
    entry = cache.get(key)
    if entry is None:
        context = build()
        entry = {"html": render_to_string(template, context), "title": str(context.get("title", ""))}
        timeout = cache_seconds()
        until_next = _seconds_until_next_scheduled(version)
        if until_next is not None:
            timeout = min(timeout, until_next)
        cache.set(key, entry, timeout)
    return entry
