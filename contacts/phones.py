"""The one formatter for telephone numbers: what is shown and what a tel: link dials.

Numbers are stored as people write them in Germany (07131 56-1167, +49 7131 56-1167,
0049 7131 561167); the link always dials E.164 (+4971315611167), made from the same digits.
"""

import re

from django.utils.html import format_html

_ALLOWED = re.compile(r"^[+0-9][0-9 ()/.\-]*$")


def e164(raw):
    """+49… for a German number, "" for anything that is not a dialable number."""
    text = (raw or "").strip()
    if not text or not _ALLOWED.match(text):
        return ""
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    if text.startswith("+"):
        number = digits
    elif digits.startswith("00"):
        number = digits[2:]
    elif digits.startswith("0"):
        number = "49" + digits[1:]
    else:
        return ""
    return f"+{number}" if 8 <= len(number) <= 15 else ""


def display(raw):
    """The number as written, with runs of spaces collapsed."""
    return " ".join((raw or "").split())


def tel_uri(raw):
    number = e164(raw)
    return f"tel:{number}" if number else ""


def phone_link(raw):
    """<a href="tel:+49…">07131 56-1167</a>; the number stays left-to-right in Arabic."""
    uri = tel_uri(raw)
    if not uri:
        return display(raw)
    return format_html('<a href="{}"><bdi dir="ltr">{}</bdi></a>', uri, display(raw))


def email_link(address):
    address = (address or "").strip()
    if not address:
        return ""
    return format_html('<a href="mailto:{0}"><bdi dir="ltr">{0}</bdi></a>', address)
