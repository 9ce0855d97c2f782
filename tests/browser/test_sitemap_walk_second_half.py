"""The sitemap walk of tests/browser/test_sitemap_walk.py for the other three languages."""

import pytest

from tests.browser.test_sitemap_walk import FIRST_HALF, LANGUAGES, walk


@pytest.mark.django_db(transaction=True)
def test_every_sitemap_page_is_accessible_and_valid_in_the_other_languages(
    live_server, page, html_checker, tmp_path
):
    walk(live_server, page, html_checker, tmp_path, LANGUAGES - FIRST_HALF)
