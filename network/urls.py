from django.urls import path

from network import views

app_name = "network"

urlpatterns = [
    path("akteure/", views.actor_list, name="actor-list"),
    path("akteure/mitmachen/", views.actor_register, name="actor-register"),
    path("akteure/mitmachen/danke/", views.actor_register_thanks, name="actor-register-thanks"),
    path("akteure/<slug:slug>/", views.actor_detail, name="actor-detail"),
    path("quartiere/<slug:slug>/akteure/", views.actor_list, name="quarter-actors"),
    path("quartiere/<slug:slug>/ideen/", views.idea_list, name="idea-list"),
    path("ideen/einreichen/", views.idea_create, name="idea-create"),
    path("ideen/danke/", views.idea_thanks, name="idea-thanks"),
]
