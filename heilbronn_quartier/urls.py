from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from heilbronn_quartier import views
from heilbronn_quartier.sitemaps import SITEMAPS

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

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("impressum/", views.legal_notice, name="legal-notice"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("leichte-sprache/", views.easy_read, name="easy-read"),
    path("", include("centers.urls")),
    path("kontakt/", include("contacts.urls")),
    path("angebote/", include("offers.urls")),
    path("befragung/", include("survey.urls")),
)

handler400 = "heilbronn_quartier.views.bad_request"
handler404 = "heilbronn_quartier.views.page_not_found"
handler500 = "heilbronn_quartier.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
