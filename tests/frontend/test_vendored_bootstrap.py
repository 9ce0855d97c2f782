"""Bootstrap ships as unchanged dist files under static/vendor/bootstrap/ (see its README.md)."""

import hashlib
import re
from pathlib import Path

from django.contrib.staticfiles import finders

VENDOR = Path(__file__).resolve().parents[2] / "static" / "vendor" / "bootstrap"

# sha256sum of the files in bootstrap@5.3.8 from the npm registry (dist/css/, LICENSE).
RECORDED_SHA256 = {
    "css/bootstrap.min.css": "d85327d99c7a3ee1f9b5d0500d1370acea3ad2db39c163c2f51f232baedbdede",
    "css/bootstrap.rtl.min.css": "b9048c83571ab73da54395b6b307219f9eb9c5447f4f8edb17a069eb0f19465a",
    "LICENSE": "4620c84ad5ce8602ff65640ed6b7c8b78ebb9e036584f0ebc1ccc88206a4bb51",
}


def test_every_vendored_bootstrap_file_matches_its_recorded_checksum():
    actual = {
        name: hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() for name in RECORDED_SHA256
    }
    assert actual == RECORDED_SHA256


def test_no_unrecorded_file_hides_among_the_vendored_stylesheets():
    shipped = {path.relative_to(VENDOR).as_posix() for path in (VENDOR / "css").iterdir()}
    assert shipped == {name for name in RECORDED_SHA256 if name.startswith("css/")}


def test_version_file_names_the_version_in_the_stylesheets_banner():
    version = (VENDOR / "VERSION").read_text().strip()
    for name in ("css/bootstrap.min.css", "css/bootstrap.rtl.min.css"):
        banner = (VENDOR / name).read_text(encoding="utf-8")[:200]
        assert re.search(rf"Bootstrap\s+v{re.escape(version)}\b", banner), name
    assert f"bootstrap@{version}" in (VENDOR / "README.md").read_text()


def test_the_stylesheets_the_templates_link_are_found_by_the_static_finders():
    for name in ("css/bootstrap.min.css", "css/bootstrap.rtl.min.css"):
        assert finders.find(f"vendor/bootstrap/{name}") == str(VENDOR / name)
