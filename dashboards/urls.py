"""URLs of the dashboards app (filled by its issue)."""

app_name = "dashboards"

urlpatterns = []
