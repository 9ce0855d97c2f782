from django.urls import reverse

from centers.models import Quarter
from network.models import Actor
from portal.lib.sitemaps import LocalizedSitemap


class NetworkPagesSitemap(LocalizedSitemap):
    def items(self):
        return ["network:actor-list", "network:actor-register", "network:idea-create"]

    def location(self, item):
        return reverse(item)


class ActorSitemap(LocalizedSitemap):
    def items(self):
        return Actor.objects.published().order_by("slug")

    def lastmod(self, actor):
        return actor.updated_at


class QuarterActorsSitemap(LocalizedSitemap):
    def items(self):
        return (
            Quarter.objects.filter(actors__in=Actor.objects.published()).distinct().order_by("slug")
        )

    def location(self, quarter):
        return reverse("network:quarter-actors", kwargs={"slug": quarter.slug})


class IdeaListSitemap(LocalizedSitemap):
    def items(self):
        return Quarter.objects.order_by("slug")

    def location(self, quarter):
        return reverse("network:idea-list", kwargs={"slug": quarter.slug})


SITEMAPS = {
    "network-pages": NetworkPagesSitemap,
    "actors": ActorSitemap,
    "quarter-actors": QuarterActorsSitemap,
    "ideas": IdeaListSitemap,
}
