"""This app's part of the editors' task list on the admin home page."""

from django.urls import reverse

from offers.models import Offer
from staff.permissions import OFFER_CENTRE_PATH, model_admin_fields, scope_queryset
from staff.tasks import register_tasks, translation_gaps


@register_tasks
def offer_tasks(user):
    tasks = {}
    if user.has_perm("offers.change_offer"):
        offers = scope_queryset(user, Offer.objects.all(), OFFER_CENTRE_PATH)
        suggestions = offers.filter(is_proposal=True).exclude(publication_status="published")
        stale = offers.published().stale()
        changelist = reverse("admin:offers_offer_changelist")
        waiting = f"{changelist}?is_proposal__exact=1&publication_status__exact=draft"
        # Residents' suggestions and those a local actor's contact person sent through its link.
        tasks["proposals"] = {
            "count": suggestions.filter(actor__isnull=True).count(),
            "url": waiting,
        }
        tasks["actor_suggestions"] = {
            "count": suggestions.filter(actor__isnull=False).count(),
            "url": waiting,
        }
        tasks["review"] = {
            "count": offers.filter(publication_status="review").count(),
            "url": f"{changelist}?publication_status__exact=review",
        }
        tasks["stale"] = {"count": stale.count(), "url": f"{changelist}?checked=stale"}
        missing = translation_gaps(offers, model_admin_fields(Offer))
        tasks["translations"] = {
            "count": missing.count(),
            "url": f"{changelist}?translations=missing",
        }
    return tasks
