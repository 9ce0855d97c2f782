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
        proposals = offers.filter(is_proposal=True).exclude(publication_status="published")
        stale = offers.published().stale()
        changelist = reverse("admin:offers_offer_changelist")
        tasks["proposals"] = {
            "count": proposals.count(),
            "url": f"{changelist}?is_proposal__exact=1&publication_status__exact=draft",
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
