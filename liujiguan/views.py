"""Home page for each role, health check, and friendly error pages."""

import logging
import sys

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from leadership.selectors import current_campaign

from . import registry
from .permissions import Role, user_person, user_role


@require_GET
@login_required
def home(request):
    role = user_role(request.user)
    person = user_person(request.user)
    campaign = current_campaign()
    context = {
        "campaign": campaign,
        "role": role,
        "person": person,
        "panels": registry.home_panels(user=request.user, role=role, person=person, campaign=campaign),
    }
    template = {
        Role.ADMIN: "home/admin.html",
        Role.OFFICE: "home/office.html",
        Role.LEADER: "home/leader.html",
        Role.DEPARTMENT: "home/department.html",
        Role.VIEWER: "home/viewer.html",
    }.get(role, "home/no_role.html")
    return render(request, template, context)


def _database_ok() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True, "ok"
    except Exception as error:  # any failure means "not reachable" to a health probe
        return False, error.__class__.__name__


def _broker_ok() -> tuple[bool, str]:
    from kombu import Connection

    url = settings.CELERY_BROKER_URL
    if url.startswith("filesystem://"):
        folder = settings.CELERY_QUEUE_DIR / "queue"
        return (folder.is_dir(), "ok" if folder.is_dir() else "queue folder missing")
    try:
        with Connection(url, connect_timeout=2, transport_options={"socket_timeout": 2}) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True, "ok"
    except Exception as error:
        return False, error.__class__.__name__


@never_cache
@require_GET
def healthz(request):
    database, database_detail = _database_ok()
    broker, broker_detail = _broker_ok()
    healthy = database and broker
    body = {
        "status": "ok" if healthy else "unavailable",
        "database": database_detail,
        "broker": broker_detail,
    }
    return JsonResponse(body, status=200 if healthy else 503)


def server_error(request):
    """The 500 handler: a database outage gets a friendly 503 page (rendered without touching the database)."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        logging.getLogger(__name__).error("database unavailable: %s", error)
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        body = render_to_string("503_database.html", {"language_code": language})
        return HttpResponse(body, status=503, headers={"Retry-After": "60"})
    return HttpResponse(render_to_string("500.html"), status=500)
