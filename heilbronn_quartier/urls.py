from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from centers.sitemaps import SITEMAPS as CENTRE_SITEMAPS
from contacts.sitemaps import SITEMAPS as CONTACT_SITEMAPS
from network.sitemaps import SITEMAPS as NETWORK_SITEMAPS
from offers.sitemaps import SITEMAPS as OFFER_SITEMAPS
from portal import views
from portal.sitemaps import SITEMAPS as PAGE_SITEMAPS
from search.sitemaps import SITEMAPS as SEARCH_SITEMAPS
from survey.sitemaps import SITEMAPS as SURVEY_SITEMAPS

SITEMAPS = {
    **PAGE_SITEMAPS,
    **CENTRE_SITEMAPS,
    **CONTACT_SITEMAPS,
    **NETWORK_SITEMAPS,
    **OFFER_SITEMAPS,
    **SURVEY_SITEMAPS,
    **SEARCH_SITEMAPS,
}

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(settings.SURVEY_SHORT_PATH, views.survey_short_link, name="survey-short-link"),
    path(settings.SURVEY_SHORT_PATH.lower(), views.survey_short_link),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/hsds/", include("offers.api_urls")),
]

# The survey first: its submission is the portal's busiest write, and no other pattern here
# starts with its prefix (a miss in the includes without a prefix costs every pattern they hold).
urlpatterns += i18n_patterns(
    path("befragung/", include("survey.urls")),
    path("", views.home, name="home"),
    path("impressum/", views.legal_notice, name="legal-notice"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("leichte-sprache/", views.easy_read, name="easy-read"),
    path("", include("centers.urls")),
    path("kontakt/", include("contacts.urls")),
    path("", include("network.urls")),
    path("angebote/", include("offers.urls")),
    path("suche/", include("search.urls")),
)

handler400 = "portal.views.bad_request"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
