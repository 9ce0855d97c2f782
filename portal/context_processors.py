from django.conf import settings
from django.utils.translation import get_language

from portal.lib.languages import ENDONYMS, direction


def site(request):
    """Language direction and the switcher's entries; no database access, so error pages work."""
    current = get_language() or settings.LANGUAGE_CODE
    return {
        "SITE_NAME": settings.SITE_NAME,
        "LANGUAGE_DIRECTION": direction(current),
        "language_choices": [
            {
                "code": code,
                "endonym": ENDONYMS[code],
                "dir": direction(code),
                "current": code == current,
            }
            for code, _name in settings.LANGUAGES
        ],
    }
