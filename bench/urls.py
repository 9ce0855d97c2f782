from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from heilbronn_quartier.urls import *  # noqa: F403
from heilbronn_quartier.urls import urlpatterns as portal_urlpatterns


def bare(request):
    """The least a Django view can do, through the same middleware as every page."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare", bare),
    path("bench/bare-post", csrf_exempt(bare)),
    *portal_urlpatterns,
]
