"""The dashboards' business settings with their defaults (documented in docs/dashboards.md)."""

from django.conf import settings


def reminder_days() -> tuple[int, ...]:
    """Days before a measure's due date on which its department contact is reminded (largest first)."""
    days = getattr(settings, "DASHBOARDS_REMINDER_DAYS", (7, 1))
    return tuple(sorted({int(d) for d in days}, reverse=True))


def escalation_repeat_days() -> int:
    """An overdue measure is escalated again every this many days (0: only once)."""
    return int(getattr(settings, "DASHBOARDS_ESCALATION_REPEAT_DAYS", 7))


def digest_weekday() -> int:
    """Weekday of the leaders' weekly digest (0 = Monday)."""
    return int(getattr(settings, "DASHBOARDS_DIGEST_WEEKDAY", 0))


def monthly_report_day() -> int:
    """Day of the month from which the monthly report is built and sent to the leading group (0: never)."""
    return int(getattr(settings, "DASHBOARDS_MONTHLY_REPORT_DAY", 1))


def sweep_crontab() -> dict:
    """When beat runs the sweep (created once; then edited in the admin)."""
    return dict(getattr(settings, "DASHBOARDS_SWEEP_CRONTAB", {"minute": "0", "hour": "7"}))


def lagging_list_limit() -> int:
    return int(getattr(settings, "DASHBOARDS_LIST_LIMIT", 15))


def ranking_shown() -> int:
    """The leaders' dashboard shows this many departments at the top and at the bottom of the ranking (and of
    reception spend); the full lists are a link away."""
    return int(getattr(settings, "DASHBOARDS_RANKING_SHOWN", 10))


def cache_seconds() -> int:
    """How long the leaders' dashboard keeps its figures (0: computed on every request). Any save of a measure,
    progress update, reception record, evaluation or organisation change renews them at once."""
    return int(getattr(settings, "DASHBOARDS_CACHE_SECONDS", 120))
