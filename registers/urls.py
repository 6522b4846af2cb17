"""URLs of the registers app (filled by its issue)."""

app_name = "registers"

urlpatterns = []
