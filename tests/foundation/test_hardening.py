import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/de/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy


def test_pages_send_the_other_security_headers(client):
    response = client.get("/de/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_an_oversized_public_body_gets_a_friendly_413(client):
    response = client.post(
        "/de/", data="x" * 2_000_000, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert '<html lang="de"' in html
    assert "Traceback" not in html


def test_a_body_with_too_many_fields_gets_413_not_400(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    fields = {f"f{i}": "x" for i in range(50)}
    response = client.post("/i18n/setlang/", fields)
    assert response.status_code in {400, 413}
    assert "Traceback" not in response.content.decode()


@override_settings(ROOT_URLCONF="tests.foundation.failing_urls", DEBUG=False)
@pytest.mark.parametrize("language", ["de", "ar", "tr"])
def test_an_unreachable_database_gives_a_friendly_503_in_the_visitors_language(client, language):
    client.raise_request_exception = False
    response = client.get(f"/{language}/database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert "connection refused" not in html and "Traceback" not in html


@override_settings(ROOT_URLCONF="tests.foundation.failing_urls", DEBUG=False)
def test_a_bug_gives_the_styled_500_page_without_details(client):
    client.raise_request_exception = False
    response = client.get("/en/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert 'href="#main-content"' in html
    assert "secret" not in html and "Traceback" not in html
