import re

import pytest
from django.urls import reverse
from django.utils import translation

LANGUAGES = ["de", "en", "ar", "ro", "ru", "tr"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_home_has_lang_and_dir_of_the_language(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()


@pytest.mark.django_db
def test_arabic_pages_load_the_rtl_stylesheet(client):
    assert "bootstrap.rtl.min.css" in client.get("/ar/").content.decode()
    assert "bootstrap.rtl.min.css" not in client.get("/de/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("ar,en;q=0.5", "/ar/"), ("tr-TR,tr;q=0.9", "/tr/"), ("fr-FR", "/de/"), ("", "/de/")],
)
def test_root_redirects_to_the_best_language(client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
def test_switcher_names_each_language_in_itself_with_its_lang(client):
    html = client.get("/en/").content.decode()
    endonyms = [("de", "Deutsch"), ("ar", "العربية"), ("ru", "Русский"), ("tr", "Türkçe")]
    for code, endonym in endonyms:
        assert re.search(rf'hreflang="{code}" lang="{code}" dir="(ltr|rtl)"[^>]*>{endonym}<', html)


@pytest.mark.django_db
def test_switcher_keeps_the_visitor_on_the_same_page(client):
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/de/impressum/"})
    assert response.status_code == 302
    assert response["Location"] == "/ar/impressum/"


@pytest.mark.django_db
def test_switcher_refuses_to_redirect_to_another_host(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar", "ro", "ru", "tr"])
def test_interface_is_really_translated(client, language):
    german = client.get("/de/").content.decode()
    other = client.get(f"/{language}/").content.decode()
    with translation.override("de"):
        skip = translation.gettext("Skip to main content")
    with translation.override(language):
        translated_skip = translation.gettext("Skip to main content")
    assert skip in german
    assert translated_skip in other
    assert translated_skip != skip


@pytest.mark.django_db
def test_translated_pages_carry_the_translation_notice(client):
    assert "German version applies" in client.get("/en/").content.decode()
    assert "Im Zweifel gilt" not in client.get("/de/").content.decode()
