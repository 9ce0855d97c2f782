from django.conf import settings

from heilbronn_quartier.views import payload_too_large


class RequestBodyLimitMiddleware:
    """Answers 413 to a request whose declared body is larger than its path allows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._declared_length(request) > self._limit(request.path):
            return payload_too_large(request)
        return self.get_response(request)

    @staticmethod
    def _declared_length(request):
        try:
            return int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return 0

    @staticmethod
    def _limit(path):
        if path.startswith("/admin/"):
            return settings.MAX_ADMIN_BODY_BYTES
        return settings.MAX_PUBLIC_BODY_BYTES


class StaffLanguageMiddleware:
    """The admin speaks the staff member's chosen language (German unless they chose another)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/admin/"):
            return self.get_response(request)
        from django.utils import translation

        language = settings.LANGUAGE_CODE
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            profile = getattr(user, "staff_profile", None) if user.is_staff else None
            if profile is not None:
                language = profile.language
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
