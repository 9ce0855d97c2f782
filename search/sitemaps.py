from django.urls import reverse

from portal.lib.sitemaps import LocalizedSitemap


class SearchSitemap(LocalizedSitemap):
    """The empty search page (hreflang alternates carry no query string, so no results page)."""

    def items(self):
        return ["search:page"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"search": SearchSitemap}
