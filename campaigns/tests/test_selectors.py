"""The traffic light, the roll-ups and the reminder lists, computed in SQL."""

import datetime
from decimal import Decimal

import pytest
from django.test import override_settings

from campaigns import selectors
from campaigns.models import Measure

from .conftest import TODAY
from .factories import MeasureFactory

D = datetime.date


def light_of(measure, today=TODAY):
    return selectors.measure_list(user=None, today=today).get(pk=measure.pk).light


@pytest.mark.django_db
class TestLight:
    def test_open_measure_past_due_is_red_and_overdue(self, pillar):
        m = MeasureFactory(pillar=pillar, start=D(2026, 1, 1), due=D(2026, 11, 27), progress=90)
        row = selectors.measure_list(user=None, today=TODAY).get(pk=m.pk)
        assert row.light == "red"
        assert row.is_overdue is True

    def test_due_today_is_not_overdue(self, pillar):
        m = MeasureFactory(pillar=pillar, start=D(2026, 1, 1), due=TODAY, progress=100)
        row = selectors.measure_list(user=None, today=TODAY).get(pk=m.pk)
        assert row.light == "blue"
        assert row.is_overdue is False

    def test_reported_or_verified_after_due_is_green_not_overdue(self, pillar):
        m = MeasureFactory(pillar=pillar, due=D(2026, 3, 1), status=Measure.Status.VERIFIED, progress=100)
        row = selectors.measure_list(user=None, today=TODAY).get(pk=m.pk)
        assert (row.light, row.is_overdue) == ("green", False)

    def test_returned_measure_past_due_is_red(self, pillar):
        m = MeasureFactory(pillar=pillar, due=D(2026, 3, 1), status=Measure.Status.RETURNED, progress=100)
        assert light_of(m) == "red"

    def test_cancelled_is_grey(self, pillar):
        m = MeasureFactory(pillar=pillar, due=D(2026, 3, 1), status=Measure.Status.CANCELLED)
        assert light_of(m) == "grey"

    def test_lagging_progress_is_yellow(self, pillar):
        # 2026-01-01 .. 2027-01-01: on 2026-07-02 half the time (182 of 365 days) has passed.
        m = MeasureFactory(pillar=pillar, start=D(2026, 1, 1), due=D(2027, 1, 1), progress=35)
        assert light_of(m, D(2026, 7, 2)) == "yellow"
        m.progress = 45
        m.save()
        assert light_of(m, D(2026, 7, 2)) == "green"  # within the default 10-point tolerance

    @override_settings(CAMPAIGNS_LAG_TOLERANCE=0)
    def test_lag_tolerance_is_configurable(self, pillar):
        m = MeasureFactory(pillar=pillar, start=D(2026, 1, 1), due=D(2027, 1, 1), progress=45)
        assert light_of(m, D(2026, 7, 2)) == "yellow"

    def test_due_within_window_is_blue(self, pillar):
        m = MeasureFactory(pillar=pillar, start=D(2026, 1, 1), due=D(2026, 12, 4), progress=99)
        assert light_of(m) == "blue"
        m.due = D(2026, 12, 6)
        m.save()
        assert light_of(m) == "green"

    @override_settings(CAMPAIGNS_DUE_SOON_DAYS=14)
    def test_due_soon_window_is_configurable(self, pillar):
        m = MeasureFactory(pillar=pillar, start=D(2026, 1, 1), due=D(2026, 12, 10), progress=99)
        assert light_of(m) == "blue"

    def test_filter_by_light(self, pillar):
        red = MeasureFactory(pillar=pillar, due=D(2026, 11, 1))
        MeasureFactory(pillar=pillar, due=D(2026, 12, 31), progress=95)
        assert list(selectors.measure_list(user=None, light="red", today=TODAY)) == [red]


@pytest.mark.django_db
def test_rollups_are_weighted_and_leave_cancelled_out(org, pillar):
    MeasureFactory(pillar=pillar, weight=Decimal("3"), progress=100)
    MeasureFactory(pillar=pillar, weight=Decimal("1"), progress=0)
    MeasureFactory(pillar=pillar, weight=Decimal("5"), progress=0, status=Measure.Status.CANCELLED)
    row = selectors.pillar_progress(campaign=org.campaign).get(pk=pillar.pk)
    assert row.progress == Decimal("75")
    assert row.measure_count == 2
    assert selectors.campaign_progress(campaign=org.campaign) == Decimal("75.0")


@pytest.mark.django_db
def test_empty_campaign_has_no_progress(org):
    assert selectors.campaign_progress(campaign=org.campaign) is None


@pytest.mark.django_db
def test_reminder_lists(pillar):
    soon = MeasureFactory(pillar=pillar, due=D(2026, 12, 2))
    late = MeasureFactory(pillar=pillar, due=D(2026, 11, 2))
    MeasureFactory(pillar=pillar, due=D(2026, 11, 2), status=Measure.Status.VERIFIED)
    assert list(selectors.measures_due(within_days=7, today=TODAY)) == [soon]
    assert list(selectors.measures_overdue(today=TODAY)) == [late]


@pytest.mark.django_db
def test_department_sees_only_own_measures(org, measure_a, measure_b):
    assert list(selectors.measure_list(user=org.users["dept_a"])) == [measure_a]
    assert set(selectors.measure_list(user=org.users["leader"])) == {measure_a, measure_b}


@pytest.mark.django_db
def test_light_counts(org, pillar):
    MeasureFactory(pillar=pillar, due=D(2026, 11, 1))
    MeasureFactory(pillar=pillar, due=D(2026, 11, 2))
    MeasureFactory(pillar=pillar, due=D(2026, 12, 31), progress=95)
    assert selectors.light_counts(campaign=org.campaign, today=TODAY) == {"red": 2, "green": 1}
    assert selectors.light_counts(campaign=org.campaign, today=TODAY, by="pillar") == {
        pillar.pk: {"red": 2, "green": 1}
    }
