from django.urls import reverse

from portal.lib.sitemaps import LocalizedSitemap
from survey.models import Survey


class SurveySitemap(LocalizedSitemap):
    """The landing page, and per published survey its public pages that exist right now."""

    def items(self):
        items = [("survey:landing", {})]
        for survey in Survey.objects.visible():
            slug = {"slug": survey.slug}
            items.append(("survey:detail", slug))
            items.append(("survey:paper", slug))
            if survey.is_open:
                items.append(("survey:questionnaire", slug))
                items.append(("survey:resume", slug))
            if survey.shows_results:
                items.append(("survey:results", slug))
        return items

    def location(self, item):
        name, kwargs = item
        return reverse(name, kwargs=kwargs)


SITEMAPS = {"survey": SurveySitemap}
