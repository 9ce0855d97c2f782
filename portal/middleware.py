from django.conf import settings

from portal.views import payload_too_large


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
