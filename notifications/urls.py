"""URLs of the notifications app (filled by its issue)."""

app_name = "notifications"

urlpatterns = []
