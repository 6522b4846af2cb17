"""Forms for departments, people, posts and charges."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Charge, Department, Membership, Person
from .widgets import DepartmentSelect


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "kind", "parent", "contact", "phone", "address", "duties", "order", "is_active"]
        widgets = {"parent": DepartmentSelect(include_inactive=True)}


class DepartmentContactForm(forms.ModelForm):
    """What a department contact may change about their own department."""

    class Meta:
        model = Department
        fields = ["phone", "address", "duties"]


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "title", "department", "phone", "email", "is_active"]
        widgets = {"department": DepartmentSelect(include_inactive=True)}


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["person", "role", "start", "end", "order"]
        widgets = {"start": forms.DateInput(attrs={"type": "date"}), "end": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["person"].queryset = Person.objects.filter(is_active=True)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date cannot be before the start date."))
        person, role = cleaned.get("person"), cleaned.get("role")
        if person and role and not end and self.campaign is not None:
            clash = Membership.objects.filter(campaign=self.campaign, person=person, role=role, end__isnull=True)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("role", _("This person already holds this post in the campaign."))
        return cleaned


class ChargeForm(forms.ModelForm):
    class Meta:
        model = Charge
        fields = ["person", "department", "start", "end"]
        widgets = {
            "department": DepartmentSelect(include_inactive=True),
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["person"].queryset = (
            Person.objects.filter(
                memberships__campaign=campaign, memberships__role__in=[Membership.Role.LEADER, Membership.Role.DEPUTY]
            ).distinct()
            if campaign
            else Person.objects.none()
        )

    def clean(self):
        cleaned = super().clean()
        department, end = cleaned.get("department"), cleaned.get("end")
        if department and not end and self.campaign is not None:
            clash = Charge.objects.filter(campaign=self.campaign, department=department, end__isnull=True)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "department", _("Another leader is in charge of this department; end that charge first.")
                )
        return cleaned


class EndPostForm(forms.Form):
    end = forms.DateField(label=_("Ended on"), widget=forms.DateInput(attrs={"type": "date"}))


class DepartmentPickForm(forms.Form):
    """Switch a page to another active department (the department dashboard); submits itself on change."""

    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.filter(is_active=True).order_by("order", "name"),
        empty_label=None,
        widget=DepartmentSelect(attrs={"class": "form-select form-select-sm", "data-autosubmit": "1"}),
    )
