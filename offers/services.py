"""Exports of the directory: iCalendar (RFC 5545), Open Referral HSDS 3 JSON, CSV, JSON-LD."""

import csv
import io
import json
import uuid
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vRecur

from centers.models import Centre
from offers.models import CostType, OfferState, Recurrence, closure_periods
from offers.schedule import ical_days, rrule_parts, series_start
from portal.lib.html import plain_text
from portal.lib.spreadsheets import safe_row
from portal.lib.text import one_line, without_control_characters

PRODID = "-//Stadt Heilbronn//Quartiersportal Angebote//DE"
UID_DOMAIN = "quartier.heilbronn.de"
HSDS_VERSION = "3.0"
# HSDS ids are UUIDs; child objects get name-based UUIDs derived from the offer's, so they stay
# stable between exports.
_NAMESPACE = uuid.UUID("7f1f6a55-8a0e-4a53-9f7c-2d6f3c1b9e10")


def child_uuid(*parts):
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(part) for part in parts)))


# --- iCalendar --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _vtimezone():
    tz = timezone.get_default_timezone()
    return Timezone.from_tzinfo(tz, tzid=settings.TIME_ZONE, first_date=date(2019, 1, 1))


def slot_uid(slot):
    return f"offer-{slot.offer.uid}-slot-{slot.pk}@{UID_DOMAIN}"


def _event(offer, slot, absolute_url, periods=()):
    tz = timezone.get_default_timezone()
    event = Event()
    event.add("uid", slot_uid(slot))
    event.add("summary", one_line(offer.title))
    event.add("dtstamp", offer.updated_at or timezone.now())
    first_day = slot.date if slot.recurrence == Recurrence.SINGLE else _first_day(slot, offer)
    start = datetime.combine(first_day, slot.start_time, tzinfo=tz)
    event.add("dtstart", start)
    event.add("dtend", start + slot.duration)
    parts = rrule_parts(slot)
    if parts:
        if offer.valid_until:
            parts["UNTIL"] = datetime.combine(offer.valid_until, slot.end_time, tzinfo=tz)
        event.add("rrule", vRecur(parts))
        days = {day for day in offer.cancelled_dates() if day.weekday() in slot.days}
        days |= _holiday_exceptions(offer, slot, first_day, periods)
        exdates = [datetime.combine(day, slot.start_time, tzinfo=tz) for day in sorted(days)]
        if exdates:
            event.add("exdate", exdates)
    elif slot.date in offer.cancelled_dates():
        event.add("status", "CANCELLED")
    if offer.summary:
        event.add("description", without_control_characters(offer.summary))
    location = one_line(", ".join(part for part in [offer.place_name, offer.address_line] if part))
    if location:
        event.add("location", location)
    event.add("url", absolute_url)
    if offer.is_paused:
        event.add("status", "TENTATIVE")
    return event


def _holiday_exceptions(offer, slot, first_day, periods):
    """Public holidays and holiday/closure periods on the slot's days, from the series start
    (at most a year back) until two years ahead."""
    from offers.schedule import excluded_days

    last = offer.valid_until or timezone.localdate() + timedelta(days=730)
    first = max(first_day, timezone.localdate() - timedelta(days=365))
    return excluded_days(offer, slot, first, last, periods)


def _first_day(slot, offer):
    """DTSTART must be the first instance of the rule (RFC 5545, 3.8.5.3)."""
    from offers.schedule import build_rule

    rule, _tz = build_rule(slot, offer)
    first = rule.after(datetime.combine(series_start(slot, offer), slot.start_time), inc=True)
    return first.date() if first else series_start(slot, offer)


