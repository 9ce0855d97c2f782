"""The demo prints the suggestion links of its actors the first time it loads, never again."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_demo_prints_working_suggestion_links_once(client):
    out = StringIO()
    call_command("load_demo", stdout=out)
    links = dict(
        re.findall(
            r"^\s+(.+?): \S*?(/de/angebote/vorschlagen/akteur/[\w-]+/)$", out.getvalue(), re.M
        )
    )
    assert len(links) == 3
    pages = {name: client.get(path) for name, path in links.items()}
    assert all(page.status_code == 200 for page in pages.values())
    assert "Handy-Sprechstunde" in pages["Repair-Initiative Neckarufer (Demo)"].content.decode()
    again = StringIO()
    call_command("load_demo", stdout=again)
    assert "/vorschlagen/akteur/" not in again.getvalue()
