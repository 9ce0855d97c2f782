"""Facts about translated content fields (django-modeltranslation) for the templates."""

from django.conf import settings
from django.utils.translation import get_language


def is_fallback(obj, field):
    """True when the active language's value is empty and modeltranslation shows the German one."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if obj is None or language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return False
    own = getattr(obj, f"{field}_{language}", None)
    german = getattr(obj, f"{field}_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}", None)
    return not own and bool(german)
