"""Forms of the plan pages: campaign, pillar, measure (with its version), progress with files, readings, imports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from leadership.models import Department, Person
from leadership.widgets import DepartmentSelect

from . import conf
from .indicators import source_choices
from .models import Campaign, Indicator, IndicatorReading, Measure, Milestone, Pillar

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "title",
            "year",
            "start",
            "end",
            "status",
            "is_current",
            "script",
            "preamble",
            "guiding_ideology",
            "goals",
            "requirements",
        ]
        widgets = {
            "start": DATE,
            "end": DATE,
            "preamble": forms.Textarea(attrs={"rows": 3}),
            "guiding_ideology": forms.Textarea(attrs={"rows": 4}),
            "goals": forms.Textarea(attrs={"rows": 4}),
            "requirements": forms.Textarea(attrs={"rows": 4}),
        }

    with_default_pillars = forms.BooleanField(
        label=_("Start with the six default pillars"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["with_default_pillars"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date cannot be before the start date."))
        return cleaned


class PillarForm(forms.ModelForm):
    class Meta:
        model = Pillar
        fields = ["name", "type", "slogan", "leader_in_charge", "order", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign or self.instance.campaign
        self.fields["leader_in_charge"].queryset = Person.objects.filter(is_active=True)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Pillar.objects.filter(campaign=self.campaign, name=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("The campaign already has a pillar with this name."))
        return name


class MeasureForm(forms.ModelForm):
    """The office's measure form; `version` travels with the form so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Measure
        fields = [
            "pillar",
            "title",
            "detail",
            "lead_department",
            "cooperating_departments",
            "responsible_leader",
            "start",
            "due",
            "weight",
            "order",
        ]
        widgets = {
            "start": DATE,
            "due": DATE,
            "detail": forms.Textarea(attrs={"rows": 4}),
            "title": forms.TextInput(),
            "lead_department": DepartmentSelect(),
            "cooperating_departments": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        campaign = campaign or self.instance.pillar.campaign
        self.fields["pillar"].queryset = Pillar.objects.filter(campaign=campaign)
        self.fields["lead_department"].queryset = Department.objects.filter(is_active=True)
        self.fields["cooperating_departments"].queryset = Department.objects.filter(is_active=True)
        self.fields["responsible_leader"].queryset = Person.objects.filter(is_active=True)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        if not self.instance.pk:
            self.fields["version"].required = False

    def clean(self):
        cleaned = super().clean()
        start, due = cleaned.get("start"), cleaned.get("due")
        if start and due and due < start:
            self.add_error("due", _("The due date cannot be before the start date."))
        pillar, title = cleaned.get("pillar"), cleaned.get("title")
        if pillar and title:
            clash = Measure.objects.filter(pillar=pillar, title=title.strip()).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("title", _("The pillar already has a measure with this title."))
        return cleaned

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "cooperating_departments"}
        data["title"] = data["title"].strip()
        return data


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due", "done_on"]
        widgets = {"due": DATE, "done_on": DATE}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class ProgressForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE)
    percent = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, Word (docx), Excel (xlsx), JPEG or PNG; up to %(size)s MB each."),
        widget=MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = self.fields["files"].help_text % {
            "size": conf.upload_max_bytes() // (1024 * 1024)
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["pillar", "name", "unit", "target", "direction", "frequency", "source", "order", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        campaign = campaign or self.instance.pillar.campaign
        self.fields["pillar"].queryset = Pillar.objects.filter(campaign=campaign)
        choices = [("", _("Typed in by departments"))] + source_choices()
        if self.instance.source and self.instance.source not in dict(choices):
            choices.append((self.instance.source, self.instance.source))
        self.fields["source"] = forms.ChoiceField(
            label=_("computed from"), choices=choices, required=False, initial=self.instance.source
        )


class ReadingForm(forms.ModelForm):
    class Meta:
        model = IndicatorReading
        fields = ["department", "period_start", "period_end", "value", "note"]
        widgets = {"department": DepartmentSelect(), "period_start": DATE, "period_end": DATE}

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments if departments is not None else Department.objects.all()
        self.fields["period_end"].required = False


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("Excel (xlsx) or CSV (UTF-8 or GBK); the first row holds the column names."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class ConfirmImportForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(widget=forms.HiddenInput)
