"""Rendered activity cards and place lists, shared by many pages (portal.cache fragments).

A card looks the same on every page that shows it, so it is rendered once per language and
content version and kept until its next date has passed; a list page then needs only the ids of
its page. What depends on which activities are published (scheduled publishing, "valid until")
is kept until the clock alone changes it (selection_valid_until)."""

import copy
from datetime import datetime, timedelta
from typing import NamedTuple

from django.db.models import Min, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from offers.models import Offer
from offers.schedule import attach_next_dates
from portal.cache import cached_fragment, cached_fragments, local_fragment
from portal.cached_pages import keeping


def selection_valid_until():
    """When the published activities next change by the clock alone: a scheduled publication
    begins or ends, or midnight (a "valid until" date passes, the coming days move on)."""
    now = timezone.now()
    tomorrow = timezone.localdate() + timedelta(days=1)
    moments = [timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))]
    scheduled = Offer.objects.aggregate(
        begins=Min("publish_from", filter=Q(publish_from__gt=now)),
        ends=Min("publish_until", filter=Q(publish_until__gt=now)),
    )
    moments += [moment for moment in scheduled.values() if moment is not None]
    return min(moments)


def offer_cards(ids, moments=None):
    """The rendered cards of these activities, in this order. Each card's end of validity (its
    next date passes) is added to `moments`, a list, when given (portal.cached_pages)."""
    names = [f"offer-card+until:{pk}" for pk in ids]

    def render(missing):
        pks = [int(name.rsplit(":", 1)[1]) for name in missing]
        kept = card_offers(pks)
        # Copies: the next date is set on each, and the kept activities serve every request.
        offers = [copy.copy(kept[pk]) for pk in pks if pk in kept]
        others = [pk for pk in pks if pk not in kept]
        if others:
            offers += with_names(Offer.objects.filter(pk__in=others).for_cards())
        offers = attach_next_dates(offers)
        rendered = {}
        for offer in offers:
            html = render_to_string("offers/includes/offer_card.html", {"offer": offer})
            until = min([offer.when.valid_until, *_window_changes(offer.actor)])
            rendered[f"offer-card+until:{offer.pk}"] = ((html, until), until)
        return rendered

    found = cached_fragments(names, render)
    if moments is not None:
        moments.extend(found[name][1] for name in names if name in found)
    return [found[name][0] for name in names if name in found]


# Above this many published activities a worker does not keep them (about 4 KB each): each
# batch of cards reads its own, as at any scale before.
CARD_OFFERS_KEPT_MAX = 6000


def card_offers(pks):
    """{pk: activity as its card reads it (for_cards, with_names)} for those of `pks` that are
    published, from all published activities, read at a worker's first batch of cards in a
    content version and kept in this process until the next: a card not rendered yet then asks
    the database nothing, where reading a few activities for a batch of cards cost more than
    rendering them (issue 18). Reading them all costs as much as a few dozen batches (0.2-0.4 s
    at city scale) and is paid once; spread over the batches instead, it cost the same and
    queued every request behind them. Nothing is kept in tests, nor above
    CARD_OFFERS_KEPT_MAX: {}."""
    if not keeping():
        return {}

    def load():
        published = Offer.objects.published()
        if published.count() > CARD_OFFERS_KEPT_MAX:
            return {}, selection_valid_until
        offers = with_names(published.for_cards())
        return {offer.pk: offer for offer in offers}, selection_valid_until

    kept = local_fragment("offer-card-offers", load, per_language=False)
    return {pk: kept[pk] for pk in pks if pk in kept}


def with_names(offers):
    """`offers` (for_cards) as a list, each with the category, centre, neighbourhood, actor and
    place it names and its target groups (`card_target_groups`), from card_names: a
    join of five tables would be read (and planned, on PostgreSQL) again for every batch of
    cards, and cost more than the rest of the batch's queries together (issue 18)."""
    offers = list(offers)
    names = card_names()
    through = Offer.target_groups.through.objects.filter(offer_id__in=[o.pk for o in offers])
    groups = {}
    for offer_id, group_id in through.values_list("offer_id", "targetgroup_id"):
        # A group saved since this request read the content version: its cards are kept under
        # that version, which no request reads any more.
        if group_id in names["target_group"]:
            groups.setdefault(offer_id, []).append(names["target_group"][group_id])
    order = names["target_group_order"]
    for offer in offers:
        for relation, found in names["by_id"].items():
            pk = getattr(offer, f"{relation}_id")
            if pk in found:  # else read as usual, should it have been added since
                offer._state.fields_cache[relation] = found[pk]
        offer.card_target_groups = sorted(groups.get(offer.pk, []), key=lambda g: order[g.pk])
    return offers


