"""URLs of the evaluations app (filled by its issue)."""

app_name = "evaluations"

urlpatterns = []
