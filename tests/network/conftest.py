import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _german():
    """Requests to /ar/ … leave their language active in this thread; start each test in German."""
    translation.activate("de")
    yield
    translation.deactivate()
