"""Writes of the dashboards app: request, build and retry report runs; send a finished report to the group."""

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from liujiguan.permissions import Action, require

from . import reports
from .models import ReportRun
from .pdf import pdf_from_html

logger = logging.getLogger(__name__)


class ReportError(Exception):
    """A report that cannot be built, with a reason a user understands."""


def _enqueue(run: ReportRun) -> None:
    """Through the task outbox: sent after commit, and kept for the outbox sweep if the broker is down."""
    from liujiguan.outbox import enqueue

    enqueue("dashboards.tasks.report_build", run.pk)


def report_request(
    *, campaign, department=None, user=None, trigger=ReportRun.Trigger.MANUAL, send_to_group=False
) -> ReportRun:
    """Queue a report of a campaign (or one department of it) and enqueue its build once the row is committed."""
    if user is not None:
        require(user, Action.VIEW, department)
    run = ReportRun.objects.create(
        campaign=campaign,
        department=department,
        requested_by=user,
        trigger=trigger,
        send_to_group=send_to_group,
        as_of=timezone.localdate(),
    )
    _enqueue(run)
    return run


def report_retry(*, run: ReportRun, user=None) -> ReportRun:
    """Put a failed run back in the queue (the reason is kept until the new attempt ends)."""
    if user is not None:
        require(user, Action.VIEW, run)
    if not run.can_retry:
        raise ValidationError(_("Only a failed report can be retried."))
    updated = ReportRun.objects.filter(pk=run.pk, status=ReportRun.Status.FAILED).update(
        status=ReportRun.Status.QUEUED, started=None, finished=None, as_of=timezone.localdate()
    )
    if not updated:
        raise ValidationError(_("Only a failed report can be retried."))
    run.refresh_from_db()
    _enqueue(run)
    return run


def report_pdf(*, campaign, department=None, as_of=None) -> tuple[bytes, int]:
    """The report as PDF bytes and its page count; raises ReportError when there is nothing to report."""
    context = reports.report_context(campaign=campaign, department=department, as_of=as_of)
    if not context["pillars"]:
        raise ReportError(_("The campaign has no pillars yet: there is nothing to report."))
    html = render_to_string("dashboards/pdf/report.html", context)
    del context  # the rows are in the HTML now; layout runs faster without them alive (see pdf_from_html)
    return pdf_from_html(html)


def report_build(*, run_id: int) -> ReportRun:
    """Build a queued run. Claims it first (queued → running) so that a duplicate delivery builds nothing twice."""
    claimed = ReportRun.objects.filter(pk=run_id, status=ReportRun.Status.QUEUED).update(
        status=ReportRun.Status.RUNNING, started=timezone.now(), reason=""
    )
    run = ReportRun.objects.select_related("campaign", "department").get(pk=run_id)
    if not claimed:
        return run
    ReportRun.objects.filter(pk=run.pk).update(attempts=run.attempts + 1)
    run.attempts += 1
    try:
        content, pages = report_pdf(campaign=run.campaign, department=run.department, as_of=run.as_of)
    except ReportError as error:
        return _report_fail(run=run, reason=str(error))
    except Exception as error:  # any other failure is recorded with its reason, and the run can be retried
        logger.exception("report run %s failed", run.pk)
        return _report_fail(run=run, reason=f"{error.__class__.__name__}: {error}")
    run.file.save(run.filename(), ContentFile(content), save=False)
    run.status = ReportRun.Status.DONE
    run.pages = pages
    run.finished = timezone.now()
    run.reason = ""
    run.save(update_fields=["file", "status", "pages", "finished", "reason"])
    report_notify_requester(run=run)
    if run.send_to_group:
        report_send_to_group(run=run, content=content)
    return run


def _report_fail(*, run: ReportRun, reason: str) -> ReportRun:
    ReportRun.objects.filter(pk=run.pk).update(
        status=ReportRun.Status.FAILED, reason=reason[:2000] or _("Unknown error"), finished=timezone.now()
    )
    run.refresh_from_db()
    report_notify_requester(run=run)
    return run


def report_notify_requester(*, run: ReportRun) -> None:
    from notifications.models import Notification
    from notifications.services import notification_send

    if run.requested_by is None:
        return
    if run.status == ReportRun.Status.DONE:
        title = _("Your progress report is ready")
    else:
        title = _("Your progress report failed: %(reason)s") % {"reason": run.reason[:120]}
    notification_send(
        recipient=run.requested_by,
        title=title,
        link=reverse("dashboards:report-detail", args=[run.pk]),
        kind=Notification.Kind.REPORT,
        email=False,
    )


def report_send_to_group(*, run: ReportRun, content: bytes) -> int:
    """E-mail the report to every current member of the leading group with a login, once each (ledger)."""
    from notifications.models import Notification
    from notifications.services import notification_send, reminder_claim, reminders_mark_sent

    from .selectors import leading_group_users

    sent = 0
    for user in leading_group_users(campaign=run.campaign):
        claim = reminder_claim(key=f"report:{run.pk}", kind="report_to_group", date=run.as_of, recipient=user)
        if claim is None:
            continue
        notification = notification_send(
            recipient=user,
            title=_("Monthly progress report, %(date)s") % {"date": run.as_of.strftime("%Y-%m-%d")},
            body=_("The monthly progress report of %(campaign)s is attached and kept in the report history.")
            % {"campaign": run.campaign.title},
            link=reverse("dashboards:report-detail", args=[run.pk]),
            kind=Notification.Kind.REPORT,
            attachments=[(run.filename(), content, "application/pdf")],
        )
        reminders_mark_sent(reminders=[claim], notification=notification)
        sent += 1
    return sent


def report_runs_expire(*, now=None) -> int:
    """Fail the runs left running past the task time limit: their worker died before it could finish or fail them.

    They can then be retried. Returns how many were failed.
    """
    from datetime import timedelta

    from django.conf import settings

    now = now or timezone.now()
    limit = timedelta(seconds=getattr(settings, "CELERY_TASK_TIME_LIMIT", 30 * 60) + 60)
    failed = 0
    stale = ReportRun.objects.filter(status=ReportRun.Status.RUNNING, started__lt=now - limit)
    for pk in list(stale.values_list("pk", flat=True)):
        if ReportRun.objects.filter(pk=pk, status=ReportRun.Status.RUNNING).update(
            status=ReportRun.Status.FAILED,
            reason=_("The report was interrupted (its worker stopped); it can be retried."),
            finished=now,
        ):
            failed += 1
            report_notify_requester(run=ReportRun.objects.select_related("requested_by").get(pk=pk))
    return failed
