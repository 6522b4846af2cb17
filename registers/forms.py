"""Forms for entering register records; a department contact's department is fixed to their own."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leadership.models import Department, Person
from leadership.widgets import DepartmentSelect
from liujiguan.permissions import user_department_id, visible_department_ids

from .models import (
    Attendance,
    CoordinationRequest,
    Document,
    Holiday,
    Meeting,
    PublicIssue,
    RegisterPolicy,
    ResearchReport,
    ServiceCase,
    ServiceVisit,
    StudyActivity,
    Trip,
    Vehicle,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class DepartmentRecordForm(forms.ModelForm):
    """Offers the departments the user may record for; a department contact has only their own."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "department" in self.fields:
            field = self.fields["department"]
            field.widget = DepartmentSelect(attrs=field.widget.attrs)  # its choices come with the queryset below
            departments = Department.objects.filter(is_active=True)
            ids = visible_department_ids(user) if user is not None else None
            if ids is not None:
                departments = departments.filter(pk__in=ids)
                if not self.instance.pk:
                    self.fields["department"].initial = user_department_id(user)
            self.fields["department"].queryset = departments
        for name in ("person", "author", "driver", "approved_by"):
            if name in self.fields:
                self.fields[name].queryset = Person.objects.filter(is_active=True).select_related("department")


class StudyActivityForm(DepartmentRecordForm):
    class Meta:
        model = StudyActivity
        fields = ["department", "kind", "date", "topic", "hours", "place", "speaker", "note"]
        labels = {"department": _("Organising department")}
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 3})}


