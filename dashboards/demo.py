"""Demo report history: one monthly progress report of the demo campaign, rendered once (a few seconds)."""

from django.core.files.base import ContentFile
from django.utils import timezone

from .models import ReportRun
from .services import ReportError, report_pdf


def load(*, context):
    campaign = context["campaign"]
    if ReportRun.objects.filter(campaign=campaign, status=ReportRun.Status.DONE).exists():
        return
    started = timezone.now()
    run = ReportRun.objects.create(
        campaign=campaign,
        trigger=ReportRun.Trigger.SCHEDULED,
        send_to_group=True,
        status=ReportRun.Status.RUNNING,
        started=started,
        attempts=1,
    )
    try:
        content, pages = report_pdf(campaign=campaign)
    except ReportError as error:
        run.status, run.reason, run.finished = ReportRun.Status.FAILED, str(error), timezone.now()
        run.save()
        return
    run.file.save(run.filename(), ContentFile(content), save=False)
    run.status, run.pages, run.finished = ReportRun.Status.DONE, pages, timezone.now()
    run.save()
    context["stdout"].write(f"demo: progress report rendered ({pages} pages)")
