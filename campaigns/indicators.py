"""Computed indicators: a tiny registry of sources, period arithmetic, and the recompute service.

Another app registers a source in its AppConfig.ready():

    from campaigns.indicators import register_source
    register_source("registers.meetings", _("Meetings held"), compute)

where `compute(indicator, period_start, period_end)` returns `[(department_id or None, Decimal), ...]`.
An Indicator whose `source` is that key then gets its readings from `indicator_recompute`.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Indicator, IndicatorReading

Compute = Callable[[Indicator, date, date], list[tuple[int | None, Decimal]]]


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    compute: Compute


_SOURCES: dict[str, Source] = {}


def register_source(key: str, label, compute: Compute) -> None:
    """Make `key` available as an Indicator.source (registering the same key again replaces it)."""
    _SOURCES[key] = Source(key, label, compute)


def source_get(key: str) -> Source | None:
    return _SOURCES.get(key)


def source_choices() -> list[tuple[str, str]]:
    return [(source.key, str(source.label)) for source in sorted(_SOURCES.values(), key=lambda s: s.key)]


def period_bounds(frequency: str, day: date) -> tuple[date, date]:
    """The monthly, quarterly or yearly period that contains `day`."""
    if frequency == Indicator.Frequency.YEARLY:
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if frequency == Indicator.Frequency.QUARTERLY:
        first_month = 3 * ((day.month - 1) // 3) + 1
        last_month = first_month + 2
        return date(day.year, first_month, 1), date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])
    return date(day.year, day.month, 1), date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def periods_between(frequency: str, start: date, end: date) -> list[tuple[date, date]]:
    """Consecutive periods from the one containing `start` to the one containing `end`."""
    periods = []
    cursor = start
    while cursor <= end:
        first, last = period_bounds(frequency, cursor)
        periods.append((first, last))
        cursor = date.fromordinal(last.toordinal() + 1)
    return periods


@transaction.atomic
def indicator_recompute(*, indicator: Indicator, period_start: date, period_end: date) -> list[IndicatorReading]:
    """Compute a sourced indicator for one period and store the results as automatic readings, replacing the
    automatic readings stored earlier for that period (typed readings for the same department are overwritten)."""
    source = source_get(indicator.source)
    if source is None:
        raise ValidationError(
            _("No computation is registered for “%(source)s”.") % {"source": indicator.source or "—"},
            code="unknown_source",
        )
    results = source.compute(indicator, period_start, period_end)
    IndicatorReading.objects.filter(indicator=indicator, period_start=period_start, is_automatic=True).delete()
    readings = []
    for department_id, value in results:
        reading, _created = IndicatorReading.objects.update_or_create(
            indicator=indicator,
            department_id=department_id,
            period_start=period_start,
            defaults={"period_end": period_end, "value": Decimal(value), "is_automatic": True, "author": None},
        )
        readings.append(reading)
    return readings
