"""Faults: Redis down (saves work, no task is lost), a worker killed mid-report, the database connection lost in the
middle of a write, and two beats by mistake. None of these stops the shared PostgreSQL or Redis: Redis "down" is a
dead loopback port, the killed worker is our own process, and a lost database connection is our own backend."""

import contextlib
import datetime
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from decimal import Decimal

import psycopg2
import pytest
from celery import Celery
from django.conf import settings
from django.core import mail
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Measure, ProgressUpdate
from campaigns.tests.factories import MeasureFactory
from conftest import ARTIFACTS, dead_broker_for
from dashboards.models import ReportRun
from evaluations.models import Ballot, Response, Round
from liujiguan.celery import app
from liujiguan.models import QueuedTask
from liujiguan.outbox import outbox_sweep
from liujiguan.tests.factories import PillarFactory
from liujiguan.tests.processes import subprocess_env
from notifications.models import Notification, SentReminder
from reception.models import ReceptionRecord

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


# --- fixtures --------------------------------------------------------------------------------------------------------


@pytest.fixture
def broker_sends(monkeypatch):
    """Every message handed to the broker, as (task name, task id); the real send still happens (and fails when the
    broker is down). A task sent outside the outbox has no QueuedTask row to fall back on."""
    sent = []
    original = Celery.send_task

    def spy(self, name, args=None, kwargs=None, **options):
        sent.append((name, options.get("task_id") or ""))
        return original(self, name, args, kwargs, **options)

    monkeypatch.setattr(Celery, "send_task", spy)
    return sent


@contextmanager
def redis_outage():
    """The Celery broker unreachable (a dead loopback port; the shared test Redis keeps running). The cache in Redis,
    with the sessions through it, is covered by test_login_save_and_pages_work_with_the_redis_cache_down, which runs
    the production settings in a process of its own."""
    with dead_broker_for(app):
        yield


def assert_nothing_lost(sends):
    """Every send attempted while Redis was down went through the outbox, whose row is kept for the sweep."""
    direct = [name for name, task_id in sends if not task_id.startswith("outbox-")]
    assert not direct, f"sent outside the outbox, lost while the broker is down: {direct}"
    kept = {f"outbox-{pk}-" for pk in QueuedTask.objects.filter(sent_at__isnull=True).values_list("pk", flat=True)}
    assert all(any(task_id.startswith(prefix) for prefix in kept) for _name, task_id in sends)


def _pillar(org):
    return PillarFactory(campaign=org.campaign, name=f"学习型机关{uuid.uuid4().hex[:6]}")


# --- Redis down --------------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_progress_on_a_measure_is_saved_with_redis_down(broker_sends, client_as, org):
    measure = MeasureFactory(pillar=_pillar(org), lead_department=org.dept_a, status=Measure.Status.IN_PROGRESS)
    client = client_as("dept_a")  # logged in before the outage
    with redis_outage():
        response = client.post(
            reverse("campaigns:progress-create", args=[measure.pk]),
            {"day": timezone.localdate().isoformat(), "percent": 40, "note": "Redis 停机期间提交"},
        )
        assert response.status_code == 302, response.content[:500]
        # The page the user lands on works too (session and messages without the cache).
        assert client.get(response.url).status_code == 200
    measure.refresh_from_db()
    assert measure.progress == 40
    assert ProgressUpdate.objects.filter(measure=measure, note="Redis 停机期间提交").count() == 1
    assert_nothing_lost(broker_sends)


@pytest.mark.django_db(transaction=True)
def test_reception_record_is_saved_with_redis_down(broker_sends, org):
    from reception.services import record_save

    record = ReceptionRecord(
        host_department=org.dept_a,
        visiting_unit="泉州市港口管理局",
        visiting_city="泉州",
        letter_reference="泉港函〔2026〕7号",
        activity="交流港区管理工作",
        guests=4,
        start_date=timezone.localdate(),
        end_date=timezone.localdate(),
    )
    with redis_outage():
        record_save(record=record, user=org.users["dept_a"])
    assert ReceptionRecord.objects.filter(pk=record.pk, letter_reference="泉港函〔2026〕7号").exists()
    assert_nothing_lost(broker_sends)


