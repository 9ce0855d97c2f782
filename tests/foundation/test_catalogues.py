from django.conf import settings

from portal.lib.catalogues import catalogue_paths, problems

EXPECTED = {"de", "en", "ar", "ro", "ru", "tr"}


def _catalogues():
    return [path for locale_dir in settings.LOCALE_PATHS for path in catalogue_paths(locale_dir)]


def test_there_is_a_catalogue_for_each_language():
    assert {path.parent.parent.name for path in _catalogues()} == EXPECTED


def test_every_string_is_translated_in_every_catalogue():
    found = {str(path): problems(path) for path in _catalogues()}
    assert {path: items for path, items in found.items() if items} == {}


def test_compiled_catalogues_are_not_older_than_their_sources():
    for po_path in _catalogues():
        mo_path = po_path.with_suffix(".mo")
        assert mo_path.exists(), f"{mo_path} is missing: run `make catalogues`"
        assert mo_path.stat().st_mtime >= po_path.stat().st_mtime, f"{mo_path} is stale"


def test_translations_are_not_copies_of_the_english_source():
    import polib

    for po_path in _catalogues():
        language = po_path.parent.parent.name
        if language == "en":
            continue
        entries = [e for e in polib.pofile(str(po_path)) if e.msgstr and not e.obsolete]
        copied = [e.msgid for e in entries if e.msgstr == e.msgid and len(e.msgid) > 12]
        assert len(copied) <= len(entries) // 20, f"{language}: copied {copied[:5]}"
