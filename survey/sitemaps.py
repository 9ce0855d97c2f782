from django.urls import reverse

from heilbronn_quartier.lib.sitemaps import LocalizedSitemap


class SurveySitemap(LocalizedSitemap):
    def items(self):
        return ["survey:landing"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"survey": SurveySitemap}