@pytest.mark.django_db(transaction=True)
def test_ballot_is_saved_with_redis_down(broker_sends, org):
    from evaluations.services import ballot_for_token, ballot_submit, links_issue, round_create, round_open

    now = timezone.now()
    round_ = round_create(
        campaign=org.campaign,
        kind=Round.Kind.SATISFACTION,
        title="满意单位评议",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=3),
        departments=[org.dept_a, org.dept_b],
    )
    round_open(round=round_, now=now)
    group = round_.rater_groups.order_by("order").first()
    [token] = links_issue(rater_group=group, count=1)
    ballot = ballot_for_token(token)
    answers = {(d.pk, c.pk): "satisfied" for d in round_.departments.all() for c in round_.criteria.all()}
    with redis_outage():
        assert ballot_submit(ballot=ballot, answers=answers) == len(answers)
    assert Ballot.objects.get(pk=ballot.pk).used_at is not None
    assert Response.objects.filter(round=round_).count() == len(answers)
    assert_nothing_lost(broker_sends)


@pytest.mark.django_db(transaction=True)
def test_register_record_keeps_its_indicator_recompute_with_redis_down(broker_sends, org):
    from registers.models import Meeting
    from registers.services import record_save

    with redis_outage(), transaction.atomic():
        record_save(
            instance=Meeting(
                department=org.dept_a, date=timezone.localdate(), title="周例会", attendees=8, duration_minutes=45
            ),
            user=org.users["dept_a"],
        )
    assert Meeting.objects.filter(title="周例会").exists()
    assert_nothing_lost(broker_sends)
    assert QueuedTask.objects.filter(task_name="registers.tasks.recompute_indicators", sent_at__isnull=True).exists()


LOGIN_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(raise_request_exception=False)
login = client.post("/accounts/login/", {"username": "dept_a", "password": PASSWORD})
home = client.get("/")
save = client.post(f"/campaigns/measures/{MEASURE}/progress/", {"day": "TODAY", "percent": 55, "note": "缓存停机"})
public = client.get("/public/")
from django.urls import reverse
settings.DASHBOARDS_CACHE_SECONDS = 60  # the dashboard's figure cache as deployed (the test settings turn it off)
office = Client(raise_request_exception=False)
office.post("/accounts/login/", {"username": "office", "password": PASSWORD})
dashboard = office.get(reverse("dashboards:leader"))
print(json.dumps({"backend": settings.CACHES["default"]["BACKEND"], "session": settings.SESSION_ENGINE,
                  "login": login.status_code, "home": home.status_code, "save": save.status_code,
                  "public": public.status_code, "dashboard": dashboard.status_code,
                  "ranking": b'id="department-ranking"' in dashboard.content}))
