from django.urls import path

from centers import views

app_name = "centers"

urlpatterns = [
    path("quartierszentren/", views.overview, name="overview"),
    path("quartierszentren/<slug:slug>/", views.centre_detail, name="centre-detail"),
    path("quartiere/", views.quarter_list, name="quarter-list"),
    # Before the neighbourhood pages: "mein-quartier" is kept out of their slugs.
    path("quartiere/mein-quartier/", views.street_lookup, name="street-lookup"),
    path("quartiere/<slug:slug>/", views.quarter_detail, name="quarter-detail"),
    path("dokumente/<int:pk>/herunterladen/", views.document_download, name="document-download"),
]
