import logging
import sys
from datetime import date

from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, DataError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.i18n import set_language as django_set_language

from portal.models import SitePage, SitePageKey

logger = logging.getLogger(__name__)


@require_safe
def home(request):
    return render(request, "pages/home.html")


# When the built-in accessibility statement was last reviewed (and the method it names applied).
ACCESSIBILITY_REVIEWED = date(2026, 12, 1)


def _site_page(request, key, template, **context):
    """An editor's version of the page when there is one, the built-in text otherwise."""
    page = SitePage.objects.filter(key=key).first()
    return render(request, template, {"site_page": page, **context})


@require_safe
def legal_notice(request):
    return _site_page(request, SitePageKey.LEGAL_NOTICE, "pages/legal_notice.html")


@require_safe
def privacy(request):
    return _site_page(request, SitePageKey.PRIVACY, "pages/privacy.html")


@require_safe
def accessibility(request):
    return _site_page(
        request,
        SitePageKey.ACCESSIBILITY,
        "pages/accessibility.html",
        reviewed=ACCESSIBILITY_REVIEWED,
    )


@require_safe
def easy_read(request):
    return render(request, "pages/easy_read.html")


@require_safe
@cache_control(no_store=True)
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: database unreachable")
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# Choosing a display language is harmless to forge; without a CSRF token in the switcher,
# anonymous pages carry no per-visitor data and can be cached.
@csrf_exempt
def set_language(request):
    """Django's set_language, resolving `next` in the language of its own prefix.

    Django resolves `next` in the active language (cookie or browser), so an Arabic phone on a
    /de/ page would be sent back to the German page. The switcher itself links straight to the
    translated address; this endpoint stays for forms and links elsewhere.
    """
    next_url = request.POST.get("next", request.GET.get("next")) or ""
    path_language = translation.get_language_from_path(next_url.split("?")[0])
    if not path_language:
        return django_set_language(request)
    with translation.override(path_language):
        return django_set_language(request)


@require_safe
def survey_short_link(request):
    """/meinQuartier, printed on the city's flyers: the survey in the visitor's best language."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        return redirect("survey:landing")


def _error_page(request, template, status):
    """The site layout without anything that could touch the database (messages use the session)."""
    try:
        return render(request, template, {"messages": []}, status=status)
    except Exception:
        # Rendering with the site layout must never turn one failure into a second one.
        logger.exception("The error page %s itself failed to render", template)
        response = HttpResponseServerError(loader.get_template("errors/500_plain.html").render())
        response.status_code = status
        return response


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return payload_too_large(request)
    return _error_page(request, "400.html", 400)


def payload_too_large(request):
    return _error_page(request, "413.html", 413)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Django calls this inside its `except` block, so the failure is still at hand.
    error = sys.exc_info()[1]
    if isinstance(error, DataError):
        # A value the database refuses (too long, out of range, a NUL byte on PostgreSQL) came
        # from the visitor: their request is at fault, not the database.
        return _error_page(request, "400.html", 400)
    if isinstance(error, (OperationalError, InterfaceError)):
        # Only a database that cannot be reached is an outage worth a "try again later".
        response = _error_page(request, "503.html", 503)
        response["Retry-After"] = "60"
        return response
    return _error_page(request, "500.html", 500)