"""


@pytest.mark.django_db(transaction=True)
def test_login_save_and_pages_work_with_the_redis_cache_down(org):
    """A deployment configured with CACHE_URL=rediscache://…, whose Redis is down: people still log in, save, and
    the public pages are served (uncached)."""
    measure = MeasureFactory(pillar=_pillar(org), lead_department=org.dept_a, status=Measure.Status.IN_PROGRESS)
    env = subprocess_env(CACHE_URL="rediscache://127.0.0.1:1/0", CELERY_BROKER_URL=DEAD_REDIS)
    probe = (
        LOGIN_PROBE.replace("PASSWORD", repr(org.password))
        .replace("MEASURE", str(measure.pk))
        .replace("TODAY", timezone.localdate().isoformat())
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["session"].endswith("cached_db")  # sessions do go through the (dead) Redis cache
    assert (out["login"], out["home"], out["save"], out["public"]) == (302, 200, 302, 200), out
    assert out["dashboard"] == 200 and out["ranking"], out  # its figures computed, not cached
    assert ProgressUpdate.objects.filter(measure=measure, note="缓存停机").exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_report_requested_while_redis_is_down_runs_when_it_returns(org, celery_worker):
    from dashboards.services import report_request

    MeasureFactory(pillar=_pillar(org), lead_department=org.dept_a)
    with dead_broker_for(app):
        run = report_request(campaign=org.campaign, user=org.users["office"])
        page = _client_for(org.users["office"]).get(reverse("dashboards:report-detail", args=[run.pk]))
        assert page.status_code == 200  # the request is shown as waiting
    run.refresh_from_db()
    assert run.status == ReportRun.Status.QUEUED
    kept = QueuedTask.objects.get(task_name="dashboards.tasks.report_build", sent_at__isnull=True)
    assert kept.args == [run.pk] and kept.attempts == 1

    # Redis is back: the scheduled outbox sweep sends it and the real worker builds the report.
    assert outbox_sweep(older_than_seconds=0) == 1
    run = _wait_for(run, lambda r: r.is_finished, timeout=120)
    assert run.status == ReportRun.Status.DONE, run.reason
    assert run.pages and run.file.name.endswith(".pdf")


def _client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def _wait_for(run, condition, *, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if condition(run):
            return run
        time.sleep(0.05)
    raise AssertionError(f"run {run.pk} still {run.status} after {timeout} s")


# --- a worker killed in the middle of a report ------------------------------------------------------------------


def _start_worker(queue: str, log_name: str):
    env = subprocess_env()
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / log_name, "w")  # noqa: SIM115 (closed by the caller)
    hostname = f"{queue}@%h"
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "liujiguan", "worker", "--pool=solo", "-Q", queue,
         f"--hostname={hostname}", "--without-gossip", "--without-mingle", "--loglevel=INFO"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=settings.BASE_DIR,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"worker exited; see test-artifacts/{log_name}")
        if any(name.startswith(f"{queue}@") for reply in app.control.ping(timeout=1) for name in reply):
            return process, log
    process.kill()
    raise RuntimeError("worker did not answer within 60 s")


def _heavy_campaign(org, measures=600):
    """A campaign whose report takes seconds to lay out (a long table), so that there is time to kill its worker."""
    pillar = _pillar(org)
    today = timezone.localdate()
    Measure.objects.bulk_create(
        Measure(
            pillar=pillar,
            title=f"措施{i:04d}：开展政策理论学习并报送佐证材料",
            lead_department=org.dept_a if i % 2 else org.dept_b,
            start=today - datetime.timedelta(days=100),
            due=today + datetime.timedelta(days=(i % 90) - 45),
            progress=i % 100,
        )
        for i in range(measures)
    )


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_report_whose_worker_is_killed_is_failed_by_the_timeout_sweep_and_can_be_retried(org):
    from dashboards import services

    expire = services.report_runs_expire  # the timeout sweep under test
    _heavy_campaign(org)
    run = ReportRun.objects.create(campaign=org.campaign, requested_by=org.users["office"])
    queue = f"faults-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    worker, log = _start_worker(queue, "celery-worker-killed.log")
    try:
        app.send_task("dashboards.tasks.report_build", args=[run.pk], queue=queue)
        run = _wait_for(run, lambda r: r.status != ReportRun.Status.QUEUED, timeout=60)
        assert run.status == ReportRun.Status.RUNNING, "the report finished before the worker could be killed"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=20)
    finally:
        if worker.poll() is None:
            worker.kill()
        log.close()
        app.control.purge()
    time.sleep(0.5)
    run.refresh_from_db()
    assert run.status == ReportRun.Status.RUNNING  # nobody is left to finish or fail it

    # Not yet too old: the sweep leaves it alone; past the time limit it is failed with a reason.
    assert expire() == 0
    later = timezone.now() + datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 120)
    assert expire(now=later) == 1
    run.refresh_from_db()
    assert run.status == ReportRun.Status.FAILED and run.reason and run.can_retry
    assert Notification.objects.filter(recipient=org.users["office"], kind=Notification.Kind.REPORT).exists()

    # Retried, it is queued again through the outbox (kept here: the broker is pointed away so that no other worker
    # takes it) and builds.
    with dead_broker_for(app), transaction.atomic():
        services.report_retry(run=run, user=org.users["office"])
    assert QueuedTask.objects.filter(
        task_name="dashboards.tasks.report_build", args=[run.pk], sent_at__isnull=True
    ).exists()
    run = services.report_build(run_id=run.pk)
    assert run.status == ReportRun.Status.DONE and run.pages and run.attempts == 2


# --- the database connection lost in the middle of a write ------------------------------------------------------


def _terminate_own_backend_before(table_fragment: str):
    """An execute wrapper that, at the first statement touching `table_fragment`, has PostgreSQL terminate this
    connection's backend (through a second connection) and then lets the statement run into the dead connection."""
    state = {"done": False}

    def wrapper(execute, sql, params, many, context):
        if not state["done"] and table_fragment in sql and sql.lstrip().upper().startswith(("INSERT", "UPDATE")):
            state["done"] = True
            pid = context["connection"].connection.get_backend_pid()
            db = settings.DATABASES["default"]
            other = psycopg2.connect(
                dbname=db["NAME"],
                user=db["USER"] or "postgres",
                host=db["HOST"] or "127.0.0.1",
                port=db["PORT"] or 5432,
            )
            try:
                other.autocommit = True
                with other.cursor() as cursor:
                    cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            finally:
                other.close()
        return execute(sql, params, many, context)

    return wrapper, state


