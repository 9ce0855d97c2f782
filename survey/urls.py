from django.urls import path

from survey import views

app_name = "survey"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/fragebogen/", views.questionnaire, name="questionnaire"),
    path("<slug:slug>/fortsetzen/", views.resume, name="resume"),
    path("<slug:slug>/danke/", views.thanks, name="thanks"),
    path("<slug:slug>/papierfragebogen/", views.paper, name="paper"),
    path("<slug:slug>/ergebnisse/", views.results, name="results"),
    path("verwaltung/<slug:slug>/vorschau/", views.preview, name="preview"),
    path("verwaltung/<slug:slug>/auswertung/", views.dashboard, name="dashboard"),
    path("verwaltung/<slug:slug>/kreuztabelle/", views.crosstab, name="crosstab"),
    path("verwaltung/<slug:slug>/freitexte/", views.free_texts, name="free-texts"),
    path("verwaltung/antwort/<int:pk>/", views.response_detail, name="response-detail"),
    path("verwaltung/<slug:slug>/export.<str:kind>", views.export, name="export"),
    path("verwaltung/<slug:slug>/download/", views.download, name="download"),
    path("verwaltung/<slug:slug>/papier-erfassen/", views.paper_entry, name="paper-entry"),
    path(
        "verwaltung/<slug:slug>/uebersetzungen/",
        views.translation_status,
        name="translation-status",
    ),
    path("verwaltung/antwort/<int:pk>/bearbeiten/", views.response_edit, name="response-edit"),
    path("verwaltung/antwort/<int:pk>/loeschen/", views.response_delete, name="response-delete"),
]
