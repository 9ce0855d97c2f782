"""The printed questionnaire: pages, their serial number and machine-readable code.

Every printed copy gets a serial number (random, so printing needs no counter) and every page a
QR code naming survey, wave, language, page and serial, so that a later scanner import can tell
which form and which page it reads. The serial number is also typed in at paper entry.
"""

import secrets

import segno
from django.utils.safestring import mark_safe

SERIAL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MAX_COPIES = 50

# Page capacity in rough "lines" of 13-pt text on A4 (the first page also holds the letter head
# and the instructions). The estimate errs on the generous side: better a little space left
# than a question cut in two.
FIRST_PAGE, OTHER_PAGE = 26, 44


def new_serial():
    code = "".join(secrets.choice(SERIAL_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


def qr_payload(survey, language, page, pages, serial):
    return f"HNQ1;s={survey.slug};w={survey.wave};l={language};p={page}/{pages};n={serial}"


def qr_svg(payload):
    """An inline SVG (no file, no data URI), black on white, with its quiet zone."""
    svg = segno.make(payload, error="m").svg_inline(scale=2, omitsize=False)
    return mark_safe(svg)  # noqa: S308 -- segno's own markup; the payload is slug and codes


def weight(item):
    """How many lines a question needs on paper, with its writing space."""
    question = item["question"]
    lines = 3 + (2 if question.section else 0) + (1 if item["condition"] else 0)
    if item["rows"]:
        return lines + 2 + 2 * len(item["rows"])
    if question.kind == "text":
        # About 70 handwritten characters to a line, at most a page's half.
        item["write_lines"] = range(min(max(4, question.max_length // 70), 16))
        return lines + 2 * len(item["write_lines"])
    if question.kind == "number":
        return lines + 2
    if question.kind == "scale":
        return lines + 3
    return lines + sum(2 if option["is_other"] else 1 for option in item["options"])


def paginate(items):
    """Questions in pages; no page holds a lone question when it can share one."""
    pages, page, room = [], [], FIRST_PAGE
    for item in items:
        need = weight(item)
        if page and need > room:
            pages.append(page)
            page, room = [], OTHER_PAGE
        page.append(item)
        room -= need
    if page:
        pages.append(page)
    # A last page holding one question takes the one before it along.
    if len(pages) > 1 and len(pages[-1]) == 1 and len(pages[-2]) > 2:
        pages[-1].insert(0, pages[-2].pop())
    return pages


def return_details(survey):
    """Sender and where to hand the form in: filled in later from stored contact data."""
    return {"sender": None, "return_points": []}
