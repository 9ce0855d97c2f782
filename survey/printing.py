"""The printed questionnaire: pages, their serial number and machine-readable code.

Every printed copy gets a serial number (random, so printing needs no counter) and every page a
QR code naming survey, wave, language, page and serial, so that a later scanner import can tell
which form and which page it reads. The serial number is also typed in at paper entry.
"""

import math
import secrets

import segno
from django.utils.safestring import mark_safe

SERIAL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MAX_COPIES = 50

# Room for questions on an A4 page in millimetres (12 mm margins, the page head with the QR
# code; the first page also holds the letter head and the instructions), with a margin of safety:
# better a little space left than a question pushed onto a page of its own by the browser.
FIRST_PAGE, OTHER_PAGE = 150, 225


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
    """Millimetres a question needs on paper (13-pt bold question, 6-mm boxes, 9-mm lines)."""
    question = item["question"]
    height = 6 + 7 * math.ceil(len(question.text) / 70)
    height += 12 if question.section else 0
    height += 7 if item["condition"] else 0
    height += 7 if question.kind == "multiple" else 0
    if item["rows"]:
        return height + 20 + 9.5 * len(item["rows"])
    if question.kind == "text":
        # About 70 handwritten characters to a line (9 mm apart), at most 16 lines.
        item["write_lines"] = range(min(max(4, question.max_length // 70), 16))
        return height + 3 + 9 * len(item["write_lines"])
    if question.kind == "number":
        return height + 14
    if question.kind == "scale":
        return height + 30
    # Options stand in two columns, 8.5 mm a row.
    return height + 8.5 * math.ceil(len(item["options"]) / 2)


def tail_weight(return_points):
    """Millimetres of the thank-you and where to hand the form in, on the last page."""
    return 25 + 11 * len(return_points)


def paginate(items, tail=0):
    """Questions in pages, the last one with room for ``tail`` lines; no page holds a lone
    question when it can share one."""
    pages, page, room = [], [], FIRST_PAGE
    for item in items:
        need = weight(item)
        if page and need > room:
            pages.append(page)
            page, room = [], OTHER_PAGE
        page.append(item)
        room -= need
    if page and tail > room:
        # The closing block does not fit: the last questions go over with it.
        moved = []
        while page and tail > room and len(page) > 1:
            moved.insert(0, page.pop())
            room += weight(moved[0])
        pages.append(page)
        page = moved
    if page:
        pages.append(page)
    # A last page holding one question takes the one before it along.
    if len(pages) > 1 and len(pages[-1]) == 1 and len(pages[-2]) > 2:
        pages[-1].insert(0, pages[-2].pop())
    return pages


def return_details(survey):
    """Sender and where to hand the form in, from the stored contact and centre data."""
    from centers.models import Centre
    from contacts.models import ContactPerson

    sender = survey.sender or ContactPerson.objects.city_office().first()
    centres = survey.return_centres.all()
    if not centres.exists():
        centres = Centre.objects.published().operating()
    points = []
    for centre in centres.prefetch_related("sites").order_by("name"):
        site = centre.main_site
        if site is None:
            continue
        points.append(
            {
                "name": centre.name,
                "address": site.address_line,
                "hours": "; ".join(site.opening_hours_lines),
            }
        )
    return {"sender": sender, "return_points": points}
