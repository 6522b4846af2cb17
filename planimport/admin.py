"""Admin for plan imports: searchable audit trail; the parsed tree is read-only here (edit it on the review page)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import PlanImport


@admin.register(PlanImport)
class PlanImportAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "file_name", "status", "uploaded_by", "campaign", "created", "saved_at"]
    list_filter = ["status", "source", "script", "detected_script", "encoding"]
    search_fields = ["file_name", "text", "error", "uploaded_by__username", "campaign__title"]
    list_select_related = ["uploaded_by", "campaign"]
    date_hierarchy = "created"
    readonly_fields = [
        "uploaded_by",
        "source",
        "file_name",
        "file_size",
        "encoding",
        "detected_script",
        "script",
        "text",
        "parsed",
        "status",
        "error",
        "campaign",
        "saved_by",
        "saved_at",
        "result",
        "created",
        "modified",
    ]

    def has_add_permission(self, request):
        return False
