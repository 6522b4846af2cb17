"""The registers by pillar: each one's model, form, filter, table, import resource and list query in one place."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaigns.models import Pillar

from . import filters, forms, resources, tables
from .models import (
    Attendance,
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


@dataclass(frozen=True)
class Register:
    key: str
    pillar: str
    model: type
    label: object
    icon: str
    form_class: type
    filterset_class: type
    table_class: type | None
    resource_class: type | None
    description: object = ""
    select_related: tuple = ("department",)

    @property
    def url(self):
        if self.key == "coordination":
            return reverse("registers:coordination-list")
        return reverse("registers:record-list", args=[self.key])

    def queryset(self):
        qs = self.model.objects.select_related(*self.select_related)
        if self.model is StudyActivity:
            qs = qs.annotate(
                called_count=Count("attendances"),
                present_count=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT)),
            )
        if self.model is ServiceVisit:
            qs = qs.prefetch_related("participants")
        return qs


REGISTERS = {
    r.key: r
    for r in [
        Register("study", Pillar.Type.LEARNING, StudyActivity, _("Study activities"), "book",
                 forms.StudyActivityForm, filters.StudyActivityFilter, tables.StudyActivityTable,
                 resources.StudyActivityResource,
                 _("Central group study, lectures, party school training and research visits, with attendance.")),
        Register("reports", Pillar.Type.LEARNING, ResearchReport, _("Research reports"), "journal-text",
                 forms.ResearchReportForm, filters.ResearchReportFilter, tables.ResearchReportTable,
                 resources.ResearchReportResource, _("Research reports submitted by departments."),
                 select_related=("department", "author")),
        Register("meetings", Pillar.Type.EFFICIENCY, Meeting, _("Meetings"), "people",
                 forms.MeetingForm, filters.MeetingFilter, tables.MeetingTable, resources.MeetingResource,
                 _("Meetings held, checked against the caps on number, size and length.")),
        Register("documents", Pillar.Type.EFFICIENCY, Document, _("Documents issued"), "file-earmark-text",
                 forms.DocumentForm, filters.DocumentFilter, tables.DocumentTable, resources.DocumentResource,
                 _("Documents issued, checked against the quarterly cap.")),
        Register("cases", Pillar.Type.EFFICIENCY, ServiceCase, _("Service cases"), "hourglass-split",
                 forms.ServiceCaseForm, filters.ServiceCaseFilter, tables.ServiceCaseTable,
                 resources.ServiceCaseResource, _("Matters received and completed within the promised days.")),
        Register("issues", Pillar.Type.SERVICE, PublicIssue, _("Public issues"), "megaphone",
                 forms.PublicIssueForm, filters.PublicIssueFilter, tables.PublicIssueTable,
                 resources.PublicIssueResource,
                 _("Difficulties raised by the public and enterprises, followed to resolution.")),
        Register("visits", Pillar.Type.SERVICE, ServiceVisit, _("Service visits"), "house-heart",
                 forms.ServiceVisitForm, filters.ServiceVisitFilter, tables.ServiceVisitTable,
                 resources.ServiceVisitResource, _("Grassroots service visits (服务到家乡).")),
        Register("vehicles", Pillar.Type.INTEGRITY, Vehicle, _("Official vehicles"), "car-front",
                 forms.VehicleForm, filters.VehicleFilter, tables.VehicleTable, resources.VehicleResource,
                 _("The official vehicles and the departments that keep them.")),
        Register("trips", Pillar.Type.INTEGRITY, Trip, _("Vehicle log"), "signpost-split",
                 forms.TripForm, filters.TripFilter, tables.TripTable, resources.TripResource,
                 _("Trips of official vehicles; off-hours trips without approval are flagged."),
                 select_related=("department", "vehicle", "driver")),
        Register("coordination", Pillar.Type.HARMONY, CoordinationRequest, _("Coordination requests"),
                 "arrow-left-right",
                 forms.CoordinationRequestForm, filters.CoordinationRequestFilter, None, None,
                 _("Requests between departments, their answers, hand-offs and escalations.")),
    ]
}  # fmt: skip
