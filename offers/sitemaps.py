from django.urls import reverse

from offers.models import Offer, quarters_with_offers
from portal.lib.sitemaps import LocalizedSitemap


class OfferPagesSitemap(LocalizedSitemap):
    def items(self):
        return ["offers:list", "offers:this-week", "offers:propose", "offers:open-data"]

    def location(self, item):
        return reverse(item)


class OfferSitemap(LocalizedSitemap):
    def items(self):
        return Offer.objects.published().order_by("pk")

    def lastmod(self, offer):
        return offer.updated_at


class WeeklyPlanSitemap(LocalizedSitemap):
    def items(self):
        return quarters_with_offers().order_by("slug")

    def location(self, quarter):
        return reverse("offers:weekly-plan", kwargs={"slug": quarter.slug})


SITEMAPS = {
    "offer-pages": OfferPagesSitemap,
    "offers": OfferSitemap,
    "weekly-plans": WeeklyPlanSitemap,
}
