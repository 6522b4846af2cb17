"""Admin for reception: search and filters everywhere; caps import and export."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Attachment,
    Budget,
    Finding,
    Gift,
    Guest,
    Justification,
    Lodging,
    Meal,
    ReceptionPolicy,
    ReceptionRecord,
    ReceptionRequest,
    Venue,
    WelcomeEvent,
)
from .resources import BudgetResource


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "address", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "address"]


@admin.register(ReceptionPolicy)
class ReceptionPolicyAdmin(SimpleHistoryAdmin):
    list_display = ["effective_from", "title", "host_city", "meal_standard", "lodging_standard"]
    search_fields = ["title", "host_city"]
    filter_horizontal = ["designated_venues"]
    date_hierarchy = "effective_from"


@admin.register(Budget)
class BudgetAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [BudgetResource]
    list_display = ["year", "department", "amount", "warning_percent", "alert_percent"]
    list_filter = ["year", "department"]
    search_fields = ["department__name"]


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    fields = ["code", "severity", "reason", "detail"]
    readonly_fields = fields
    can_delete = False


@admin.register(ReceptionRequest)
class ReceptionRequestAdmin(SimpleHistoryAdmin):
    list_display = ["visiting_unit", "host_department", "start_date", "guests", "estimated_cost", "status"]
    list_filter = ["status", "host_department", "start_date"]
    search_fields = ["visiting_unit", "letter_reference", "visiting_city"]
    date_hierarchy = "start_date"
    inlines = [FindingInline]
    readonly_fields = ["finding_count"]


class MealInline(admin.TabularInline):
    model = Meal
    extra = 0


class LodgingInline(admin.TabularInline):
    model = Lodging
    extra = 0


class GuestInline(admin.TabularInline):
    model = Guest
    extra = 0


class GiftInline(admin.TabularInline):
    model = Gift
    extra = 0


class EventInline(admin.TabularInline):
    model = WelcomeEvent
    extra = 0


class JustificationInline(admin.TabularInline):
    model = Justification
    extra = 0
    fields = ["kind", "reason", "amount", "by", "at"]
    readonly_fields = fields
    can_delete = False


@admin.register(ReceptionRecord)
class ReceptionRecordAdmin(SimpleHistoryAdmin):
    """Read-mostly: totals, findings and cap status are computed by the services when saved through the portal."""

    list_display = [
        "visiting_unit",
        "host_department",
        "start_date",
        "guests",
        "total_cost",
        "finding_count",
        "over_cap",
        "status",
    ]
    list_filter = ["status", "over_cap", "host_department", "start_date"]
    search_fields = ["visiting_unit", "letter_reference", "visiting_city", "guest_list__name"]
    date_hierarchy = "start_date"
    readonly_fields = ["total_cost", "finding_count", "over_cap", "signed_off_by", "signed_off_at", "recorded_by"]
    inlines = [GuestInline, MealInline, LodgingInline, EventInline, GiftInline, FindingInline, JustificationInline]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "record", "content_type", "size", "uploaded"]
    search_fields = ["original_name", "record__visiting_unit"]
    list_filter = ["content_type"]


@admin.register(Justification)
class JustificationAdmin(admin.ModelAdmin):
    list_display = ["record", "kind", "by", "at", "amount"]
    list_filter = ["kind"]
    search_fields = ["record__visiting_unit", "reason"]
