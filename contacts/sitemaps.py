from django.urls import reverse

from portal.lib.sitemaps import LocalizedSitemap


class ContactPagesSitemap(LocalizedSitemap):
    def items(self):
        return ["contacts:list"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"contact-pages": ContactPagesSitemap}
