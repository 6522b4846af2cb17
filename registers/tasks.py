"""Thin tasks: recompute the register-fed indicators, escalate unanswered coordination requests."""

from celery import shared_task


@shared_task(name="registers.tasks.recompute_indicators")
def recompute_indicators(sources: list[str] | None = None, since: str | None = None) -> int:
    """Recompute the register-fed indicators (all, or those reading `sources`), for every period or for those
    ending on or after `since` (an ISO date)."""
    import datetime

    from .services import indicators_recompute

    return indicators_recompute(sources=sources, since=datetime.date.fromisoformat(since) if since else None)


@shared_task(name="registers.tasks.escalate_coordination")
def escalate_coordination() -> int:
    """Put unanswered coordination requests past their deadline before the leaders in charge."""
    from .services import coordination_escalate_overdue

    return len(coordination_escalate_overdue())
