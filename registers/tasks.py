"""Thin tasks: recompute the register-fed indicators, escalate unanswered coordination requests."""

from celery import shared_task


@shared_task(name="registers.tasks.recompute_indicators")
def recompute_indicators(sources: list[str] | None = None) -> int:
    """Recompute every period of the register-fed indicators (all, or those reading `sources`)."""
    from .services import indicators_recompute

    return indicators_recompute(sources=sources)


@shared_task(name="registers.tasks.escalate_coordination")
def escalate_coordination() -> int:
    """Put unanswered coordination requests past their deadline before the leaders in charge."""
    from .services import coordination_escalate_overdue

    return len(coordination_escalate_overdue())
