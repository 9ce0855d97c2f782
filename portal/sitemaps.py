from django.urls import reverse

from portal.lib.sitemaps import LocalizedSitemap


class PageSitemap(LocalizedSitemap):
    def items(self):
        return ["home", "legal-notice", "privacy", "accessibility", "easy-read"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PageSitemap}
