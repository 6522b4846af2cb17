"""Admin for the registers, with search and filters."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Attendance,
    CoordinationRequest,
    CoordinationTarget,
    Document,
    Escalation,
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


@admin.register(RegisterPolicy)
class RegisterPolicyAdmin(SimpleHistoryAdmin):
    list_display = ["effective_from", "meetings_per_month", "attendees_per_meeting", "minutes_per_meeting",
                    "documents_per_quarter", "night_start", "night_end"]  # fmt: skip


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "date"


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(StudyActivity)
class StudyActivityAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "topic", "hours", "department"]
    list_filter = ["kind", "department"]
    search_fields = ["topic", "speaker"]
    date_hierarchy = "date"
    inlines = [AttendanceInline]


@admin.register(ResearchReport)
class ResearchReportAdmin(admin.ModelAdmin):
    list_display = ["submitted", "title", "department", "author"]
    list_filter = ["department"]
    search_fields = ["title", "summary"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "title", "department", "attendees", "duration_minutes", "cap_warnings"]
    list_filter = ["kind", "department"]
    search_fields = ["title"]
    date_hierarchy = "date"


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["issued", "number", "title", "department", "cap_warnings"]
    list_filter = ["department"]
    search_fields = ["number", "title"]


@admin.register(ServiceCase)
class ServiceCaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "matter", "department", "received", "promised_days", "completed"]
    list_filter = ["department"]
    search_fields = ["reference", "matter", "applicant"]


@admin.register(PublicIssue)
class PublicIssueAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "department", "received", "deadline", "status", "resolved"]
    list_filter = ["status", "source", "department"]
    search_fields = ["reference", "title", "description"]


@admin.register(ServiceVisit)
class ServiceVisitAdmin(admin.ModelAdmin):
    list_display = ["date", "place", "purpose", "department"]
    list_filter = ["department"]
    search_fields = ["place", "purpose"]


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin):
    list_display = ["plate", "model_name", "department", "is_active"]
    list_filter = ["is_active", "department"]
    search_fields = ["plate", "model_name"]


@admin.register(Trip)
class TripAdmin(SimpleHistoryAdmin):
    list_display = ["start", "end", "vehicle", "driver", "purpose", "is_flagged", "approval_number"]
    list_filter = ["is_flagged", "vehicle", "department"]
    search_fields = ["purpose", "destination", "vehicle__plate", "driver__name"]
    readonly_fields = ["off_hours", "is_flagged"]


class CoordinationTargetInline(admin.TabularInline):
    model = CoordinationTarget
    extra = 0
    fk_name = "request"
    readonly_fields = ["passed_from"]


@admin.register(CoordinationRequest)
class CoordinationRequestAdmin(admin.ModelAdmin):
    list_display = ["matter", "department", "deadline", "created"]
    list_filter = ["department"]
    search_fields = ["matter", "detail"]
    inlines = [CoordinationTargetInline]


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin):
    list_display = ["target", "department", "leader", "notified", "created"]
    list_filter = ["notified", "department"]
