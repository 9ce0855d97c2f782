"""Optional read replica for public reads (DATABASE_REPLICA_URL).

Only anonymous GET requests read from the replica, so an editor always sees what they just
saved; everything else, and every write, goes to the primary.
"""

from contextvars import ContextVar

_anonymous_read = ContextVar("anonymous_read", default=False)


class ReplicaForPublicReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        public = request.method in {"GET", "HEAD"} and (
            settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        token = _anonymous_read.set(public)
        try:
            return self.get_response(request)
        finally:
            _anonymous_read.reset(token)


class PublicReadsRouter:
    def db_for_read(self, model, **hints):
        return "replica" if _anonymous_read.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
