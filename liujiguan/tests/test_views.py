"""Login, throttling, role homes, language choice, health and deployment checks."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse


def test_anonymous_home_redirects_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "role, marker",
    [
        ("admin", 'data-role="admin"'),
        ("office", 'data-role="office"'),
        ("leader", 'data-role="leader"'),
        ("dept_a", 'data-role="department"'),
        ("viewer", 'data-role="viewer"'),
    ],
)
def test_each_role_gets_its_own_home(client_as, role, marker):
    response = client_as(role).get("/")
    assert response.status_code == 200
    assert marker in response.content.decode()


def test_department_home_names_the_department(client_as, org):
    body = client_as("dept_a").get("/").content.decode()
    assert org.dept_a.name in body


def test_wrong_login_is_refused_with_a_message_and_keeps_the_username(client, org):
    response = client.post(reverse("login"), {"username": "office", "password": "wrong"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "请输入正确的用户名和密码" in body or "正确" in body
    assert 'value="office"' in body
    assert "_auth_user_id" not in client.session


def test_repeated_failures_are_throttled(client, org):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "office", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "office", "password": org.password})
    assert response.status_code == 429
    assert "locked-out" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_right_login_works(client, org):
    response = client.post(reverse("login"), {"username": "office", "password": org.password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(org.users["office"].pk)


def test_language_follows_the_browser(client_as):
    client = client_as("office")
    assert "办公室工作台" in client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert "辦公室工作臺" in client.get("/", HTTP_ACCEPT_LANGUAGE="zh-TW").content.decode()
    assert "Office workbench" in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_language_switcher_sets_the_language(client_as):
    client = client_as("office")
    response = client.post(reverse("set_language"), {"language": "en", "next": "/organisation/"})
    assert response.status_code == 302 and response.url == "/organisation/"
    body = client.get("/organisation/").content.decode()
    assert "Leading group and office" in body
    assert 'lang="en"' in body


def test_every_page_carries_the_language_switcher(client_as):
    client = client_as("office")
    for url in ["/", "/organisation/", "/organisation/departments/", "/campaigns/"]:
        assert 'id="language-form"' in client.get(url).content.decode(), url


@pytest.mark.django_db
def test_healthz_ok_when_database_and_broker_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_healthz_503_when_broker_is_down(client):
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["database"] == "ok"


def _manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "liujiguan.settings",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-real-secret-of-good-length-" + "x7Qk2" * 10,
        ALLOWED_HOSTS="portal.example.org",
        DATABASE_URL="sqlite:////tmp/liujiguan-check.sqlite3",
        SECURE_SSL_REDIRECT="1",
        SESSION_COOKIE_SECURE="1",
        CSRF_COOKIE_SECURE="1",
        SECURE_HSTS_SECONDS="31536000",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr and "issues" not in result.stderr.lower().replace("no issues", "")


def test_no_default_secret_outside_debug():
    result = _manage("check", DEBUG="0", SECRET_KEY="", ALLOWED_HOSTS="x")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
