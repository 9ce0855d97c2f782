"""Language facts that do not depend on the active translation."""

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
