"""URLs of the plan import (filled by its issue)."""

app_name = "planimport"

urlpatterns = []
