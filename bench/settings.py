"""Production settings plus one bare view: the ceiling every page is measured against."""

from heilbronn_quartier.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
