"""Sortable list tables of the registers (django-tables2)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from liujiguan.script import for_language

from . import rules
from .models import (
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

ATTRS = {"class": "table table-hover table-sm align-middle"}
NOWRAP = {"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}}


def DateColumn(**kwargs):  # noqa: N802 (reads like the column classes it stands for)
    return tables.DateColumn(format="Y-m-d", attrs=NOWRAP, **kwargs)


def _edit_link(key):
    return lambda record: reverse("registers:record-update", args=[key, record.pk])


def _warnings(codes):
    if not codes:
        return "—"
    return format_html_join(
        " ", '<span class="badge text-bg-warning">{}</span>', ((label,) for label in rules.labels(codes))
    )


class DepartmentColumn(tables.Column):
    def render(self, value):
        return for_language(str(value))


class StudyActivityTable(tables.Table):
    date = DateColumn(linkify=lambda record: record.get_absolute_url())
    department = DepartmentColumn(verbose_name=_("Organiser"))
    attended = tables.Column(verbose_name=_("Attended"), orderable=False, empty_values=())

    class Meta:
        model = StudyActivity
        fields = ["date", "kind", "topic", "hours", "department", "speaker"]
        attrs = ATTRS

    def render_attended(self, record):
        return f"{record.present_count} / {record.called_count}"


class ResearchReportTable(tables.Table):
    submitted = DateColumn(linkify=_edit_link("reports"))
    department = DepartmentColumn()

    class Meta:
        model = ResearchReport
        fields = ["submitted", "title", "department", "author"]
        attrs = ATTRS


class MeetingTable(tables.Table):
    date = DateColumn(linkify=_edit_link("meetings"))
    department = DepartmentColumn()
    cap_warnings = tables.Column(verbose_name=_("Cap warnings"), orderable=False)

    class Meta:
        model = Meeting
        fields = ["date", "kind", "title", "department", "attendees", "duration_minutes", "cap_warnings"]
        attrs = ATTRS
        row_attrs = {"class": lambda record: "table-warning" if record.cap_warnings else ""}

    def render_cap_warnings(self, value):
        return _warnings(value)


class DocumentTable(tables.Table):
    issued = DateColumn(linkify=_edit_link("documents"))
    department = DepartmentColumn()
    cap_warnings = tables.Column(verbose_name=_("Cap warnings"), orderable=False)

    class Meta:
        model = Document
        fields = ["issued", "number", "title", "department", "cap_warnings"]
        attrs = ATTRS
        row_attrs = {"class": lambda record: "table-warning" if record.cap_warnings else ""}

    def render_cap_warnings(self, value):
        return _warnings(value)


class ServiceCaseTable(tables.Table):
    reference = tables.Column(linkify=_edit_link("cases"), attrs=NOWRAP)
    department = DepartmentColumn()
    received = DateColumn()
    completed = DateColumn()
    on_time = tables.Column(verbose_name=_("On time"), orderable=False, empty_values=())

    class Meta:
        model = ServiceCase
        fields = ["reference", "matter", "department", "received", "promised_days", "completed", "on_time"]
        attrs = ATTRS

    def render_on_time(self, record):
        if record.completed is None:
            return format_html('<span class="text-body-secondary">{}</span>', _("open"))
        ok = rules.is_on_time(received=record.received, finished=record.completed, allowed_days=record.promised_days)
        return format_html(
            '<span class="badge {}">{}</span>',
            "text-bg-success" if ok else "text-bg-danger",
            _("yes") if ok else _("late"),
        )


class PublicIssueTable(tables.Table):
    reference = tables.Column(linkify=lambda record: record.get_absolute_url(), attrs=NOWRAP)
    department = DepartmentColumn(verbose_name=_("Assigned to"))
    received = DateColumn()
    deadline = DateColumn()
    resolved = DateColumn()

    class Meta:
        model = PublicIssue
        fields = ["reference", "title", "source", "department", "received", "deadline", "status", "resolved"]
        attrs = ATTRS

    def render_status(self, record, value):
        css = {
            PublicIssue.Status.RESOLVED: "text-bg-success",
            PublicIssue.Status.IN_PROGRESS: "text-bg-primary",
        }.get(record.status, "text-bg-secondary")
        return format_html('<span class="badge {}">{}</span>', css, value)


class ServiceVisitTable(tables.Table):
    date = DateColumn(linkify=_edit_link("visits"))
    department = DepartmentColumn()
    people = tables.Column(verbose_name=_("Participants"), orderable=False, empty_values=())

    class Meta:
        model = ServiceVisit
        fields = ["date", "place", "purpose", "department"]
        attrs = ATTRS

    def render_people(self, record):
        return "、".join(p.name for p in record.participants.all()) or "—"


class VehicleTable(tables.Table):
    plate = tables.Column(linkify=_edit_link("vehicles"))
    department = DepartmentColumn()

    class Meta:
        model = Vehicle
        fields = ["plate", "model_name", "department", "is_active"]
        attrs = ATTRS


class TripTable(tables.Table):
    start = tables.DateTimeColumn(format="Y-m-d H:i", linkify=_edit_link("trips"), attrs=NOWRAP)
    end = tables.DateTimeColumn(format="Y-m-d H:i", attrs=NOWRAP)
    department = DepartmentColumn()
    off_hours = tables.Column(verbose_name=_("Off hours"), orderable=False)
    is_flagged = tables.Column(verbose_name=_("Check"), orderable=True)

    class Meta:
        model = Trip
        fields = ["start", "end", "vehicle", "driver", "purpose", "distance_km", "approval_number", "off_hours",
                  "is_flagged", "department"]  # fmt: skip
        attrs = ATTRS
        row_attrs = {"class": lambda record: "table-danger" if record.is_flagged else ""}

    def render_off_hours(self, value):
        return ", ".join(rules.labels(value)) or "—"

    def render_is_flagged(self, record, value):
        if not value:
            return "—"
        if record.reviewed_at:
            return format_html('<span class="badge text-bg-secondary">{}</span>', _("checked"))
        return format_html('<span class="badge text-bg-danger">{}</span>', _("flagged"))
