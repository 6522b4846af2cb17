"""List filters for requests and records."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from leadership.models import Department
from leadership.widgets import DepartmentSelect

from .models import ReceptionRecord, ReceptionRequest


class SearchMixin(django_filters.FilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = getattr(field.widget, "input_type", None) == "select" or hasattr(field.widget, "choices")
            field.widget.attrs["class"] = "form-select form-select-sm" if is_select else "form-control form-control-sm"

    q = django_filters.CharFilter(label=_("Search"), method="search")
    year = django_filters.NumberFilter(label=_("Year"), field_name="start_date", lookup_expr="year")
    has_findings = django_filters.BooleanFilter(label=_("With findings"), method="with_findings")

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(visiting_unit__icontains=value) | Q(letter_reference__icontains=value) | Q(visiting_city__icontains=value)
        )

    def with_findings(self, queryset, name, value):
        return queryset.filter(finding_count__gt=0) if value else queryset.filter(finding_count=0)


class ReceptionRecordFilter(SearchMixin):
    host_department = django_filters.ModelChoiceFilter(
        label=_("Host department"), queryset=Department.objects.filter(is_active=True), widget=DepartmentSelect()
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReceptionRecord.Status.choices)
    over_cap = django_filters.BooleanFilter(label=_("Over the cap"))

    class Meta:
        model = ReceptionRecord
        fields = ["q", "year", "host_department", "status", "has_findings", "over_cap"]


class ReceptionRequestFilter(SearchMixin):
    host_department = django_filters.ModelChoiceFilter(
        label=_("Host department"), queryset=Department.objects.filter(is_active=True), widget=DepartmentSelect()
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReceptionRequest.Status.choices)

    class Meta:
        model = ReceptionRequest
        fields = ["q", "year", "host_department", "status", "has_findings"]
