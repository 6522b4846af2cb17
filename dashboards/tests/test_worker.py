"""The sweep and report tasks through a real Celery worker on Redis (transactional database)."""

import time

import pytest
from django.core.files.storage import default_storage

from dashboards import services, tasks
from dashboards.models import ReportRun
from liujiguan.tests.factories import PillarFactory
from notifications.models import Notification, SentReminder

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _wait_for(run_id, statuses, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = ReportRun.objects.get(pk=run_id)
        if run.status in statuses:
            return run
        time.sleep(0.3)
    raise AssertionError(f"report run {run_id} still {run.status} after {timeout} s")


def test_sweep_through_the_worker_twice_sends_each_reminder_once(celery_worker, plan):
    first = tasks.sweep.delay().get(timeout=120)
    assert first["messages"] == 3 and first["claimed"] > 0
    # (The monthly report is built meanwhile and adds its own rows when it is sent to the group.)
    reminders = SentReminder.objects.exclude(kind="report_to_group")
    ledger = reminders.count()
    notifications = Notification.objects.exclude(kind=Notification.Kind.REPORT).count()
    second = tasks.sweep.delay().get(timeout=120)
    assert second["claimed"] == 0 and second["messages"] == 0 and second["report_run"] is None
    assert reminders.count() == ledger
    assert Notification.objects.exclude(kind=Notification.Kind.REPORT).count() == notifications
    assert Notification.objects.filter(recipient=plan.org.users["dept_a"], kind="due_reminder").count() == 1

    # The monthly report was started by the first sweep only, built by the worker and sent to the leading group.
    run = _wait_for(first["report_run"], {ReportRun.Status.DONE, ReportRun.Status.FAILED})
    assert run.status == ReportRun.Status.DONE, run.reason
    assert run.trigger == ReportRun.Trigger.SCHEDULED and run.send_to_group
    assert ReportRun.objects.count() == 1
    deadline = time.monotonic() + 10
    while not Notification.objects.filter(kind=Notification.Kind.REPORT).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    [sent] = Notification.objects.filter(kind=Notification.Kind.REPORT)
    assert sent.recipient == plan.org.users["leader"]  # the only group member with a login
    assert SentReminder.objects.filter(kind="report_to_group", recipient=plan.org.users["leader"]).count() == 1


def test_report_task_builds_the_pdf(celery_worker, plan):
    run = services.report_request(campaign=plan.campaign, department=plan.org.dept_a, user=plan.org.users["office"])
    run = _wait_for(run.pk, {ReportRun.Status.DONE, ReportRun.Status.FAILED})
    assert run.status == ReportRun.Status.DONE, run.reason
    assert run.pages and run.started <= run.finished and run.attempts == 1
    with default_storage.open(run.file.name, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert Notification.objects.filter(recipient=plan.org.users["office"], kind=Notification.Kind.REPORT).exists()


def test_failing_report_is_marked_failed_with_its_reason_and_can_be_retried(celery_worker, org):
    # A campaign without pillars has nothing to report: the run fails and says why.
    run = services.report_request(campaign=org.campaign, user=org.users["office"])
    run = _wait_for(run.pk, {ReportRun.Status.DONE, ReportRun.Status.FAILED})
    assert run.status == ReportRun.Status.FAILED
    assert "no pillars" in run.reason or "尚无创建类型" in run.reason  # the worker speaks the portal's language
    assert not run.file

    PillarFactory(campaign=org.campaign, name="学习型机关")
    services.report_retry(run=run, user=org.users["office"])
    run = _wait_for(run.pk, {ReportRun.Status.DONE})
    assert run.reason == "" and run.attempts == 2 and run.file
