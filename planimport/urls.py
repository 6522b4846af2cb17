"""URLs of the plan import."""

from django.urls import path

from . import views

app_name = "planimport"

urlpatterns = [
    path("", views.ImportListView.as_view(), name="import-list"),
    path("new/", views.ImportCreateView.as_view(), name="import-create"),
    path("<int:pk>/", views.ImportReviewView.as_view(), name="import-review"),
    path("<int:pk>/discard/", views.ImportDiscardView.as_view(), name="import-discard"),
    path("<int:pk>/json/", views.ImportJsonView.as_view(), name="import-json"),
]
