"""URLs of the organisation pages."""

from django.urls import path

from . import views

app_name = "leadership"

urlpatterns = [
    path("", views.OrganisationView.as_view(), name="organisation"),
    path("departments/", views.DepartmentListView.as_view(), name="department-list"),
    path("departments/new/", views.DepartmentCreateView.as_view(), name="department-create"),
    path("departments/search/", views.DepartmentSearchView.as_view(), name="department-search"),
    path("departments/<int:pk>/", views.DepartmentDetailView.as_view(), name="department-detail"),
    path("departments/<int:pk>/edit/", views.DepartmentUpdateView.as_view(), name="department-update"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/new/", views.PersonCreateView.as_view(), name="person-create"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("people/<int:pk>/edit/", views.PersonUpdateView.as_view(), name="person-update"),
    path("campaigns/<int:campaign_pk>/posts/new/", views.MembershipCreateView.as_view(), name="membership-create"),
    path("posts/<int:pk>/end/", views.MembershipEndView.as_view(), name="membership-end"),
    path("campaigns/<int:campaign_pk>/charges/new/", views.ChargeCreateView.as_view(), name="charge-create"),
    path("charges/<int:pk>/end/", views.ChargeEndView.as_view(), name="charge-end"),
]
