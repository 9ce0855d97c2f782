from django.urls import reverse

from offers.models import FeedKind, Offer, TargetGroup, quarters_with_offers
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


class CalendarSubscriptionSitemap(LocalizedSitemap):
    """A subscription page per neighbourhood, centre and target group with activities (the one
    of each activity is linked from its page)."""

    def items(self):
        from centers.models import Centre

        offers = Offer.objects.published()
        items = [(FeedKind.QUARTER, quarter.slug) for quarter in quarters_with_offers()]
        centres = Centre.objects.published().filter(pk__in=offers.values("centre"))
        items += [(FeedKind.CENTRE, centre.slug) for centre in centres.order_by("slug")]
        groups = TargetGroup.objects.filter(pk__in=offers.values("target_groups"))
        items += [(FeedKind.TARGET_GROUP, group.slug) for group in groups.order_by("slug")]
        return items

    def location(self, item):
        kind, slug = item
        return reverse("offers:subscribe", kwargs={"kind": kind, "slug": slug})


SITEMAPS = {
    "offer-pages": OfferPagesSitemap,
    "offers": OfferSitemap,
    "weekly-plans": WeeklyPlanSitemap,
    "calendar-subscriptions": CalendarSubscriptionSitemap,
}
