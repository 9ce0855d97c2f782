"""Long kept pages lose their template indentation, never what a reader sees (issue 18)."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from portal.lib.html import collapse_whitespace


def _shown(html):
    """What a browser shows of white space outside pre and textarea: any run is one space."""
    return re.sub(r"\s+", " ", html)


def test_runs_with_a_line_break_become_one_line_break_and_the_rest_stays():
    html = (
        "<ul>\n    <li>\n      <span>09:00–11:00\n      <a href='/x'>Lauftreff</a></span>"
        "  <b>frei</b>\n\n    </li>\n</ul>\n"
        "<pre>  a\n    b</pre>\n   <textarea name='t'>\n  eins\n   zwei</textarea>\n"
        "<script>\n  let a = 1;\n</script><STYLE>\n  p { }\n</style >  "
    )
    collapsed = collapse_whitespace(html)
    assert collapsed.startswith("<ul>\n<li>\n<span>09:00–11:00\n<a href='/x'>Lauftreff</a></span>")
    assert "  <b>frei</b>\n</li>\n</ul>\n" in collapsed  # no line break: left as written
    for kept in ("<pre>  a\n    b</pre>", "<textarea name='t'>\n  eins\n   zwei</textarea>"):
        assert kept in collapsed
    assert "<script>\n  let a = 1;\n</script>" in collapsed
    assert "<STYLE>\n  p { }\n</style >" in collapsed
    outside = re.sub(r"<(pre|textarea|script|style).*?</\1\s*>", "", html, flags=re.S | re.I)
    outside_collapsed = re.sub(
        r"<(pre|textarea|script|style).*?</\1\s*>", "", collapsed, flags=re.S | re.I
    )
    assert _shown(outside) == _shown(outside_collapsed)
    assert collapse_whitespace("") == ""


@pytest.mark.django_db
def test_this_week_shows_the_same_with_fewer_bytes(client):
    from datetime import timedelta

    from django.utils import timezone

    from offers.models import Offer
    from offers.schedule import group_by_day, occurrences_between
    from tests.offers.factories import make_offer

    for n in range(3):
        make_offer(title=f"Lauftreff {n}", slots=[(day, "15:00", "17:00") for day in range(7)])
    html = client.get(reverse("offers:this-week")).content.decode()
    today = timezone.localdate()
    offers = Offer.objects.published().for_calendar()
    days = group_by_day(occurrences_between(offers, today, today + timedelta(days=6)), today)
    written = render_to_string("offers/includes/week_days.html", {"days": days})
    assert "\n  " in written
    assert collapse_whitespace(written).strip() in html
    assert _shown(written).strip() in _shown(html)
    assert html.count(">Lauftreff 0<") == 7


@pytest.mark.django_db
def test_the_questionnaire_keeps_its_fields_and_loses_its_indentation(client):
    from tests.survey.factories import make_full_survey

    full = make_full_survey()
    url = reverse("survey:questionnaire", kwargs={"slug": full["survey"].slug})
    html = client.get(url).content.decode()
    assert not re.search(r"\n[ \t]+<", html.split("<textarea")[0])
    assert 'name="token"' in html
    for code in ("Q1", "Q2", "Q3", "Q4", "Q6", "Q7"):
        assert f'name="{code}"' in html


def test_rendered_html_stays_safe_and_plain_text_stays_plain():
    from django.utils.safestring import SafeData, mark_safe

    assert isinstance(collapse_whitespace(mark_safe("<p>\n  a</p>")), SafeData)
    assert not isinstance(collapse_whitespace("<p>\n  a</p>"), SafeData)