@pytest.mark.django_db(transaction=True)
def test_lost_database_connection_mid_save_leaves_nothing_half_written(org):
    from django.test import Client

    measure = MeasureFactory(pillar=_pillar(org), lead_department=org.dept_a, status=Measure.Status.IN_PROGRESS)
    client = Client(raise_request_exception=False)
    client.force_login(org.users["dept_a"])
    wrapper, state = _terminate_own_backend_before('"campaigns_measure"')
    with connection.execute_wrapper(wrapper):
        response = client.post(
            reverse("campaigns:progress-create", args=[measure.pk]),
            {"day": timezone.localdate().isoformat(), "percent": 70, "note": "写到一半"},
        )
    assert state["done"], "the write never reached the measure"
    assert response.status_code == 503
    assert 'id="db-unavailable"' in response.content.decode()
    connection.close()  # the test's own connection was the one terminated; the next query reconnects
    # The progress update was inserted before the connection died: it went with the transaction.
    assert not ProgressUpdate.objects.filter(note="写到一半").exists()
    measure.refresh_from_db()
    assert measure.progress == 0 and measure.version == 1


@pytest.mark.django_db(transaction=True)
def test_lost_database_connection_mid_import_leaves_no_measure(org):
    from campaigns.resources import MeasureResource, import_file

    pillar = _pillar(org)
    rows = ["pillar,title,lead_department,due"] + [
        f"{pillar.name},导入措施{i:03d},{org.dept_a.name},{timezone.localdate().year}-12-31" for i in range(50)
    ]
    # The measures are inserted; the connection dies when their history rows follow.
    wrapper, state = _terminate_own_backend_before('"campaigns_historicalmeasure"')
    report = None
    with connection.execute_wrapper(wrapper), contextlib.suppress(DatabaseError):
        report = import_file(
            resource_class=MeasureResource,
            campaign=org.campaign,
            user=org.users["office"],
            content="\n".join(rows).encode(),
            name="measures.csv",
            dry_run=False,
        )
    assert state["done"], "the import never reached the history rows"
    assert report is None or not report.committed
    connection.close()
    assert not Measure.objects.filter(pillar=pillar).exists()


# --- two beats by mistake ---------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_beats_running_the_sweep_at_once_send_each_reminder_once(org, settings):
    from dashboards.sweep import sweep_run

    settings.DASHBOARDS_MONTHLY_REPORT_DAY = 0  # the monthly report and the digest are other tests' business
    settings.DASHBOARDS_DIGEST_WEEKDAY = 7
    for key in ("dept_a", "dept_b", "leader"):
        org.users[key].email = f"{key}@example.org"
        org.users[key].save(update_fields=["email"])
    pillar = _pillar(org)
    today = timezone.localdate()
    start = today - datetime.timedelta(days=60)
    for i, (department, due_in) in enumerate(
        [(org.dept_a, 1), (org.dept_a, 5), (org.dept_b, 3), (org.dept_a, -4), (org.dept_b, 6)] * 4
    ):
        MeasureFactory(
            pillar=pillar,
            title=f"并发措施{i}",
            lead_department=department,
            start=start,
            due=today + datetime.timedelta(days=due_in),
            progress=10,
            status=Measure.Status.IN_PROGRESS,
            responsible_leader=org.people["leader"],
        )

    barrier = threading.Barrier(2)
    results, errors = [], []

    def beat():
        try:
            barrier.wait(timeout=10)
            results.append(sweep_run())
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert len(results) == 2
    items = results[0]["items"]
    assert items == results[1]["items"] > 0
    assert results[0]["claimed"] + results[1]["claimed"] == items  # every item claimed once, by one of the two

    rows = SentReminder.objects.values_list("key", "kind", "date", "recipient_id")
    assert len(rows) == len(set(rows)) == items
    recipients = [m.to[0] for m in mail.outbox]
    # One consolidated message per person per sweep at most; between the two beats, each item in exactly one.
    per_person = {r: recipients.count(r) for r in set(recipients)}
    assert set(per_person) == {"dept_a@example.org", "dept_b@example.org", "leader@example.org"}
    lines = sum(n.body.count("并发措施") for n in Notification.objects.all())
    assert lines == items
    assert Decimal(len(mail.outbox)) <= 2 * len(per_person)
