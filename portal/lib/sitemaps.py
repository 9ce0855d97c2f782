from django.contrib.sitemaps import Sitemap


class LocalizedSitemap(Sitemap):
    """Every public page once per language, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