def build_calendar(offers, name, absolute_url):
    """A VCALENDAR with one VEVENT per slot; absolute_url(offer) gives each event's link."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # An X- property is written as it is: a line break in it would end the line.
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add_component(_vtimezone())
    today = timezone.localdate()
    periods = closure_periods(today - timedelta(days=365), today + timedelta(days=730))
    for offer in offers:
        for slot in offer.schedules.all():
            calendar.add_component(_event(offer, slot, absolute_url(offer), periods))
    return calendar.to_ical()


# --- HSDS 3 -----------------------------------------------------------------------------------


def _hsds_status(offer):
    if offer.state == OfferState.PAUSED:
        return "temporarily closed"
    if offer.state == OfferState.ENDED:
        return "defunct"
    return "active"


def _hsds_schedule(offer, slot):
    item = {
        "id": child_uuid(offer.uid, "schedule", slot.pk),
        "service_id": str(offer.uid),
        "opens_at": f"{slot.start_time:%H:%M}",
        "closes_at": f"{slot.end_time:%H:%M}",
        "description": slot.label,
        "attending_type": "in person",
    }
    if slot.recurrence == Recurrence.SINGLE:
        item["valid_from"] = slot.date.isoformat()
        item["valid_to"] = slot.date.isoformat()
        item["dtstart"] = slot.date.isoformat()
        return item
    item["freq"] = "MONTHLY" if slot.recurrence == Recurrence.MONTHLY else "WEEKLY"
    item["byday"] = ",".join(ical_days(slot, slot.week_of_month))
    item["interval"] = slot.interval or 1
    item["wkst"] = "MO"
    if offer.valid_from:
        item["valid_from"] = offer.valid_from.isoformat()
    if offer.valid_until:
        item["valid_to"] = offer.valid_until.isoformat()
    return item


def centre_uuid(centre):
    return child_uuid("centre", centre.pk)


def _hsds_organization(centre):
    return {
        "id": centre_uuid(centre),
        "name": centre.name,
        "description": centre.summary or centre.name,
    }


def _hsds_actor(actor):
    organization = {
        "id": str(actor.uid),
        "name": actor.name,
        "description": actor.summary or actor.name,
    }
    if actor.email:
        organization["email"] = actor.email
    if actor.website:
        organization["website"] = actor.website
    return organization


def _provider(offer):
    """The real provider: a published local actor if it runs the offer, otherwise the centre."""
    if offer.actor_id and offer.actor.is_public():
        return _hsds_actor(offer.actor)
    if offer.centre_id:
        return _hsds_organization(offer.centre)
    return None


def hsds_organization(organization, services=None, service_url=None):
    """A centre or an actor as an HSDS organization; with `services`, the full object."""
    is_centre = isinstance(organization, Centre)
    data = _hsds_organization(organization) if is_centre else _hsds_actor(organization)
    if services is None:
        return data
    data["services"] = [
        {
            "id": str(offer.uid),
            "name": offer.title,
            "status": _hsds_status(offer),
            **({"url": service_url(offer)} if service_url else {}),
        }
        for offer in services
    ]
    if not is_centre and (organization.contact_name or organization.phone):
        contact = {"id": child_uuid("actor-contact", organization.uid)}
        if organization.contact_name:
            contact["name"] = organization.contact_name
        if organization.email:
            contact["email"] = organization.email
        if organization.phone:
            contact["phones"] = [
                {"id": child_uuid("actor-phone", organization.uid), "number": organization.phone}
            ]
        data["contacts"] = [contact]
    return data


def _hsds_location(offer):
    address = None
    if offer.address_line:
        site = offer.site if offer.site_id else None
        address = {
            "id": child_uuid(offer.uid, "address"),
            "address_1": site.street if site else offer.street,
            "city": site.city if site else offer.city,
            "state_province": "Baden-Württemberg",
            "postal_code": site.postcode if site else offer.postcode,
            "country": "DE",
            "address_type": "physical",
        }
    location = {
        "id": child_uuid(offer.uid, "location"),
        "location_type": "physical",
        "name": offer.place_name or offer.title,
        "addresses": [address] if address else [],
    }
    site = offer.site if offer.site_id else None
    if site and site.latitude is not None and site.longitude is not None:
        location["latitude"] = float(site.latitude)
        location["longitude"] = float(site.longitude)
    return location


def hsds_service(offer, url, full=True):
    """One offer as an HSDS service; full=False leaves out the nested arrays (list view)."""
    service = {
        "id": str(offer.uid),
        "name": offer.title,
        "description": offer.summary or plain_text(offer.description)[:500] or offer.title,
        "url": url,
        "status": _hsds_status(offer),
        "last_modified": offer.updated_at.isoformat(),
    }
    provider = _provider(offer)
    if provider:
        service["organization_id"] = provider["id"]
    if offer.min_age is not None:
        service["minimum_age"] = offer.min_age
    if offer.max_age is not None:
        service["maximum_age"] = offer.max_age
    if offer.last_checked:
        service["assured_date"] = offer.last_checked.isoformat()
    if offer.registration_required:
        service["application_process"] = offer.registration_note or _("Registration required")
    service["fees_description"] = cost_text(offer)
    if not full:
        if provider:
            service["organization"] = provider
        return service
    service["schedules"] = [_hsds_schedule(offer, slot) for slot in offer.schedules.all()]
    service["languages"] = [
        {"id": child_uuid(offer.uid, "language", lang.code), "name": lang.name, "code": lang.code}
        for lang in offer.languages.all()
    ]
    service["cost_options"] = [_hsds_cost(offer)]
    service["service_at_locations"] = [
        {
            "id": child_uuid(offer.uid, "service_at_location"),
            "service_id": str(offer.uid),
            "location": _hsds_location(offer),
        }
    ]
    service["attributes"] = [
        {
            "id": child_uuid(offer.uid, "taxonomy", group.slug),
            "link_id": str(offer.uid),
            "link_type": "service",
            "link_entity": "service",
            "value": group.name,
            "label": "target_group",
        }
        for group in offer.target_groups.all()
    ]
    if provider:
        service["organization"] = provider
    if offer.contact_id:
        contact = offer.contact
        service["contacts"] = [
            {
                "id": child_uuid("contact", contact.pk),
                "name": contact.name,
                "title": contact.role,
                **({"email": contact.email} if contact.email else {}),
                "phones": (
                    [{"id": child_uuid("phone", contact.pk), "number": contact.phone}]
                    if contact.phone
                    else []
                ),
            }
        ]
    return service


def _hsds_cost(offer):
    cost = {"id": child_uuid(offer.uid, "cost"), "service_id": str(offer.uid)}
    if offer.cost_type == CostType.FREE:
        cost["amount"] = 0
        cost["currency"] = "EUR"
    elif offer.cost_type == CostType.AMOUNT and offer.cost_amount is not None:
        cost["amount"] = float(offer.cost_amount)
        cost["currency"] = "EUR"
    cost["amount_description"] = cost_text(offer)
    return cost


def hsds_page(offers, page, url_for):
    """The paginated body of GET /services (HSDS API)."""
    return {
        **_page_fields(page, len(offers)),
        "contents": [hsds_service(offer, url_for(offer), full=False) for offer in offers],
    }


def hsds_organizations_page(organizations, page):
    """The paginated body of GET /organizations: centres and local actors."""
    return {
        **_page_fields(page, len(organizations)),
        "contents": [hsds_organization(item) for item in organizations],
    }


def _page_fields(page, size):
    return {
        "total_items": page.paginator.count,
        "total_pages": page.paginator.num_pages,
        "page_number": page.number,
        "size": size,
        "first_page": page.number == 1,
        "last_page": not page.has_next(),
        "empty": page.paginator.count == 0,
    }


# --- CSV --------------------------------------------------------------------------------------

CSV_COLUMNS = [
    "id",
    "title",
    "summary",
    "category",
    "target_groups",
    "min_age",
    "max_age",
    "languages",
    "cost",
    "registration_required",
    "centre",
    "quarter",
    "place",
    "address",
    "schedule",
    "status",
    "valid_from",
    "valid_until",
    "last_checked",
    "url",
]


def offers_csv(offers, url_for):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for offer in offers:
        row = [
            offer.uid,
            offer.title,
            offer.summary,
            offer.category.name if offer.category_id else "",
            "; ".join(group.name for group in offer.target_groups.all()),
            offer.min_age,
            offer.max_age,
            "; ".join(lang.code for lang in offer.languages.all()),
            cost_text(offer),
            "yes" if offer.registration_required else "no",
            offer.centre.name if offer.centre_id else "",
            offer.quarter.name if offer.quarter_id else "",
            offer.place_name,
            offer.address_line,
            "; ".join(slot.label for slot in offer.schedules.all()),
            offer.state,
            offer.valid_from or "",
            offer.valid_until or "",
            offer.last_checked or "",
            url_for(offer),
        ]
        writer.writerow(safe_row(row))
    return buffer.getvalue()


# --- JSON-LD ----------------------------------------------------------------------------------


def cost_text(offer):
    if offer.cost_type == CostType.FREE:
        return _("Free of charge")
    if offer.cost_type == CostType.AMOUNT and offer.cost_amount is not None:
        amount = f"{offer.cost_amount:.2f} €"
        return f"{amount} ({offer.cost_note})" if offer.cost_note else amount
    return offer.cost_note or _("Cost on request")


def _schema_schedule(offer, slot, periods=None):
    from offers.schedule import excluded_days

    item = {
        "@type": "Schedule",
        "startTime": f"{slot.start_time:%H:%M}",
        "endTime": f"{slot.end_time:%H:%M}",
        "scheduleTimezone": settings.TIME_ZONE,
    }
    if slot.recurrence == Recurrence.SINGLE:
        item["startDate"] = slot.date.isoformat()
        item["endDate"] = slot.date.isoformat()
        return item
    day_names = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    by_day = [f"https://schema.org/{day_names[day]}" for day in slot.days]
    item["byDay"] = by_day[0] if len(by_day) == 1 else by_day
    if slot.recurrence == Recurrence.MONTHLY:
        item["repeatFrequency"] = "P1M"
        item["byMonthWeek"] = slot.week_of_month
    else:
        item["repeatFrequency"] = f"P{slot.interval or 1}W"
    if offer.valid_from:
        item["startDate"] = offer.valid_from.isoformat()
    if offer.valid_until:
        item["endDate"] = offer.valid_until.isoformat()
    days = set(offer.cancelled_dates())
    if periods is not None:
        today = timezone.localdate()
        days |= excluded_days(offer, slot, today, today + timedelta(days=365), periods)
    exceptions = [day.isoformat() for day in sorted(days) if day.weekday() in slot.days]
    if exceptions:
        item["exceptDate"] = exceptions
    return item


def json_ld(offer, url, next_occurrence=None):
    today = timezone.localdate()
    periods = closure_periods(today, today + timedelta(days=365))
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": one_line(offer.title),
        "description": without_control_characters(
            offer.summary or plain_text(offer.description)[:300]
        ),
        "url": url,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": (
            "https://schema.org/EventPostponed"
            if offer.is_paused
            else "https://schema.org/EventScheduled"
        ),
        "isAccessibleForFree": offer.is_free,
        "eventSchedule": [_schema_schedule(offer, slot, periods) for slot in offer.schedules.all()],
        "inLanguage": [lang.code for lang in offer.languages.all()],
    }
    if next_occurrence:
        data["startDate"] = next_occurrence.start.isoformat()
        data["endDate"] = next_occurrence.end.isoformat()
    place = {"@type": "Place", "name": one_line(offer.place_name or offer.title)}
    if offer.address_line:
        site = offer.site if offer.site_id else None
        place["address"] = {
            "@type": "PostalAddress",
            "streetAddress": site.street if site else offer.street,
            "postalCode": site.postcode if site else offer.postcode,
            "addressLocality": site.city if site else offer.city,
            "addressCountry": "DE",
        }
    data["location"] = place
    organizers = []
    if offer.actor_id and offer.actor.is_public():
        organizers.append({"@type": "Organization", "name": offer.actor.name})
    if offer.centre_id:
        organizers.append({"@type": "Organization", "name": offer.centre.name})
    if organizers:
        data["organizer"] = organizers[0] if len(organizers) == 1 else organizers
    if offer.min_age is not None or offer.max_age is not None:
        audience = {"@type": "PeopleAudience"}
        if offer.min_age is not None:
            audience["suggestedMinAge"] = offer.min_age
        if offer.max_age is not None:
            audience["suggestedMaxAge"] = offer.max_age
        data["audience"] = audience
    if offer.cost_type == CostType.AMOUNT and offer.cost_amount is not None:
        data["offers"] = {
            "@type": "Offer",
            "price": f"{offer.cost_amount:.2f}",
            "priceCurrency": "EUR",
        }
    # "</" would end the script element early; escape it.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
