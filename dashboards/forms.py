"""Dashboard filters (pillar, department, period) and the report request form."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Pillar
from leadership.models import Department
from leadership.widgets import DepartmentSelect

PERIODS = [
    ("", _("Whole campaign")),
    ("overdue", _("Past due")),
    ("week", _("Due within a week")),
    ("month", _("Due this month")),
    ("quarter", _("Due this quarter")),
    ("next30", _("Due in the next 30 days")),
]


def period_range(period: str, today: date) -> tuple[date | None, date | None]:
    """The due-date window of a period preset."""
    if period == "overdue":
        return None, today - timedelta(days=1)
    if period == "week":
        return today, today + timedelta(days=7)
    if period == "month":
        start = today.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return start, end
    if period == "quarter":
        first_month = 3 * ((today.month - 1) // 3) + 1
        start = today.replace(month=first_month, day=1)
        end = (start + timedelta(days=95)).replace(day=1) - timedelta(days=1)
        return start, end
    if period == "next30":
        return today, today + timedelta(days=30)
    return None, None


class DashboardFilterForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.none(), required=False, empty_label=_("Current campaign")
    )
    pillar = forms.ModelChoiceField(
        label=_("Pillar"), queryset=Pillar.objects.none(), required=False, empty_label=_("All pillars")
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("All departments"),
        widget=DepartmentSelect(),
    )
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.only("pk", "title", "year").order_by("-year", "-pk")
        self.fields["pillar"].queryset = (
            Pillar.objects.filter(campaign=campaign).order_by("order", "pk") if campaign else Pillar.objects.none()
        )
        self.fields["department"].queryset = Department.objects.filter(is_active=True).order_by("order", "name")
        for field in self.fields.values():
            field.widget.attrs.update({"class": "form-select form-select-sm", "data-autosubmit": "1"})

    def window(self):
        period = self.cleaned_data.get("period") or "" if self.is_valid() else ""
        return period_range(period, timezone.localdate())


class ReportRequestForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.none())
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("Whole campaign"),
        help_text=_("Leave empty for the report of the whole campaign."),
        widget=DepartmentSelect(),
    )

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.order_by("-is_current", "-year", "-pk")
        self.fields["department"].queryset = departments if departments is not None else Department.objects.all()
