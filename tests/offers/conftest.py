import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _german_and_a_fresh_cache():
    """Requests to /ar/ … leave their language active in this thread; start each test in German.
    Exports are cached, and the locmem cache outlives a test's database transaction."""
    translation.activate("de")
    cache.clear()
    yield
    translation.deactivate()
    cache.clear()
