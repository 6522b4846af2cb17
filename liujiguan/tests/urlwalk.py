"""Every URL pattern of the portal, read from the URLconf itself (admin, i18n, static and media left out)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

SKIPPED_PREFIXES = ("admin/", "i18n/", "static/", "media/", "^media/", "^static/")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str  # the pattern's text, for messages


def portal_routes() -> list[Route]:
    """All named URL patterns under every namespace, recursively; an unnamed pattern is an error of its own."""
    routes: list[Route] = []

    def walk(resolver, prefix: str, namespace: str):
        for entry in resolver.url_patterns:
            text = prefix + str(entry.pattern)
            if text.startswith(SKIPPED_PREFIXES):
                continue
            if isinstance(entry, URLResolver):
                inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
                walk(entry, text, inner)
            elif isinstance(entry, URLPattern):
                routes.append(Route(name=namespace + (entry.name or f"<unnamed {text}>"), route=text))

    walk(get_resolver(), "", "")
    return routes
