"""URLs of the reception app (filled by its issue)."""

app_name = "reception"

urlpatterns = []
