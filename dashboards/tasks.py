"""Celery tasks of the dashboards app: thin wrappers that load by id and call a service."""

from celery import shared_task


@shared_task(name="dashboards.tasks.report_build")
def report_build(run_id: int) -> dict:
    from .services import report_build as build

    run = build(run_id=run_id)
    return {"run": run.pk, "status": run.status, "reason": run.reason}


@shared_task(name="dashboards.tasks.sweep")
def sweep() -> dict:
    """The one scheduled job: reminders, escalations, digests, cap warnings, rater reminders, the monthly report."""
    from .sweep import sweep_run

    return sweep_run()


@shared_task(name="dashboards.tasks.report_runs_expire")
def report_runs_expire() -> int:
    """Fail reports whose worker died mid-way, so that they can be retried."""
    from .services import report_runs_expire as expire

    return expire()