class AttendanceForm(forms.Form):
    """Mark each called person's attendance; choose people to add by department."""

    add_people = forms.ModelMultipleChoiceField(
        label=_("Add people"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    add_department = forms.ModelChoiceField(
        label=_("Add everyone in a department"),
        queryset=Department.objects.none(),
        required=False,
        widget=DepartmentSelect(),
    )

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.rows = list(activity.attendances.select_related("person", "person__department").order_by("person__name"))
        for row in self.rows:
            self.fields[f"status_{row.person_id}"] = forms.ChoiceField(
                label=row.person.name,
                choices=[*Attendance.Status.choices, ("remove", _("Remove"))],
                initial=row.status,
            )
        self.fields["add_people"].queryset = Person.objects.filter(is_active=True).select_related("department")
        self.fields["add_department"].queryset = Department.objects.filter(is_active=True)

    def statuses(self) -> dict:
        result = {}
        for row in self.rows:
            value = self.cleaned_data.get(f"status_{row.person_id}")
            result[row.person] = None if value == "remove" else value
        for person in self.cleaned_data.get("add_people") or []:
            result.setdefault(person, Attendance.Status.PRESENT)
        department = self.cleaned_data.get("add_department")
        if department:
            for person in Person.objects.filter(department=department, is_active=True):
                result.setdefault(person, Attendance.Status.PRESENT)
        return result


class ResearchReportForm(DepartmentRecordForm):
    class Meta:
        model = ResearchReport
        fields = ["department", "title", "author", "submitted", "activity", "summary"]
        widgets = {"submitted": DATE, "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = StudyActivity.objects.filter(kind=StudyActivity.Kind.RESEARCH)


class MeetingForm(DepartmentRecordForm):
    class Meta:
        model = Meeting
        fields = ["department", "kind", "date", "title", "attendees", "duration_minutes"]
        widgets = {"date": DATE}


class DocumentForm(DepartmentRecordForm):
    class Meta:
        model = Document
        fields = ["department", "number", "title", "issued"]
        widgets = {"issued": DATE}


class ServiceCaseForm(DepartmentRecordForm):
    class Meta:
        model = ServiceCase
        fields = ["department", "reference", "matter", "applicant", "received", "promised_days", "completed"]
        widgets = {"received": DATE, "completed": DATE}

    def clean(self):
        cleaned = super().clean()
        received, completed = cleaned.get("received"), cleaned.get("completed")
        if received and completed and completed < received:
            self.add_error("completed", _("A case cannot be completed before it was received."))
        return cleaned


class PublicIssueForm(DepartmentRecordForm):
    class Meta:
        model = PublicIssue
        fields = ["reference", "title", "description", "source", "raised_by_name", "received", "department", "deadline"]
        labels = {"department": _("Assigned to")}
        widgets = {"received": DATE, "deadline": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        received, deadline = cleaned.get("received"), cleaned.get("deadline")
        if received and deadline and deadline < received:
            self.add_error("deadline", _("The deadline cannot be before the issue was received."))
        return cleaned


class IssueProgressForm(forms.ModelForm):
    class Meta:
        model = PublicIssue
        fields = ["status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [c for c in PublicIssue.Status.choices if c[0] != PublicIssue.Status.RESOLVED]


class IssueResolveForm(forms.Form):
    resolved = forms.DateField(label=_("Resolved on"), widget=DATE, initial=timezone.localdate)
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 3}))


class ServiceVisitForm(DepartmentRecordForm):
    class Meta:
        model = ServiceVisit
        fields = ["department", "date", "place", "purpose", "participants", "outcome"]
        widgets = {"date": DATE, "outcome": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = Person.objects.filter(is_active=True).select_related("department")


class VehicleForm(DepartmentRecordForm):
    class Meta:
        model = Vehicle
        fields = ["department", "plate", "model_name", "is_active"]


class TripForm(DepartmentRecordForm):
    class Meta:
        model = Trip
        fields = [
            "department",
            "vehicle",
            "driver",
            "purpose",
            "destination",
            "start",
            "end",
            "distance_km",
            "approval_number",
            "approved_by",
        ]
        widgets = {"start": DATETIME, "end": DATETIME}
        help_texts = {
            "approval_number": _("Trips at weekends, on holidays or at night need an approval."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vehicles = Vehicle.objects.filter(is_active=True)
        ids = visible_department_ids(self.user) if self.user is not None else None
        if ids is not None:
            vehicles = vehicles.filter(department_id__in=ids)
        self.fields["vehicle"].queryset = vehicles

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return cleaned


class TripReviewForm(forms.ModelForm):
    class Meta:
        model = Trip
        fields = ["review_note"]


class CoordinationRequestForm(DepartmentRecordForm):
    departments = forms.ModelMultipleChoiceField(
        label=_("Asked departments"),
        queryset=Department.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CoordinationRequest
        fields = ["department", "matter", "detail", "deadline", "departments"]
        labels = {"department": _("Asking department")}
        widgets = {"deadline": DATE, "detail": forms.Textarea(attrs={"rows": 4})}

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The response deadline cannot be in the past."))
        return deadline


class CoordinationAnswerForm(forms.Form):
    ACCEPT, DECLINE, PASS_ON = "accept", "decline", "pass_on"
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[(ACCEPT, _("Accept")), (DECLINE, _("Decline")), (PASS_ON, _("Pass on to another department"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Answer or reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    department = forms.ModelChoiceField(
        label=_("Pass on to"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        widget=DepartmentSelect(),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == self.PASS_ON and not cleaned.get("department"):
            self.add_error("department", _("Choose the department to pass the matter on to."))
        return cleaned


class RegisterPolicyForm(forms.ModelForm):
    class Meta:
        model = RegisterPolicy
        fields = [
            "effective_from",
            "meetings_per_month",
            "attendees_per_meeting",
            "minutes_per_meeting",
            "documents_per_quarter",
            "night_start",
            "night_end",
            "note",
        ]
        widgets = {"effective_from": DATE, "night_start": TIME, "night_end": TIME}


class HolidayForm(forms.ModelForm):
    class Meta:
        model = Holiday
        fields = ["date", "name", "kind"]
        widgets = {"date": DATE}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("An .xlsx workbook or a .csv file (UTF-8, or GBK/GB18030 as Excel saves it on Chinese Windows)."),
    )
