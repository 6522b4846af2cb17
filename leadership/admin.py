"""Admin for the organisation, with search and filters."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Charge, Department, Membership, Person


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "contact", "order", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "duties"]
    autocomplete_fields = ["parent", "contact"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "department", "user", "is_active"]
    list_filter = ["department", "is_active"]
    search_fields = ["name", "title", "email"]
    autocomplete_fields = ["department", "user"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "role", "campaign", "start", "end"]
    list_filter = ["role", "campaign"]
    search_fields = ["person__name"]
    autocomplete_fields = ["person"]


@admin.register(Charge)
class ChargeAdmin(SimpleHistoryAdmin):
    list_display = ["person", "department", "campaign", "start", "end"]
    list_filter = ["campaign"]
    search_fields = ["person__name", "department__name"]
    autocomplete_fields = ["person", "department"]
