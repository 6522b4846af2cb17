"""URLs of the disclosure app (filled by its issue)."""

app_name = "disclosure"

urlpatterns = []
