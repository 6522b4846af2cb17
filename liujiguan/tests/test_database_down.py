"""PostgreSQL unreachable: /healthz answers 503 and pages show a friendly error page, not a traceback."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
health = client.get("/healthz")
login = client.post("/accounts/login/", {"username": "office", "password": "x"})
print(json.dumps({"health": [health.status_code, health.json()], "login": [login.status_code, login.content.decode()]}))
"""


def test_database_down_gives_503_health_and_a_friendly_page():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "liujiguan.settings_test",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/liujiguan",  # nothing listens on port 1
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    status, body = out["health"]
    assert status == 503
    assert body["status"] == "unavailable" and body["database"] != "ok" and body["broker"] == "ok"
    status, page = out["login"]
    assert status == 503
    assert 'id="db-unavailable"' in page
    assert "Traceback" not in page
