"""Random and hostile values at every public GET parameter and public form.

Whatever arrives: never a 500, never the hostile markup reflected unescaped, never a partial write.
"""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from offers.models import Offer
from survey.models import Answer, Response
from tests.factories import make_centre, make_quarter, make_site
from tests.offers.factories import make_offer
from tests.survey.factories import make_full_survey, valid_post

pytestmark = pytest.mark.django_db

XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
HOSTILE = [
    XSS,
    "' OR 1=1 --",
    "'; DROP TABLE offers_offer; --",
    "../../etc/passwd",
    "%00",
    "\x00",
    "\ud7ff\ue000",
    "١٢٣",
    "9" * 40,
    "-1",
    "1e309",
    "x" * 5000,
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "javascript:alert(1)",
]
values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=80),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

OFFER_PARAMS = [
    "q",
    "quarter",
    "centre",
    "actor",
    "target_group",
    "category",
    "age",
    "weekday",
    "time",
    "language",
    "free",
    "page",
]


@pytest.fixture
def place():
    centre = make_centre(slug="boeckingen")
    quarter = make_quarter(centre, slug="kreuzgrund")
    make_site(centre, is_main=True)
    offer = make_offer(centre=centre, quarter=quarter, slots=[(2, "15:00", "17:00")])
    return {"centre": centre, "quarter": quarter, "offer": offer}


def _assert_safe(response, sent):
    assert response.status_code < 500, response.status_code
    body = response.content.decode(errors="replace")
    for value in sent:
        if "<script>" in str(value):
            assert "<script>alert(1)</script>" not in body


@FUZZ
@given(params=st.dictionaries(st.sampled_from(OFFER_PARAMS), values, max_size=6))
def test_activity_filters_survive_anything(client, place, params):
    for language in ("de", "ar"):
        response = client.get(f"/{language}/angebote/", params)
        _assert_safe(response, params.values())


@FUZZ
@given(first=values, second=values)
def test_duplicate_parameters_are_harmless(client, place, first, second):
    query = urlencode([("quarter", first), ("quarter", second), ("page", first), ("age", second)])
    _assert_safe(client.get(f"/de/angebote/?{query}"), [first, second])
    _assert_safe(client.get(f"/de/quartiere/?{urlencode({'quarter': first})}"), [first])
    _assert_safe(client.get(f"/de/angebote/diese-woche/?{query}"), [first, second])
    _assert_safe(client.get(f"/api/hsds/services?{urlencode({'page': first})}"), [first])


@FUZZ
@given(segment=values, language=st.sampled_from(["de", "ar", "xx", "zz-ZZ", "", "de-DE"]))
def test_paths_with_hostile_slugs_answer_404_not_500(client, place, segment, language):
    slug = quote(segment[:200], safe="")
    for path in [
        f"/{language}/angebote/{slug}/",
        f"/{language}/quartiere/{slug}/",
        f"/{language}/quartierszentren/{slug}/",
        f"/{language}/angebote/kalender/{slug}/{slug}.ics",
        f"/{language}/angebote/wochenplan/{slug}/",
        f"/{language}/befragung/{slug}/fragebogen/",
        f"/api/hsds/services/{slug}",
    ]:
        response = client.get(path)
        assert response.status_code in {200, 301, 302, 404}, (path, response.status_code)
        _assert_safe(response, [segment])


@pytest.mark.parametrize(
    "path",
    ["/de/angebote/%ff%fe/", "/%c3%28/", "/de/quartiere/%ed%a0%80/", "/ar/befragung/%80/"],
)
def test_invalid_utf8_in_paths_is_a_404(client, path):
    assert client.get(path).status_code == 404


@FUZZ
@given(
    fields=st.dictionaries(
        st.sampled_from(
            [
                "name",
                "contact",
                "title",
                "description",
                "when",
                "where",
                "quarter",
                "target_groups",
                "website_url",
            ]
        ),
        values,
        max_size=9,
    )
)
def test_the_proposal_form_never_fails_or_half_stores(client, place, settings_rate_off, fields):
    before = Offer.objects.count()
    response = client.post("/de/angebote/vorschlagen/", fields)
    _assert_safe(response, fields.values())
    after = Offer.objects.count()
    if response.status_code == 302 and not fields.get("website_url"):
        assert after in {before, before + 1}
    else:
        assert after == before


@pytest.fixture
def settings_rate_off(settings):
    settings.OFFER_PROPOSAL_RATE_LIMIT = None
    settings.SURVEY_RATE_LIMIT = None


@pytest.fixture
def survey():
    return make_full_survey()


@FUZZ
@given(
    tampered=st.dictionaries(
        st.sampled_from(["Q1", "Q2", "Q3", "Q3_other", "Q4", "Q5_1", "Q5_2", "Q6", "Q7", "token"]),
        st.one_of(values, st.integers(min_value=-5, max_value=10**6).map(str)),
        min_size=1,
        max_size=5,
    )
)
def test_tampered_survey_answers_are_rejected_whole_or_stored_whole(
    survey, settings_rate_off, tampered
):
    client = Client()
    data = valid_post(survey, token=None) | tampered
    data = {key: value for key, value in data.items() if value is not None}
    responses, answers = Response.objects.count(), Answer.objects.count()
    url = f"/de/befragung/{survey['survey'].slug}/fragebogen/"
    response = client.post(url, data)
    _assert_safe(response, tampered.values())
    if response.status_code == 302:
        stored = Response.objects.order_by("-pk").first()
        assert Response.objects.count() <= responses + 1
        assert stored.answers.count() >= 1
    else:
        assert (Response.objects.count(), Answer.objects.count()) == (responses, answers)


@FUZZ
@given(language=values, next_url=values)
def test_the_language_switcher_never_fails_or_redirects_away(client, language, next_url):
    response = client.post("/i18n/setlang/", {"language": language, "next": next_url})
    assert response.status_code in {302, 400}
    from django.utils.http import url_has_allowed_host_and_scheme

    location = response.get("Location", "/")
    assert url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"})
