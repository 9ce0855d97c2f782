"""Public pages show images as WebP renditions with srcset, width and height."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import image_upload, make_centre, make_contact
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db

IMG = re.compile(r"<img\b[^>]*>")


def _images(html, folder):
    return [tag for tag in IMG.findall(html) if f"/media/{folder}/" in tag]


def _exists(url):
    return (Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL).lstrip("/")).exists()


def test_an_activity_image_has_webp_renditions_in_srcset_with_width_and_height(client):
    offer = make_offer(image=image_upload(size=(1600, 900)), image_alt_de="Kinder malen")
    [tag] = _images(client.get(offer.get_absolute_url()).content.decode(), "offers")
    src = re.search(r'src="([^"]+)"', tag).group(1)
    srcset = re.search(r'srcset="([^"]+)"', tag).group(1)
    candidates = [part.split() for part in srcset.split(", ")]
    assert [width for _url, width in candidates] == ["480w", "960w"]
    assert all(url.endswith(".webp") and _exists(url) for url, _width in candidates)
    assert src == candidates[0][0]
    assert 'width="480"' in tag and 'height="270"' in tag
    assert 'sizes="' in tag and 'alt="Kinder malen"' in tag


def test_a_centre_image_has_webp_renditions_in_srcset_with_width_and_height(client):
    centre = make_centre(image=image_upload(size=(1600, 900)), image_alt_de="Das Zentrum")
    [tag] = _images(client.get(centre.get_absolute_url()).content.decode(), "centres")
    assert re.search(r'srcset="[^"]+\.webp 480w, [^"]+\.webp 960w"', tag)
    assert 'width="480"' in tag and 'height="270"' in tag


def test_a_contact_photo_is_a_webp_rendition_with_width_and_height(client):
    centre = make_centre()
    make_contact(centre=centre, photo=image_upload(size=(600, 600)), photo_alt_de="Porträt")
    [tag] = _images(client.get("/de/kontakt/").content.decode(), "contacts")
    src = re.search(r'src="([^"]+)"', tag).group(1)
    assert src.endswith(".webp") and _exists(src)
    assert 'width="160"' in tag and 'height="160"' in tag and 'alt="Porträt"' in tag
