"""Forms for requests, records (with their meals, lodging, gifts, events and guests), decisions and settings."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from leadership.models import Department, Person
from leadership.widgets import DepartmentSelect
from liujiguan.permissions import Action, can, user_department_id

from .models import (
    Budget,
    Gift,
    Guest,
    Lodging,
    Meal,
    ReceptionPolicy,
    ReceptionRecord,
    ReceptionRequest,
    Venue,
    WelcomeEvent,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HostDepartmentMixin:
    """Department contacts host only for their own department; office staff choose."""

    def limit_host_department(self, user):
        field = self.fields["host_department"]
        field.queryset = Department.objects.filter(is_active=True)
        if not can(user, Action.MANAGE):
            own = user_department_id(user)
            field.queryset = Department.objects.filter(pk=own)
            field.initial = own
            field.empty_label = None

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The departure cannot be before the arrival."))
        return data


class ReceptionRequestForm(HostDepartmentMixin, forms.ModelForm):
    class Meta:
        model = ReceptionRequest
        fields = [
            "host_department",
            "visiting_unit",
            "visiting_city",
            "letter_reference",
            "purpose",
            "guests",
            "highest_rank",
            "start_date",
            "end_date",
            "planned_meals",
            "planned_lodging_nights",
            "planned_arrangements",
            "estimated_cost",
        ]
        widgets = {
            "host_department": DepartmentSelect(),
            "start_date": DATE,
            "end_date": DATE,
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "planned_arrangements": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_host_department(user)


class RequestDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReceptionRecordForm(HostDepartmentMixin, forms.ModelForm):
    class Meta:
        model = ReceptionRecord
        fields = [
            "host_department",
            "visiting_unit",
            "visiting_city",
            "letter_reference",
            "activity",
            "guests",
            "highest_rank",
            "start_date",
            "end_date",
            "accompanying_levels",
            "transport_cost",
            "transport_note",
            "other_cost",
            "other_cost_note",
            "payment_method",
            "responsible_person",
        ]
        widgets = {
            "host_department": DepartmentSelect(),
            "start_date": DATE,
            "end_date": DATE,
            "activity": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_host_department(user)
        self.fields["responsible_person"].queryset = Person.objects.filter(is_active=True).select_related("department")


class RowForm(forms.ModelForm):
    """A compact table row: Bootstrap's small controls."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select form-select-sm"
            else:
                widget.attrs["class"] = "form-control form-control-sm"


class RecordChildFormSet(BaseInlineFormSet):
    """Rows of a record; dated rows must fall within the reception's dates."""

    def clean(self):
        super().clean()
        start, end = self.instance.start_date, self.instance.end_date
        if not start or not end:
            return
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            day = form.cleaned_data.get("date")
            if day and not (start <= day <= end):
                form.add_error(
                    "date",
                    _("The meal is dated %(day)s, outside the reception (%(start)s – %(end)s).")
                    % {"day": day, "start": start, "end": end},
                )


def _venue_widget():
    return forms.TextInput(attrs={"list": "designated-venues", "autocomplete": "off"})


MealFormSet = inlineformset_factory(
    ReceptionRecord,
    Meal,
    form=RowForm,
    formset=RecordChildFormSet,
    fields=["date", "kind", "venue", "guests", "accompanying", "alcohol", "buffet_or_canteen", "cost"],
    widgets={"date": DATE, "venue": _venue_widget()},
    extra=1,
    can_delete=True,
)
LodgingFormSet = inlineformset_factory(
    ReceptionRecord,
    Lodging,
    form=RowForm,
    formset=RecordChildFormSet,
    fields=["venue", "nights", "rooms", "cost"],
    widgets={"venue": _venue_widget()},
    extra=1,
    can_delete=True,
)
GuestFormSet = inlineformset_factory(
    ReceptionRecord, Guest, form=RowForm, formset=RecordChildFormSet, fields=["name", "post"], extra=1, can_delete=True
)
GiftFormSet = inlineformset_factory(
    ReceptionRecord,
    Gift,
    form=RowForm,
    formset=RecordChildFormSet,
    fields=["description", "kind", "value"],
    extra=1,
    can_delete=True,
)
EventFormSet = inlineformset_factory(
    ReceptionRecord,
    WelcomeEvent,
    form=RowForm,
    formset=RecordChildFormSet,
    fields=["kind", "place_kind", "place"],
    extra=1,
    can_delete=True,
)

RECORD_FORMSETS = [
    ("guests", GuestFormSet, _("Guests")),
    ("meals", MealFormSet, _("Meals")),
    ("lodgings", LodgingFormSet, _("Lodging")),
    ("events", EventFormSet, _("Welcomes and send-offs")),
    ("gifts", GiftFormSet, _("Gifts given")),
]


class SignOffForm(forms.Form):
    justification = forms.CharField(
        label=_("Leader's justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the record has findings: why it is signed off all the same."),
    )

    def __init__(self, *args, needs_justification=False, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_justification:
            self.fields["justification"].required = True
        else:
            self.fields["justification"].widget = forms.HiddenInput()


class CapOverrideForm(forms.Form):
    reason = forms.CharField(label=_("Reason for passing the cap"), widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Invoice scan or document"))
    description = forms.CharField(label=_("Description"), max_length=200, required=False)


class ReceptionPolicyForm(forms.ModelForm):
    class Meta:
        model = ReceptionPolicy
        fields = [
            "effective_from",
            "title",
            "host_city",
            "meal_standard",
            "lodging_standard",
            "work_meals_allowed",
            "accompany_small_group_max",
            "accompany_small_group_limit",
            "accompany_large_group_divisor",
            "accompany_tiny_group_max",
            "accompany_tiny_group_limit",
            "designated_venues",
            "designated_venues_only",
            "no_lunch_alcohol",
            "dinner_alcohol_allowed",
            "buffet_or_canteen",
            "no_same_city",
            "no_welcome_at_stations",
            "no_layered_accompaniment",
            "no_gifts",
            "no_accompanying_meals",
        ]
        widgets = {"effective_from": DATE, "designated_venues": forms.CheckboxSelectMultiple}

    def clean(self):
        data = super().clean()
        if data.get("accompany_tiny_group_max") is not None and data.get("accompany_tiny_group_limit") is None:
            self.add_error("accompany_tiny_group_limit", _("Give the limit for the stricter tier."))
        return data


class BudgetForm(forms.ModelForm):
    class Meta:
        model = Budget
        fields = ["year", "department", "amount", "warning_percent", "alert_percent"]

    def clean(self):
        data = super().clean()
        warn, alert = data.get("warning_percent"), data.get("alert_percent")
        if warn is not None and alert is not None and alert < warn:
            self.add_error("alert_percent", _("The alert threshold cannot be below the warning threshold."))
        duplicate = Budget.objects.filter(year=data.get("year"), department=data.get("department"))
        if self.instance.pk:
            duplicate = duplicate.exclude(pk=self.instance.pk)
        if data.get("year") and duplicate.exists():
            raise ValidationError(_("There is already a cap for this year and department."))
        return data


class BudgetImportForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (xlsx or csv)"), help_text=_("Columns: year, department, amount."))


class VenueForm(forms.ModelForm):
    class Meta:
        model = Venue
        fields = ["name", "kind", "address", "is_active"]
