import gc
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver
from django.utils import translation

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heilbronn_quartier.settings")

application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018  (imports every view now, not on the first request)


def _index_links(resolver):
    resolver.reverse_dict  # noqa: B018
    for _prefix, included in resolver.namespace_dict.values():
        _index_links(included)


def _index_links_in_every_language():
    """Django indexes the addresses it links to per language (and per app namespace) on the
    first link in that language: 14–22 ms, paid by a visitor after every worker's start or
    recycling. Done here, once per language, before the freeze."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            _index_links(get_resolver())


_index_links_in_every_language()
# What is loaded now lives as long as the worker: the cyclic garbage collector need not walk it
# again. Unfrozen, every full collection walked these 100,000 objects too: 140–170 ms in which
# the worker answered nobody, against 45–70 ms frozen (issue 18; `python bench/gc_pauses.py`).
gc.freeze()
