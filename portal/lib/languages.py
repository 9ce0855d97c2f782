"""Language facts that do not depend on the active translation."""

import functools

# Each language named in itself, as the switcher must show it (GLOSSARY.md, "Language names").
ENDONYMS = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "ro": "Română",
    "ru": "Русский",
    "tr": "Türkçe",
}

RTL_LANGUAGES = {"ar"}


def direction(language_code):
    return "rtl" if language_code in RTL_LANGUAGES else "ltr"


def translated_path(path, language_code):
    """See _translated_path; kept per process for ordinary addresses: the language switcher asks
    for six of them on every page, and resolving a deep address costs more than the page."""
    from django.conf import settings

    if len(path) <= 200:
        return _kept_translated_path(path, language_code, settings.ROOT_URLCONF)
    return _translated_path(path, language_code)


def _translated_path(path, language_code):
    """The same page in another language: the address as the URL patterns give it for that
    language, or, for an address no pattern knows (a 404), the path with its prefix swapped.

    Resolving happens in the language of the path itself, not the active one: Django's
    translate_url resolves in the active language, which a cookie or the browser may have set
    to another language than the page's prefix — and then returns the page unchanged.
    """
    from django.urls import translate_url
    from django.utils import translation

    path_language = translation.get_language_from_path(path)
    if not path_language:
        return path
    with translation.override(path_language):
        url = translate_url(path, language_code)
    if url != path:
        return url
    prefix = f"/{path_language}/"
    return f"/{language_code}/{path[len(prefix) :]}" if path.startswith(prefix) else path


# The URL patterns are fixed for the process; the bound keeps made-up addresses from growing it.
@functools.lru_cache(maxsize=4096)
def _kept_translated_path(path, language_code, _urlconf):
    return _translated_path(path, language_code)
