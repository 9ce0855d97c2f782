"""URLconf for tests: the real one plus views that fail in the ways production can fail."""

from django.conf.urls.i18n import i18n_patterns
from django.db import DataError, OperationalError
from django.urls import path

from heilbronn_quartier.urls import urlpatterns as real_urlpatterns


def database_down(request):
    raise OperationalError("connection refused")


def data_error(request):
    raise DataError("value too long for type character varying(120)")


def broken(request):
    raise RuntimeError("a bug with a secret in it")


urlpatterns = [
    *real_urlpatterns,
    *i18n_patterns(
        path("database-down/", database_down),
        path("broken/", broken),
        path("data-error/", data_error),
    ),
]

handler400 = "portal.views.bad_request"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
