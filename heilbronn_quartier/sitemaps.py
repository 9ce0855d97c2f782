from django.urls import reverse

from centers.sitemaps import SITEMAPS as CENTER_SITEMAPS
from contacts.sitemaps import SITEMAPS as CONTACT_SITEMAPS
from heilbronn_quartier.lib.sitemaps import LocalizedSitemap
from offers.sitemaps import SITEMAPS as OFFER_SITEMAPS
from survey.sitemaps import SITEMAPS as SURVEY_SITEMAPS


class PageSitemap(LocalizedSitemap):
    def items(self):
        return ["home", "legal-notice", "privacy", "accessibility", "easy-read"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    **CENTER_SITEMAPS,
    **CONTACT_SITEMAPS,
    **OFFER_SITEMAPS,
    **SURVEY_SITEMAPS,
}