def card_names():
    """What cards name, by id, kept in this process per content version: the categories,
    centres, neighbourhoods, actors and places (CARD_NAMES: only what a card reads of them,
    each language's name included) and the target groups in their order. A few hundred rows
    at city scale."""
    from centers.models import Centre, Quarter, Site
    from network.models import Actor
    from offers.models import CARD_NAMES, Category, TargetGroup

    def load():
        models = {"category": Category, "centre": Centre, "quarter": Quarter}
        models |= {"actor": Actor, "site": Site}
        by_id = {
            relation: {obj.pk: obj for obj in model.objects.only(*CARD_NAMES[relation])}
            for relation, model in models.items()
        }
        groups = list(TargetGroup.objects.all())
        names = {
            "by_id": by_id,
            "target_group": {group.pk: group for group in groups},
            "target_group_order": {group.pk: rank for rank, group in enumerate(groups)},
        }
        return names, None

    return local_fragment("offer-card-names", load, per_language=False)


def _window_changes(actor):
    """When the clock shows or hides `actor` (a card names it only while it is public)."""
    if actor is None:
        return []
    now = timezone.now()
    moments = (actor.publish_from, actor.publish_until)
    return [moment for moment in moments if moment is not None and moment > now]


def place_activities(offers, name, keep=True):
    """The compact list of a neighbourhood's or centre's published activities (`offers`, a
    queryset not yet evaluated): (html, until when it stays right), kept under `name` unless
    keep=False (a page that keeps its own part holds it already; twice would double the
    memory of the largest pages). `until` is a datetime, or a function giving one if not kept."""

    def render():
        listed = attach_next_dates(offers)
        html = render_to_string("offers/includes/offer_list_compact.html", {"offers": listed})
        shown = [offer.when.valid_until for offer in listed]
        return html, lambda: min([selection_valid_until(), *shown])

    if not keep:
        return render()

    def kept():
        html, until = render()
        moment = until() if keeping() else None
        return (html, moment), moment

    return cached_fragment(name, kept)


def filters_key(filters):
    """A short key for the (name, value) pairs of a filtered list's address."""
    import hashlib
    from urllib.parse import urlencode

    return hashlib.sha256(urlencode(sorted(filters)).encode()).hexdigest()


def listed_ids(offers, key):
    """The ids of `offers()` (a filtered, ordered queryset) as a list, kept per language (a text
    search) and filter `key` (filters_key) until the published activities change by a save or
    the clock."""

    def render():
        return list(offers().values_list("pk", flat=True)), selection_valid_until

    return cached_fragment(f"offer-list-ids:{key}", render)


def filter_form(form, is_filtered):
    """The activity list's filter form as its address fills it in: its fields (each kept per
    value, _filter_field) joined into the form around them, which is kept in this process for
    each way an address changes it (filtered or not, valid or not, "free of charge" ticked or
    not). A new combination of filters renders no template (issue 18). A GET form: no token,
    nothing per visitor."""
    valid, free = form.is_valid(), bool(form["free"].value())

    def render():
        # The template with a marker for each field; no value of the address is in the rest.
        marked = {name: mark_safe(f"\x00{name}\x00") for name in FILTER_FIELDS}  # noqa: S308
        html = render_to_string(
            "offers/includes/offer_filters.html",
            {"form": form, "fields": marked, "is_filtered": is_filtered},
        )
        return html.split("\x00"), None

    frame = f"offer-filters:{int(is_filtered)}:{int(valid)}:{int(free)}"
    parts = local_fragment(frame, render)
    fields = {name: _filter_field(form[name]) for name in FILTER_FIELDS}
    # Odd parts are the names of fields, even parts the form around them.
    return mark_safe(  # noqa: S308 (rendered template, rendered fields)
        "".join(fields[part] if number % 2 else part for number, part in enumerate(parts))
    )


FILTER_FIELDS = ("q", "quarter", "centre", "actor", "target_group", "age", "category")
FILTER_FIELDS += ("weekday", "time", "language")


