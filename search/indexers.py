"""How the content of the lower layers (neighbourhoods, centres, sites, documents, contact
persons) becomes search entries. Offers and actors register themselves (offers/search.py,
network/search.py): this app may not import them."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import strip_tags

from centers.models import Centre, Document, Quarter, Site
from contacts.models import ContactPerson
from portal.models import PublicationStatus
from search.models import Kind
from search.registry import register, texts, translated


def window(*publishables):
    """The time all of them are public, as (visible_from, visible_until); None if never."""
    if any(p is None or p.publication_status != PublicationStatus.PUBLISHED for p in publishables):
        return None
    starts = [p.publish_from for p in publishables if p.publish_from]
    ends = [p.publish_until for p in publishables if p.publish_until]
    return {
        "visible_from": max(starts) if starts else None,
        "visible_until": min(ends) if ends else None,
    }


def _quarter(quarter, language):
    return {
        "title": quarter.name,
        "snippet": translated(quarter, "description", language)[:300],
        "url": quarter.get_absolute_url(),
        "quarters": [quarter],
        "body": " ".join(
            [texts(quarter, language, "description"), quarter.centre.name if quarter.centre else ""]
        ),
    }


def _centre(centre, language):
    visible = window(centre)
    if visible is None:
        return None
    quarters = list(centre.quarters.all())
    return visible | {
        "title": centre.name,
        "snippet": translated(centre, "summary", language),
        "url": centre.get_absolute_url(),
        "quarters": quarters,
        "body": " ".join(
            [
                texts(centre, language, "summary", "description"),
                centre.provider,
                *(quarter.name for quarter in quarters),
                *(f"{site.name} {site.street}" for site in centre.sites.all()),
            ]
        ),
    }


def _site(site, language):
    visible = window(site.centre)
    if visible is None:
        return None
    return visible | {
        "title": site.name,
        "snippet": f"{site.address_line} · {site.centre.name}",
        "url": f"{site.centre.get_absolute_url()}#site-{site.pk}-heading",
        "quarters": [site.quarter] if site.quarter else list(site.centre.quarters.all()),
        "body": " ".join(
            [
                site.address_line,
                site.centre.name,
                site.quarter.name if site.quarter else "",
                texts(site, language, "opening_hours", "directions"),
            ]
        ),
    }


def _document(document, language):
    visible = window(document, document.centre)
    if visible is None:
        return None
    title = translated(document, "title", language) or document.title
    summary = strip_tags(texts(document, language, "summary"))
    return visible | {
        "title": f"{title} ({document.year})",
        "snippet": f"{document.get_kind_display()} · {document.centre.name}",
        "url": reverse("centers:document-download", kwargs={"pk": document.pk}),
        "quarters": list(document.centre.quarters.all()),
        "body": " ".join(
            [
                texts(document, language, "title"),
                summary,
                str(document.get_kind_display()),
                str(document.year),
                document.centre.name,
            ]
        ),
    }


def _contact(contact, language):
    centre = contact.centre
    if centre is not None:
        visible = window(centre)
        if visible is None:
            return None
    else:
        visible = {}
    role = translated(contact, "role", language) or contact.role
    return visible | {
        "title": contact.name,
        "snippet": " · ".join(part for part in (role, centre.name if centre else "") if part),
        "url": centre.get_absolute_url() + "#team-heading" if centre else reverse("contacts:list"),
        "quarters": list(centre.quarters.all()) if centre else [],
        "body": " ".join(
            [texts(contact, language, "role", "topics"), centre.name if centre else ""]
        ),
    }


def register_lower_layers():
    register(Quarter, Kind.QUARTER, _quarter, load=lambda qs: qs.select_related("centre"))
    register(
        Centre,
        Kind.CENTRE,
        _centre,
        load=lambda qs: qs.prefetch_related("quarters", "sites"),
        follows={"centers.Quarter": lambda quarter: Centre.objects.filter(quarters=quarter)},
    )
    register(
        Site,
        Kind.SITE,
        _site,
        load=lambda qs: qs.select_related("centre", "quarter").prefetch_related("centre__quarters"),
        follows={
            "centers.Centre": lambda centre: centre.sites.all(),
            "centers.Quarter": lambda quarter: quarter.sites.all(),
        },
    )
    register(
        Document,
        Kind.DOCUMENT,
        _document,
        load=lambda qs: qs.select_related("centre").prefetch_related("centre__quarters"),
        follows={"centers.Centre": lambda centre: centre.documents.all()},
    )
    register(
        ContactPerson,
        Kind.CONTACT,
        _contact,
        load=lambda qs: qs.select_related("centre").prefetch_related(
            Prefetch("centre__quarters", queryset=Quarter.objects.order_by("name"))
        ),
        follows={"centers.Centre": lambda centre: centre.contacts.all()},
    )
