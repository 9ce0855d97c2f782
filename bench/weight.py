"""Front-end weight of every public page type, as a first-time visitor's phone would load it.

`python bench/weight.py` starts the portal production-like (see `production_server`), fetches every
page type in German and Arabic plus the CSS, JS and fonts it references, as served by WhiteNoise
(brotli and gzip variants), and prints raw and compressed bytes against the limits:
HTML ≤ 60 KB raw, first visit (HTML + CSS + JS + fonts) ≤ 120 KB compressed.

`page_types(lang)` is also used by bench/lighthouse.py and tests/frontend/test_weight.py.
"""

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

VAR = ROOT / "var" / "frontend"
LANGUAGES = ("de", "ar")
HTML_LIMIT = 60 * 1024
FIRST_VISIT_LIMIT = 120 * 1024
# Filters a resident would use: an activity for children, on Mondays, free of charge.
OFFER_FILTERS = "?age=8&weekday=0&free=on"


def page_types(lang):
    """[(label, path)] for every public page type, built from the demo data (Django set up)."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from centers.models import Centre, Quarter
    from offers.models import Offer
    from survey.models import Survey

    quarter = Quarter.objects.order_by("pk").first()
    centre = Centre.objects.published().order_by("pk").first()
    offer = Offer.objects.published().order_by("pk").first()
    survey = Survey.objects.current() or Survey.objects.visible().order_by("pk").first()
    results = next((s for s in Survey.objects.visible().order_by("pk") if s.shows_results), None)
    wanted = [
        ("home", "home", {}),
        ("neighbourhood list", "centers:quarter-list", {}),
        ("neighbourhood page", "centers:quarter-detail", quarter and {"slug": quarter.slug}),
        ("centres overview", "centers:overview", {}),
        ("centre page", "centers:centre-detail", centre and {"slug": centre.slug}),
        ("contact page", "contacts:list", {}),
        ("activities + filters", "offers:list", {}),
        ("activity page", "offers:detail", offer and {"slug": offer.slug}),
        ("this week", "offers:this-week", {}),
        ("weekly plan", "offers:weekly-plan", quarter and {"slug": quarter.slug}),
        ("open data", "offers:open-data", {}),
        ("suggest an activity", "offers:propose", {}),
        ("survey landing", "survey:landing", {}),
        ("questionnaire", "survey:questionnaire", survey and {"slug": survey.slug}),
        ("paper questionnaire", "survey:paper", survey and {"slug": survey.slug}),
        ("survey results", "survey:results", results and {"slug": results.slug}),
        ("legal notice", "legal-notice", {}),
        ("privacy", "privacy", {}),
        ("accessibility", "accessibility", {}),
        ("easy read", "easy-read", {}),
    ]
    pages = []
    with translation.override(lang):
        for label, name, kwargs in wanted:
            if kwargs is None:
                continue
            try:
                path = reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue
            if name == "offers:list":
                path += OFFER_FILTERS
            pages.append((label, path))
    return pages


# --- A production-like server -----------------------------------------------------------------


def _environment():
    from bench import run

    env = run._environment("sqlite")
    env.update(
        DJANGO_SETTINGS_MODULE="heilbronn_quartier.settings",
        ALLOWED_HOSTS="127.0.0.1",
        SQLITE_PATH=str(VAR / "portal.sqlite3"),
        STATIC_ROOT=str(VAR / "static"),
        MEDIA_ROOT=str(VAR / "media"),
    )
    return env


def _page_list(env):
    """Asks a Django process with the server's settings for the page paths of both languages."""
    code = (
        "import django, json; django.setup(); from bench.weight import page_types, LANGUAGES; "
        "print(json.dumps({lang: page_types(lang) for lang in LANGUAGES}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


@contextlib.contextmanager
def production_server():
    """DEBUG=0 over plain HTTP, a fresh SQLite database with the demo content, 2 gunicorn workers.

    Yields (base_url, {lang: [(label, path)]}).
    """
    from bench import run

    VAR.mkdir(parents=True, exist_ok=True)
    run.VAR.mkdir(parents=True, exist_ok=True)
    env = _environment()
    (VAR / "portal.sqlite3").unlink(missing_ok=True)
    run._manage(env, "migrate", "--noinput")
    run._manage(env, "createcachetable")
    run._manage(env, "load_demo")
    run._manage(env, "collectstatic", "--noinput", "--clear")
    run._manage(env, "compile_catalogues", "-v0")
    pages = _page_list(env)
    port = run._free_port()
    process = run._start_gunicorn(env, port)
    try:
        yield f"http://127.0.0.1:{port}", pages
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


# --- Measuring --------------------------------------------------------------------------------

_ASSET = re.compile(r"""<(?:link|script)\b[^>]*?(?:href|src)="([^"]+\.(?:css|js))"[^>]*>""")
_PRINT = re.compile(r"""media="print\"""")
_FONT = re.compile(r"""url\(["']?([^"')]+\.(?:woff2?|ttf|otf))""")


def fetch(url, encoding=None):
    """(status, body bytes as transferred, headers) for one request."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding or "identity"})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, response.read(), dict(response.headers)


def _transfer(url):
    """Raw, gzip and brotli bytes of one URL as served (falls back to raw if not compressed)."""
    _status, raw, _headers = fetch(url)
    sizes = {"raw": len(raw)}
    for name, encoding in (("gzip", "gzip"), ("br", "br, gzip")):
        # A browser offers both; WhiteNoise has .br variants only if the Brotli package is there.
        _status, body, headers = fetch(url, encoding)
        sizes[name] = len(body) if headers.get("Content-Encoding") else len(raw)
    return raw, sizes


def _gzip(data):
    import gzip

    return len(gzip.compress(data, 6))


def measure_page(base_url, path, asset_cache):
    """HTML bytes (raw and gzip, as nginx would compress it) and the static assets' transfer."""
    _status, html, _headers = fetch(base_url + path)
    assets = []
    for tag in _ASSET.finditer(html.decode()):
        if _PRINT.search(tag.group(0)):
            continue  # print styles are not loaded for the screen
        assets.append(tag.group(1))
    for url in list(assets):
        if url.endswith(".css"):
            css = asset_cache.get(url) or _transfer(base_url + url)
            asset_cache[url] = css
            base = url.rsplit("/", 1)[0] + "/"
            assets += [base + font for font in _FONT.findall(css[0].decode(errors="replace"))]
    asset_sizes = {}
    for url in assets:
        if url not in asset_cache:
            asset_cache[url] = _transfer(base_url + url)
        asset_sizes[url] = asset_cache[url][1]
    html_gzip = _gzip(html)
    assets_br = sum(s["br"] for s in asset_sizes.values())
    return {
        "html": len(html),
        "html_gzip": html_gzip,
        "assets_raw": sum(s["raw"] for s in asset_sizes.values()),
        "assets_gzip": sum(s["gzip"] for s in asset_sizes.values()),
        "assets_br": assets_br,
        "first_visit": html_gzip + assets_br,
        "assets": sorted(asset_sizes),
    }


def measure_all(base_url, pages):
    cache = {}
    rows = []
    for lang in LANGUAGES:
        for label, path in pages[lang]:
            rows.append(
                {"lang": lang, "label": label, "path": path} | measure_page(base_url, path, cache)
            )
    return rows


def print_weights(rows):
    header = (
        f"{'page':24} {'lang':4} {'HTML B':>8} {'gzip':>7} {'CSS+JS B':>9} {'gzip':>7} "
        f"{'br|gz':>7} {'1st visit':>9}  verdict"
    )
    print(header)
    print("-" * len(header))
    misses = []
    for row in rows:
        verdict = []
        if row["html"] > HTML_LIMIT:
            verdict.append("HTML>60K")
        if row["first_visit"] > FIRST_VISIT_LIMIT:
            verdict.append("visit>120K")
        misses += [f"{row['label']} ({row['lang']}): {v}" for v in verdict]
        print(
            f"{row['label'][:24]:24} {row['lang']:4} {row['html']:8d} {row['html_gzip']:7d} "
            f"{row['assets_raw']:9d} {row['assets_gzip']:7d} {row['assets_br']:7d} "
            f"{row['first_visit']:9d}  {' '.join(verdict) or 'ok'}"
        )
    print(
        f"limits: HTML ≤ {HTML_LIMIT} B raw; first visit (HTML gzip + CSS/JS/fonts br or gzip) "
        f"≤ {FIRST_VISIT_LIMIT} B"
    )
    return misses


def main():
    with production_server() as (base_url, pages):
        misses = print_weights(measure_all(base_url, pages))
    print("weight limits missed:\n  " + "\n  ".join(misses) if misses else "all weight limits met")
    return 1 if misses else 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
