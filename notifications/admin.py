"""Admin for notifications and the reminder ledger, with search and filters."""

from django.contrib import admin

from .models import Notification, SentReminder


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created", "read_at", "emailed"]
    list_filter = ["kind", "emailed", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "body", "recipient__username"]
    date_hierarchy = "created"
    raw_id_fields = ["recipient"]


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["key", "kind", "date", "recipient", "created", "sent_at"]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["key", "recipient__username"]
    date_hierarchy = "date"
    raw_id_fields = ["recipient", "notification"]
