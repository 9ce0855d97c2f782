"""Compile and check the gettext catalogues in pure Python, so no machine needs GNU gettext."""

from pathlib import Path

import polib


def catalogue_paths(locale_dir):
    return sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po"))


def compile_catalogue(po_path):
    """Write the .mo beside the .po; fuzzy entries are left out, as msgfmt does."""
    catalogue = polib.pofile(str(po_path))
    mo_path = Path(po_path).with_suffix(".mo")
    catalogue.save_as_mofile(str(mo_path))
    return mo_path


def problems(po_path):
    """Untranslated or fuzzy entries, or plural forms missing a translation."""
    catalogue = polib.pofile(str(po_path))
    found = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            if not entry.msgstr_plural or not all(entry.msgstr_plural.values()):
                found.append(f"untranslated plural: {entry.msgid!r}")
        elif not entry.msgstr:
            found.append(f"untranslated: {entry.msgid!r}")
    return found
