"""Open Referral HSDS 3 API: `/`, `/services`, `/services/{id}`, `/organizations`,
`/organizations/{id}` (read-only, published only)."""

from django.urls import path

from offers import views

app_name = "hsds"

urlpatterns = [
    path("", views.hsds_root, name="root"),
    path("services", views.hsds_services, name="services"),
    path("services/<uuid:uid>", views.hsds_service, name="service"),
    path("organizations", views.hsds_organizations, name="organizations"),
    path("organizations/<uuid:uid>", views.hsds_organization, name="organization"),
]
