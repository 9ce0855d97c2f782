import pytest
from django.contrib.auth import get_user_model

from tests.factories import make_centre

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(client, page_cache):
    first = client.get("/de/impressum/")
    second = client.get("/de/impressum/")
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert not hasattr(second, "templates") or not second.templates


def test_each_language_has_its_own_cached_page(client, page_cache):
    german = client.get("/de/impressum/").content.decode()
    arabic = client.get("/ar/impressum/").content.decode()
    assert 'lang="de"' in german and 'lang="ar"' in arabic


def test_saving_content_makes_the_change_visible_at_once(client, page_cache):
    from portal import cache as page_cache_module

    client.get("/de/")
    version = page_cache_module.current_version()
    make_centre(name="Quartierszentrum Neu")
    assert page_cache_module.current_version() > version


def test_logged_in_staff_never_get_a_cached_page(client, page_cache):
    client.get("/de/")
    staff = get_user_model().objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)
    response = client.get("/de/")
    assert response.templates, "a logged-in request must be rendered, not served from the cache"


def test_a_page_with_a_csrf_token_is_never_cached(rf, page_cache):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from portal.cache import AnonymousPageCacheMiddleware

    calls = []

    def view(request):
        calls.append(1)
        get_token(request)
        return HttpResponse("<form>…</form>")

    middleware = AnonymousPageCacheMiddleware(view)
    middleware(rf.get("/de/form/"))
    middleware(rf.get("/de/form/"))
    assert len(calls) == 2


def test_a_cached_page_is_replaced_after_an_editor_saves(client, page_cache):
    centre = make_centre(name="Quartierszentrum Alt", slug="alt")
    # The overview lists centres once the centres app provides it; the legal notice stands in.
    client.get("/de/impressum/")
    centre.name = "Quartierszentrum Neu"
    centre.save()
    response = client.get("/de/impressum/")
    assert response.templates, "after a save the page must be rendered again"


def test_an_address_without_language_prefix_is_cached_per_language(rf, page_cache):
    from django.http import HttpResponse
    from django.utils import translation

    from portal.cache import AnonymousPageCacheMiddleware

    def view(request):
        return HttpResponse(translation.get_language_from_request(request))

    middleware = AnonymousPageCacheMiddleware(view)
    german = middleware(rf.get("/api/hsds/services", HTTP_ACCEPT_LANGUAGE="de"))
    arabic = middleware(rf.get("/api/hsds/services", HTTP_ACCEPT_LANGUAGE="ar"))
    assert (german.content, arabic.content) == (b"de", b"ar")


def test_a_request_reads_the_content_version_once(client, page_cache, settings):
    """With Redis every read of the version is a round trip; a page miss needs it for its key,
    its fragments and kept parts, a survey submission for its survey and questions."""
    from unittest import mock

    from portal import cache as page_cache_module
    from tests.survey.factories import make_full_survey, valid_post

    full = make_full_survey()
    reads = mock.Mock(side_effect=page_cache_module._read_version)
    with mock.patch.object(page_cache_module, "_read_version", reads):
        for address in ("/de/angebote/", "/de/quartierszentren/", "/de/befragung/"):
            reads.reset_mock()
            assert client.get(address).status_code == 200
            assert reads.call_count == 1, address
        settings.PAGE_CACHE_SECONDS = 0
        reads.reset_mock()
        url = f"/de/befragung/{full['survey'].slug}/fragebogen/"
        assert client.post(url, valid_post(full, token="once")).status_code == 302
        assert reads.call_count == 1
    # Outside a request every call reads it.
    with mock.patch.object(page_cache_module, "_read_version", reads):
        reads.reset_mock()
        page_cache_module.current_version()
        page_cache_module.current_version()
        assert reads.call_count == 2


def test_a_request_that_saves_content_reads_the_new_version(page_cache):
    from portal import cache as page_cache_module

    reading = page_cache_module._request_version.set({})
    try:
        before = page_cache_module.current_version()
        assert page_cache_module.current_version() == before
        make_centre(name="Quartierszentrum Neu")  # an editor's save within the request
        after = page_cache_module.current_version()
        assert after > before
        make_centre(name="Quartierszentrum Neuer")  # a second save at once: still newer
        assert page_cache_module.current_version() > after
    finally:
        page_cache_module._request_version.reset(reading)