def _choices_valid_until(form):
    def kept():
        moment = form.choices_valid_until()
        return moment, moment

    return local_fragment("offer-filter-choices-until", kept, per_language=False)


def _filter_field(field):
    """One field of the filter form (label, widget, errors) as offers_tags.form_field writes
    it. A valid value of a choice, an age or nothing: kept in this process per language,
    content version and value, so that a new combination of filters joins kept fields; other
    values (a text, an error) are written for this request only."""
    from django import forms

    from offers.templatetags.offers_tags import form_field

    value = field.value()
    keep = not field.errors and (
        value in (None, "")
        or isinstance(field.field, forms.ChoiceField)
        or (field.name == "age" and value == str(field.form.cleaned_data.get("age")))
    )
    if not keep:
        return form_field(field)
    name = f"offer-filter-field:{field.name}:{value}"
    return local_fragment(
        name, lambda: (form_field(field), lambda: _choices_valid_until(field.form))
    )


class Listed(NamedTuple):
    """What the activity list filters by, of one published activity (OfferFilterForm.select)."""

    min_age: int | None
    max_age: int | None
    slots: tuple  # (weekdays as stored, start time) per slot


class ListingIndex:
    """The published activities as the activity list filters them, in memory: `ordered`, their
    ids in the list's order; `rows`, {id: Listed}; and per filter the ids of each value
    (`by["quarter"][quarter id]`: the activities there, by their own or their site's
    neighbourhood; `by["centre"]`, `by["actor"]`, `by["category"]`, `by["target_group"]`,
    `by["language"]`; `free`)."""

    def __init__(self, ordered, rows, by, free):
        self.ordered, self.rows, self.by, self.free = ordered, rows, by, free

    def ids(self, name, key):
        return self.by[name].get(key, frozenset())


def listing_index():
    """The ListingIndex of the published activities, kept in this process per content version
    (the order per language: titles are translated) until the clock changes which activities
    are published. A new combination of filters then filters in memory instead of asking the
    database: there are as many combinations as visitors care to make."""

    def rows():
        from offers.models import CostType, Schedule

        published = Offer.objects.published()
        chosen = published.values("pk")
        by = {name: {} for name in ("quarter", "centre", "actor", "category")}
        by |= {"target_group": {}, "language": {}}

        def add(name, key, pk):
            if key is not None:
                by[name].setdefault(key, set()).add(pk)

        through = Offer.target_groups.through.objects.filter(offer__in=chosen)
        for pk, group in through.values_list("offer_id", "targetgroup_id"):
            add("target_group", group, pk)
        through = Offer.languages.through.objects.filter(offer__in=chosen)
        for pk, language in through.values_list("offer_id", "offerlanguage_id"):
            add("language", language, pk)
        slots = {}
        # rewrite(False): no translated field here, and modeltranslation's rows cost 20 times more.
        found = Schedule.objects.filter(offer__in=chosen).rewrite(False)
        for pk, weekdays, start in found.values_list("offer_id", "weekdays", "start_time"):
            slots.setdefault(pk, []).append((weekdays, start))
        fields = ("pk", "quarter_id", "site__quarter_id", "centre_id", "actor_id", "category_id")
        rows, free = {}, set()
        found = published.rewrite(False).values_list(*fields, "cost_type", "min_age", "max_age")
        for row in found:
            pk, quarter, site_quarter, centre, actor, category, cost_type, *ages = row
            rows[pk] = Listed(*ages, tuple(slots.get(pk, ())))
            for name, key in (("quarter", quarter), ("quarter", site_quarter), ("centre", centre)):
                add(name, key, pk)
            add("actor", actor, pk)
            add("category", category, pk)
            if cost_type == CostType.FREE:
                free.add(pk)
        return (rows, by, free), selection_valid_until

    rows, by, free = local_fragment("offer-listing-index", rows, per_language=False)
    return ListingIndex(listed_order(), rows, by, free)


def listed_order():
    """The ids of the published activities in the list's order, kept in this process per
    language and content version until the clock changes which are published."""

    def order():
        # In the order of the list's queryset (the title in this language), read without rewriting.
        ids = Offer.objects.published().order_by("title", "pk").rewrite(False)
        return list(ids.values_list("pk", flat=True)), selection_valid_until

    return local_fragment("offer-listing-order", order)
