"""This app's part of the editors' task list on the admin home page."""

from django.urls import reverse

from network.models import Actor, Idea, IdeaStatus
from staff.permissions import scope_queryset
from staff.tasks import register_tasks

ACTOR_CENTRE_PATH = "quarters__centre"
IDEA_CENTRE_PATH = "quarter__centre"


@register_tasks
def network_tasks(user):
    tasks = {}
    if user.has_perm("network.change_actor"):
        actors = scope_queryset(user, Actor.objects.all(), ACTOR_CENTRE_PATH)
        changelist = reverse("admin:network_actor_changelist")
        tasks["actor_registrations"] = {
            "count": actors.registrations().count(),
            "url": f"{changelist}?registered_online__exact=1&publication_status__exact=draft",
        }
        tasks["network_overview"] = {"url": reverse("admin:network_actor_overview")}
    if user.has_perm("network.change_idea"):
        ideas = scope_queryset(user, Idea.objects.all(), IDEA_CENTRE_PATH)
        tasks["new_ideas"] = {
            "count": ideas.filter(status=IdeaStatus.RECEIVED).count(),
            "url": reverse("admin:network_idea_changelist") + "?status__exact=received",
        }
    return tasks
