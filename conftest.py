"""Fixtures for every app: an organisation with one login per role, a real Celery worker, and a real browser."""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from leadership.models import Membership
from liujiguan.permissions import Role
from liujiguan.tests.factories import (
    PASSWORD,
    CampaignFactory,
    ChargeFactory,
    DepartmentFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from liujiguan.tests.processes import subprocess_env

ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Services called directly by a test speak English (the msgids); pages keep choosing their language per request
    through LocaleMiddleware, so Chinese pages are still tested as Chinese."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def org(db):
    """Two departments (A and B), a current campaign, and a login for every role.

    The leader is a deputy leader in charge of department A only; `dept_a` and `dept_b` are the contacts of A and B.
    """
    campaign = CampaignFactory(is_current=True)
    dept_a = DepartmentFactory(name="景区管理站")
    dept_b = DepartmentFactory(name="第一管理队")
    users, people = {}, {}
    for key, role, department in [
        ("admin", Role.ADMIN, None),
        ("office", Role.OFFICE, dept_a),
        ("leader", Role.LEADER, None),
        ("dept_a", Role.DEPARTMENT, dept_a),
        ("dept_b", Role.DEPARTMENT, dept_b),
        ("viewer", Role.VIEWER, dept_b),
    ]:
        user = UserFactory(username=key, role=role)
        users[key] = user
        people[key] = PersonFactory(name=f"{key}人", department=department, user=user)
    dept_a.contact = people["dept_a"]
    dept_a.save()
    dept_b.contact = people["dept_b"]
    dept_b.save()
    MembershipFactory(campaign=campaign, person=people["leader"], role=Membership.Role.DEPUTY)
    ChargeFactory(campaign=campaign, person=people["leader"], department=dept_a)
    return SimpleNamespace(
        campaign=campaign, dept_a=dept_a, dept_b=dept_b, users=users, people=people, password=PASSWORD
    )


@pytest.fixture
def client_as(client, org):
    """`client_as("office")` logs the test client in as that role's user and returns it."""

    def login(key):
        client.force_login(org.users[key])
        return client

    return login


# --- a real Celery worker on Redis ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker):
    """A real `celery worker` process on the test Redis, using the test database. Tests that use it need
    `transactional_db` so that the worker sees their rows."""
    from liujiguan.celery import app

    env = subprocess_env()
    app.control.purge()
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / "celery-worker.log", "w")  # noqa: SIM115 (closed when the worker stops)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "liujiguan",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            f"--hostname=test-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=settings.BASE_DIR,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("celery worker exited; see test-artifacts/celery-worker.log")
        replies = app.control.ping(timeout=1)
        if any(f"test-{os.getpid()}@" in name for reply in replies for name in reply):
            break
    else:
        process.kill()
        raise RuntimeError("celery worker did not answer within 60 s")
    yield process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


# --- a real browser -----------------------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def playwright_browser():
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop runs in the test thread
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(playwright_browser, live_server, request):
    """A fresh browser page against the live server; fails the test on any console error; screenshots at the end."""
    context = playwright_browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.console_errors = errors
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()
    assert not errors, f"browser console errors: {errors}"


@pytest.fixture
def browser_login(page, org):
    """`browser_login("office")` logs in through the real login form."""

    def login(key):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", org.users[key].username)
        page.fill("input[name=password]", org.password)
        page.click("#login-form button[type=submit]")
        page.wait_for_selector("#role-home")
        return page

    return login


# --- a broker that is down -------------------------------------------------------------------------------------------


def _celery_pools_reset(app):
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def dead_broker_for(app):
    """Point Celery at a loopback port where nothing listens (the shared Redis keeps running), then restore it."""
    keys = ("broker_url", "broker_write_url", "broker_read_url")
    original = {key: app.conf[key] for key in keys}
    for key in keys:
        app.conf[key] = "redis://127.0.0.1:1/0"
    _celery_pools_reset(app)
    try:
        yield app
    finally:
        for key in keys:
            app.conf[key] = original[key]
        _celery_pools_reset(app)


@pytest.fixture
def dead_broker():
    from liujiguan.celery import app

    with dead_broker_for(app):
        yield app
