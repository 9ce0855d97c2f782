"""Demo content for this app, loaded by `manage.py load_demo` (idempotent)."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from centers.models import Centre
from demo.marks import mark
from demo.offers_content import CATEGORIES, LANGS, OFFER_LANGUAGES, OFFERS, TARGET_GROUPS
from offers.models import (
    Cancellation,
    Category,
    ClosureKind,
    ClosurePeriod,
    Offer,
    OfferLanguage,
    Recurrence,
    Schedule,
    TargetGroup,
)
from portal.models import PublicationStatus

CENTRE_SLUGS = ["boeckingen", "heilbronner-sueden", "augaertle", "nordstadt"]
VALID_FROM = date(2024, 1, 8)
CANCEL_REASON = (
    "Teamfortbildung",
    "Staff training day",
    "يوم تدريب للفريق",
    "Zi de formare a echipei",
    "Обучение сотрудников",
    "Ekip eğitimi",
)

CLOSURE_NAME = (
    "Sommerschließzeit (Demo)",
    "Summer closure (demo)",
    "الإغلاق الصيفي (عرض تجريبي)",
    "Închidere de vară (demo)",
    "Летнее закрытие (демо)",
    "Yaz kapanışı (demo)",
)


def _translated(field, texts):
    return {f"{field}_{lang}": text for lang, text in zip(LANGS, texts, strict=True)}


def _lookup_tables():
    for order, (slug, names) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            slug=slug, defaults={"sort_order": order, **_translated("name", names)}
        )
    for order, (slug, names) in enumerate(TARGET_GROUPS):
        TargetGroup.objects.get_or_create(
            slug=slug, defaults={"sort_order": order, **_translated("name", names)}
        )
    for order, (code, names) in enumerate(OFFER_LANGUAGES):
        OfferLanguage.objects.get_or_create(
            code=code, defaults={"sort_order": order, **_translated("name", names)}
        )


def _time(text):
    return datetime.strptime(text, "%H:%M").time()


# These pause in the school holidays (the seeded periods of Baden-Württemberg).
SCHOOL_TERM_ONLY = {"hausaufgabenhilfe", "bewegungsnachmittag-kinder", "eltern-kind-gruppe"}


def _closure(centre, today):
    """One invented summer closure of the first centre, two weeks in August (marked as demo)."""
    first = date(today.year if today.month < 8 else today.year + 1, 8, 10)
    period, _created = ClosurePeriod.objects.get_or_create(
        kind=ClosureKind.CLOSURE,
        centre=centre,
        first_day=first,
        defaults={
            **_translated("name", CLOSURE_NAME),
            "last_day": first + timedelta(days=13),
            "source": "Demo",
        },
    )
    return mark(period)


def _create_offer(spec, centre, index, today):
    main_site = centre.sites.filter(is_main=True).first()
    branch = centre.sites.filter(is_main=False).first()
    site = branch if spec.get("branch") and branch else main_site
    ages = spec.get("ages", (None, None))
    fields = {
        **_translated("title", spec["title"]),
        **_translated("summary", spec["summary"]),
        **_translated("description", spec["description"]),
        "slug": f"{spec['key']}-{centre.slug}",
        "category": Category.objects.get(slug=spec["category"]),
        "min_age": ages[0],
        "max_age": ages[1],
        "cost_type": spec["cost"],
        "cost_amount": Decimal(spec["amount"]) if spec.get("amount") else None,
        "registration_required": spec.get("registration", False),
        "centre": centre,
        "site": site,
        "contact": centre.contacts.first(),
        "publication_status": PublicationStatus.PUBLISHED,
        "valid_from": VALID_FROM,
        "not_in_school_holidays": spec["key"] in SCHOOL_TERM_ONLY,
        # Some were last checked long ago, so the admin's "older than 6 months" list has entries.
        "last_checked": today - timedelta(days=23 * index),
    }
    if spec.get("registration_note"):
        fields.update(_translated("registration_note", spec["registration_note"]))
    offer = mark(Offer.objects.create(**fields))
    offer.target_groups.set(TargetGroup.objects.filter(slug__in=spec["groups"]))
    offer.languages.set(OfferLanguage.objects.filter(code__in=spec["languages"]))
    for recurrence, weekday, week, start, end in spec["slots"]:
        slot = Schedule(offer=offer, recurrence=recurrence, start_time=_time(start))
        slot.end_time = _time(end)
        if recurrence == Recurrence.SINGLE:
            slot.date = today + timedelta(days=weekday)  # here: days from today
        else:
            slot.weekday = weekday
            slot.week_of_month = week
        slot.save()
    for days_ahead in spec.get("cancel", []) + ([0] if index % 5 == 0 else []):
        start = today + timedelta(days=days_ahead)
        upcoming = [o for o in offer.occurrences(start, start + timedelta(days=40))]
        if upcoming:
            Cancellation.objects.get_or_create(
                offer=offer,
                date=upcoming[0].day,
                defaults=_translated("reason", CANCEL_REASON),
            )
    return offer


def load():
    _lookup_tables()
    today = timezone.localdate()
    created = 0
    for number, slug in enumerate(CENTRE_SLUGS):
        centre = Centre.objects.filter(slug=slug).first()
        if centre is None:
            continue
        if number == 0:
            _closure(centre, today)
        for index, spec in enumerate(OFFERS):
            if Offer.objects.filter(slug=f"{spec['key']}-{centre.slug}").exists():
                continue
            _create_offer(spec, centre, index, today)
            created += 1
    return f"{created} activities created"
