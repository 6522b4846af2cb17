"""List filters for measures and indicator readings (django-filter)."""

from datetime import timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leadership.models import Department
from leadership.widgets import DepartmentSelect
from liujiguan.script import contains_in_either_script

from .choices import Light
from .models import Indicator, IndicatorReading, Measure, Pillar


class MeasureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    pillar = django_filters.ModelChoiceFilter(label=_("Pillar"), queryset=Pillar.objects.none())
    lead_department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.all(), widget=DepartmentSelect(include_inactive=True)
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Measure.Status.choices)
    light = django_filters.ChoiceFilter(label=_("Light"), choices=Light.choices)
    due_within = django_filters.ChoiceFilter(
        label=_("Due within"),
        method="filter_due_within",
        choices=[("7", _("7 days")), ("30", _("30 days")), ("90", _("90 days"))],
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    unassigned = django_filters.BooleanFilter(label=_("Awaiting assignment"), method="filter_unassigned")
    done = django_filters.BooleanFilter(label=_("Done (reported or verified)"), method="filter_done")
    cancelled = django_filters.BooleanFilter(label=_("Cancelled"), method="filter_cancelled")

    class Meta:
        model = Measure
        fields = [
            "q",
            "pillar",
            "lead_department",
            "status",
            "light",
            "due_within",
            "overdue",
            "unassigned",
            "done",
            "cancelled",
        ]

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        if campaign is not None:
            self.filters["pillar"].queryset = Pillar.objects.filter(campaign=campaign)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(contains_in_either_script(value, "title", "detail", "lead_department__name"))

    def filter_due_within(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(
            status__in=Measure.OPEN_STATUSES, due__gte=today, due__lte=today + timedelta(days=int(value))
        )

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(is_overdue=value)

    def filter_unassigned(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(lead_department__isnull=value)

    def filter_done(self, queryset, name, value):
        if value is None:
            return queryset
        done = Q(status__in=Measure.DONE_STATUSES)
        return queryset.filter(done if value else ~done)

    def filter_cancelled(self, queryset, name, value):
        if value is None:
            return queryset
        cancelled = Q(status=Measure.Status.CANCELLED)
        return queryset.filter(cancelled if value else ~cancelled)


class ReadingFilter(django_filters.FilterSet):
    indicator = django_filters.ModelChoiceFilter(label=_("Indicator"), queryset=Indicator.objects.none())
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.all(), widget=DepartmentSelect(include_inactive=True)
    )
    period_start = django_filters.DateFromToRangeFilter(label=_("Period starting"))

    class Meta:
        model = IndicatorReading
        fields = ["indicator", "department", "period_start"]

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        if campaign is not None:
            self.filters["indicator"].queryset = Indicator.objects.filter(pillar__campaign=campaign)
