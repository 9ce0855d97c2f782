"""One gate for every staff page outside /admin/: active staff, a second factor if required."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse


def staff_verified(user):
    """Active staff whose session passed the second factor when STAFF_2FA_REQUIRED is on."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if not settings.STAFF_2FA_REQUIRED:
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def staff_view(view):
    """Like the admin itself: without a verified staff session the login page answers."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if staff_verified(request.user):
            return view(request, *args, **kwargs)
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))

    wrapped.staff_view = True
    return wrapped
