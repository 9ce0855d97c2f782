from django.urls import reverse

from centers.models import Centre, Quarter
from portal.lib.sitemaps import LocalizedSitemap


class CentrePagesSitemap(LocalizedSitemap):
    def items(self):
        return ["centers:overview", "centers:quarter-list", "centers:street-lookup"]

    def location(self, item):
        return reverse(item)


class CentreSitemap(LocalizedSitemap):
    def items(self):
        return Centre.objects.published().order_by("slug")

    def lastmod(self, centre):
        return centre.updated_at


class QuarterSitemap(LocalizedSitemap):
    def items(self):
        return Quarter.objects.order_by("slug")


SITEMAPS = {
    "centre-pages": CentrePagesSitemap,
    "centres": CentreSitemap,
    "quarters": QuarterSitemap,
}
