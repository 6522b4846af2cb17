"""List filters of the registers (django-filter): department, date window, kind or status, search."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from leadership.models import Department
from leadership.widgets import DepartmentSelect

from .models import (
    CoordinationRequest,
    Document,
    Meeting,
    PublicIssue,
    ResearchReport,
    ServiceCase,
    ServiceVisit,
    StudyActivity,
    Trip,
    Vehicle,
)

DATE = forms.DateInput(attrs={"type": "date"})


def _departments(request):
    return Department.objects.filter(is_active=True)


class RegisterFilter(django_filters.FilterSet):
    """Shared filters; subclasses name their date field and searchable fields."""

    date_field = "date"
    search_fields: tuple = ()

    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=_departments, widget=DepartmentSelect()
    )
    date_from = django_filters.DateFilter(label=_("From"), method="filter_from", widget=DATE)
    date_to = django_filters.DateFilter(label=_("Until"), method="filter_to", widget=DATE)
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault(
                "class", "form-select form-select-sm" if is_select else "form-control form-control-sm"
            )

    def filter_from(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__gte": value})

    def filter_to(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__lte": value})

    def filter_search(self, queryset, name, value):
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


class StudyActivityFilter(RegisterFilter):
    search_fields = ("topic", "speaker", "place")

    class Meta:
        model = StudyActivity
        fields = ["department", "kind"]


class ResearchReportFilter(RegisterFilter):
    date_field = "submitted"
    search_fields = ("title", "summary", "author__name")

    class Meta:
        model = ResearchReport
        fields = ["department"]


class MeetingFilter(RegisterFilter):
    search_fields = ("title",)
    over_cap = django_filters.BooleanFilter(label=_("Over a cap"), method="filter_over_cap")

    class Meta:
        model = Meeting
        fields = ["department", "kind"]

    def filter_over_cap(self, queryset, name, value):
        return queryset.exclude(cap_warnings=[]) if value else queryset.filter(cap_warnings=[])


class DocumentFilter(RegisterFilter):
    date_field = "issued"
    search_fields = ("number", "title")
    over_cap = django_filters.BooleanFilter(label=_("Over a cap"), method="filter_over_cap")

    class Meta:
        model = Document
        fields = ["department"]

    def filter_over_cap(self, queryset, name, value):
        return queryset.exclude(cap_warnings=[]) if value else queryset.filter(cap_warnings=[])


class ServiceCaseFilter(RegisterFilter):
    date_field = "received"
    search_fields = ("reference", "matter", "applicant")
    open = django_filters.BooleanFilter(label=_("Still open"), field_name="completed", lookup_expr="isnull")

    class Meta:
        model = ServiceCase
        fields = ["department"]


class PublicIssueFilter(RegisterFilter):
    date_field = "received"
    search_fields = ("reference", "title", "description", "raised_by_name")

    class Meta:
        model = PublicIssue
        fields = ["department", "status", "source"]


class ServiceVisitFilter(RegisterFilter):
    search_fields = ("place", "purpose", "outcome")

    class Meta:
        model = ServiceVisit
        fields = ["department"]


class VehicleFilter(RegisterFilter):
    search_fields = ("plate", "model_name")
    date_from = None
    date_to = None

    class Meta:
        model = Vehicle
        fields = ["department", "is_active"]


class TripFilter(RegisterFilter):
    date_field = "start__date"
    search_fields = ("purpose", "destination", "driver__name", "vehicle__plate")

    class Meta:
        model = Trip
        fields = ["department", "vehicle", "is_flagged"]


class CoordinationRequestFilter(RegisterFilter):
    date_field = "deadline"
    search_fields = ("matter", "detail")
    bounced = django_filters.BooleanFilter(label=_("Passed on (推诿扯皮)"), field_name="is_bounced")
    pending = django_filters.BooleanFilter(label=_("Awaiting answers"), field_name="is_pending")

    class Meta:
        model = CoordinationRequest
        fields = ["department"]
