"""Pages whose own part is kept for cache misses (portal.cached_pages, issue 18): a save shows at
once, the clock still moves what it moves, and nothing of one visitor or host reaches another."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from network.models import Actor
from portal.models import PublicationStatus
from tests.factories import make_centre, make_quarter, make_site
from tests.network.factories import make_actor
from tests.offers.factories import make_offer

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments(settings):
    # A day: what the clock changes within it must end the kept parts by itself.
    settings.FRAGMENT_CACHE_SECONDS = 86400


def _page(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response.content.decode()


def test_an_editors_save_shows_on_the_centre_and_quarter_pages_at_once(client, fragments):
    centre = make_centre(name="Zentrum Alt")
    quarter = make_quarter(centre)
    assert "Zentrum Alt" in _page(client, centre.get_absolute_url())
    assert "Zentrum Alt" in _page(client, quarter.get_absolute_url())
    centre.name = "Zentrum Neu"
    centre.save()
    assert "Zentrum Neu" in _page(client, centre.get_absolute_url())
    assert "Zentrum Neu" in _page(client, quarter.get_absolute_url())


def test_open_now_moves_on_when_the_site_closes(client, fragments):
    centre = make_centre()
    make_site(centre, is_main=True, opening_hours_spec="Mo-Fr 09:00-16:00")
    url = centre.get_absolute_url()
    with time_machine.travel(datetime(2026, 3, 3, 15, 0, tzinfo=BERLIN), tick=False):  # Tuesday
        before = _page(client, url)
    with time_machine.travel(datetime(2026, 3, 3, 16, 30, tzinfo=BERLIN), tick=False):
        after = _page(client, url)
    assert "open-status--open" in before
    assert "open-status--closed" in after and "open-status--open" not in after


def _shows_the_next_tuesday_once_this_one_has_passed(client, url):
    """The page of a Tuesday 15:00–17:00 activity, before and after that Tuesday's date."""
    with time_machine.travel(datetime(2026, 3, 3, 14, 0, tzinfo=BERLIN), tick=False):
        before = _page(client, url)
    with time_machine.travel(datetime(2026, 3, 3, 17, 30, tzinfo=BERLIN), tick=False):
        after = _page(client, url)
    assert "2026-03-03T15:00" in before
    assert "2026-03-03T15:00" not in after and "2026-03-10T15:00" in after


def test_the_activity_page_shows_the_next_date_once_one_has_passed(client, fragments):
    offer = make_offer(title="Sprachcafé", slots=[(1, "15:00", "17:00")])  # Tuesdays
    url = reverse("offers:detail", kwargs={"slug": offer.slug})
    _shows_the_next_tuesday_once_this_one_has_passed(client, url)


def test_an_actor_scheduled_for_later_appears_on_the_quarter_page_when_its_time_comes(
    client, fragments
):
    quarter = make_quarter(make_centre())
    start = datetime(2026, 3, 3, 12, 0, tzinfo=BERLIN)
    make_actor(quarters=[quarter], name="Geplanter Verein", publish_from=start)
    url = quarter.get_absolute_url()
    with time_machine.travel(start - timedelta(hours=1), tick=False):
        assert "Geplanter Verein" not in _page(client, url)
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        assert "Geplanter Verein" in _page(client, url)


def test_an_activity_that_ends_its_publication_is_gone_from_the_actor_page(client, fragments):
    actor = make_actor()
    end = datetime(2026, 3, 3, 12, 0, tzinfo=BERLIN)
    make_offer(
        title="Befristeter Kurs", actor=actor, publish_until=end, slots=[(1, "15:00", "17:00")]
    )
    url = actor.get_absolute_url()
    with time_machine.travel(end - timedelta(hours=1), tick=False):
        assert "Befristeter Kurs" in _page(client, url)
    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        assert "Befristeter Kurs" not in _page(client, url)


def test_each_host_gets_its_own_structured_data(client, fragments):
    centre = make_centre()
    first = _page(client, centre.get_absolute_url(), HTTP_HOST="localhost")
    second = _page(client, centre.get_absolute_url(), HTTP_HOST="127.0.0.1")
    assert "http://localhost/" in first and "http://127.0.0.1/" not in first
    assert "http://127.0.0.1/" in second and "http://localhost/" not in second


