from django.urls import path

from offers import actor_views, views

app_name = "offers"

urlpatterns = [
    path("", views.offer_list, name="list"),
    path("diese-woche/", views.this_week, name="this-week"),
    path("vorschlagen/", views.propose, name="propose"),
    path("vorschlagen/danke/", views.propose_thanks, name="propose-thanks"),
    path("vorschlagen/akteur/<str:key>/", actor_views.actor_suggest, name="actor-suggest"),
    path("offene-daten/", views.open_data, name="open-data"),
    path("offene-daten/angebote.csv", views.offers_csv, name="csv"),
    path("wochenplan/<slug:slug>/", views.weekly_plan, name="weekly-plan"),
    path("kalender/<slug:kind>/<slug:slug>.ics", views.ical, name="ical"),
    path("kalender/<slug:kind>/<slug:slug>/", views.subscribe, name="subscribe"),
    path("<slug:slug>/", views.offer_detail, name="detail"),
]
