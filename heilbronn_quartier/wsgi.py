import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heilbronn_quartier.settings")

application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018  (imports every view now, not on the first request)
# What is loaded now lives as long as the worker: the cyclic garbage collector need not walk it
# again. Unfrozen, every full collection walked these 100,000 objects too: 140–170 ms in which
# the worker answered nobody, against 45–70 ms frozen (issue 18; `python bench/gc_pauses.py`).
gc.freeze()