def test_a_staff_preview_of_a_draft_is_never_kept_for_the_public(client, fragments):
    actor = make_actor(name="Entwurf eines Vereins", publication_status=PublicationStatus.DRAFT)
    url = actor.get_absolute_url()
    staff = get_user_model().objects.create_superuser("chefin", "c@example.org", "pw-lang-genug")
    client.force_login(staff)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=staff, name="t", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    client.get(url)  # the preview, whatever it shows
    client.logout()
    assert client.get(url).status_code == 404
    assert Actor.objects.get(pk=actor.pk).publication_status == PublicationStatus.DRAFT


def test_the_filter_lists_a_new_actor_at_once(client, fragments):
    make_offer(title="Erstes", actor=make_actor(name="Alter Verein"), slots=[(1, "15:00", "17:00")])
    assert "Alter Verein" in _page(client, reverse("offers:list"))
    newcomer = make_actor(name="Neuer Verein")
    make_offer(title="Zweites", actor=newcomer, slots=[(2, "15:00", "17:00")])
    page = _page(client, reverse("offers:list"), data={"actor": newcomer.pk})
    assert f'<option value="{newcomer.pk}" selected>Neuer Verein</option>' in page


def test_unknown_addresses_are_not_found_with_fragments_on(client, fragments):
    make_offer(title="Da", slots=[(1, "15:00", "17:00")])
    for name in (
        "centers:quarter-detail",
        "centers:centre-detail",
        "network:actor-detail",
        "offers:detail",
    ):
        assert client.get(reverse(name, kwargs={"slug": "gibt-es-nicht"})).status_code == 404


def test_a_centre_whose_publication_ends_leaves_its_page_and_the_quarter_page(client, fragments):
    end = datetime(2026, 3, 3, 12, 0, tzinfo=BERLIN)
    centre = make_centre(name="Befristetes Zentrum", publish_until=end)
    quarter = make_quarter(centre)
    with time_machine.travel(end - timedelta(hours=1), tick=False):
        assert "Befristetes Zentrum" in _page(client, quarter.get_absolute_url())
        assert client.get(centre.get_absolute_url()).status_code == 200
    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        assert "Befristetes Zentrum" not in _page(client, quarter.get_absolute_url())
        assert client.get(centre.get_absolute_url()).status_code == 404


def test_the_neighbourhood_page_shows_the_next_date_once_one_has_passed(client, fragments):
    quarter = make_quarter(make_centre())
    make_offer(title="Sprachcafé", quarter=quarter, slots=[(1, "15:00", "17:00")])  # Tuesdays
    url = quarter.get_absolute_url()
    _shows_the_next_tuesday_once_this_one_has_passed(client, url)


def test_the_filter_lists_a_scheduled_actor_when_its_time_comes(client, fragments):
    start = datetime(2026, 3, 3, 12, 0, tzinfo=BERLIN)
    later = make_actor(name="Später Verein", publish_from=start)
    make_offer(title="Kurs", actor=later, slots=[(1, "15:00", "17:00")])
    # Half a minute before: a list kept for a fixed minute would still leave it out after.
    with time_machine.travel(start - timedelta(seconds=30), tick=False):
        assert "Später Verein" not in _page(client, reverse("offers:list"))
    with time_machine.travel(start + timedelta(seconds=1), tick=False):
        assert "Später Verein" in _page(client, reverse("offers:list"))


def test_a_card_names_its_actor_once_the_actor_is_published(client, fragments):
    start = datetime(2026, 3, 3, 12, 0, tzinfo=BERLIN)
    later = make_actor(name="Bald Verein", publish_from=start)
    make_offer(title="Kurs", actor=later, slots=[(1, "15:00", "17:00")])
    url = reverse("offers:list")
    with time_machine.travel(start - timedelta(seconds=30), tick=False):
        assert 'href="/de/akteure/' not in _page(client, url)
    with time_machine.travel(start + timedelta(seconds=1), tick=False):
        assert later.get_absolute_url() in _page(client, url)


def test_the_weekly_plan_shows_a_renamed_neighbourhood_and_its_new_centre_at_once(
    client, fragments
):
    quarter = make_quarter(make_centre(name="Zentrum Alt"), name="Altstadt")
    url = reverse("offers:weekly-plan", kwargs={"slug": quarter.slug})
    first = _page(client, url)
    assert "Altstadt" in first and "Zentrum Alt" in first
    quarter.name = "Neustadt"
    quarter.centre = make_centre(name="Zentrum Neu")
    quarter.save()
    second = _page(client, url)
    assert "Neustadt" in second and "Zentrum Neu" in second
    assert "Altstadt" not in second and "Zentrum Alt" not in second
    assert client.get(url.replace(quarter.slug, "gibt-es-nicht")).status_code == 404
