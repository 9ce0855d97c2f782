from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from centers.models import Centre, Quarter
from network.models import Actor
from offers import services
from offers.forms import OfferFilterForm, PlanLanguageForm, ProposalForm
from offers.fragments import (
    filter_form,
    filters_key,
    listed_ids,
    listed_order,
    listing_index,
    offer_cards,
    selection_valid_until,
)
from offers.models import FeedKind, Offer, TargetGroup, Weekday, quarters_with_offers
from offers.schedule import group_by_day, occurrences_between
from portal.cache import cached_fragment, local_fragment, page_cache_params
from portal.cached_pages import clock_valid_until, keeping, public_row, render_kept
from portal.lib import clients
from portal.lib.html import collapse_whitespace
from staff.permissions import OFFER_CENTRE_PATH, preview_response, previews, visible_to

HSDS_PAGE_SIZE = 50


def _public():
    return Offer.objects.published().for_listing()


@page_cache_params(*OfferFilterForm.base_fields, "page")
@require_safe
def offer_list(request):
    form = OfferFilterForm(request.GET or None)

    def matches():
        offers = Offer.objects.published()
        if form.is_bound:
            offers = form.filter(offers, translation.get_language())
        return offers.order_by("title", "pk")

    # The ids of all matches in order are kept per filter (offers.fragments) and the page's
    # cards come rendered: a list page asks the database nothing once both are kept.
    key = filters_key(
        (name, value)
        for name, values in request.GET.lists()
        if name in form.fields
        for value in values
    )
    if keeping() and not (form.is_bound and form.data.get("q")):
        # Filtered in Python over the published activities kept per content version: a new
        # combination of filters asks the database nothing (a text search still does).
        listed = form.select(listing_index()) if form.is_bound else listed_order()
    else:
        listed = listed_ids(matches, key)
    page = Paginator(listed, settings.OFFERS_PER_PAGE)
    page = page.get_page(request.GET.get("page"))
    ids = list(page.object_list)
    # The page's activities themselves only for whoever asks (not the template): not even
    # built otherwise, which costs a twentieth of a page.
    page.object_list = SimpleLazyObject(
        lambda: Offer.objects.filter(pk__in=ids).order_by("title", "pk")
    )
    query = request.GET.copy()
    query.pop("page", None)
    is_filtered = form.is_bound and form.is_filtered()
    return render(
        request,
        "offers/offer_list.html",
        {
            "form": form,
            "filters": filter_form(form, is_filtered),
            "page": page,
            "cards": mark_safe("".join(offer_cards(ids))),  # noqa: S308 (rendered cards)
            "query": query.urlencode(),
            "is_filtered": is_filtered,
            "feeds": form.feeds() if form.is_bound else [],
            "kinds": FeedKind,
        },
    )


@require_safe
def offer_detail(request, slug):
    if not previews(request, "offers.change_offer"):
        # Everyone else sees the published page, whose own part is kept (portal.cached_pages).
        pk, _row = public_row(Offer.objects.published, slug, "offers", selection_valid_until)
        if pk is None:
            raise Http404

        def context():
            return _offer_context(request, _with_details(Offer.objects.filter(pk=pk)).get())

        def valid_until(context):
            # The first shown date drops out once it has ended; the actor's own window.
            upcoming = context["upcoming"]
            actor = Actor.objects.filter(pk=context["offer"].actor_id)
            moments = [clock_valid_until(actor), upcoming[0].end if upcoming else None]
            return min(moment for moment in moments if moment is not None)

        return render_kept(
            request, "offers/offer_detail.html", f"offer-page:{pk}", context, valid_until
        )
    offers, _preview = visible_to(
        request, Offer.objects.all(), "offers.change_offer", OFFER_CENTRE_PATH
    )
    offer = get_object_or_404(_with_details(offers), slug=slug)
    # Staff may preview what is not public (yet); Offer.published() is the public rule.
    preview = not Offer.objects.published().filter(pk=offer.pk).exists()
    response = render(request, "offers/offer_detail.html", _offer_context(request, offer, preview))
    return preview_response(response) if preview else response


def _with_details(offers):
    return offers.select_related(
        "category", "centre", "actor", "quarter", "site", "contact"
    ).prefetch_related("target_groups", "languages", "schedules", "cancellations")


def _offer_context(request, offer, preview=False):
    upcoming = offer.next_occurrences(limit=6)
    url = request.build_absolute_uri(offer.get_absolute_url())
    return {
        "offer": offer,
        "kinds": FeedKind,
        "preview": preview,
        "upcoming": upcoming,
        "json_ld": services.json_ld(offer, url, upcoming[0] if upcoming else None),
    }


@page_cache_params("quarter")
@require_safe
def this_week(request):
    quarter = None
    offers = Offer.objects.published().for_calendar()
    if request.GET.get("quarter"):
        slug = request.GET["quarter"][:120]
        # Only a well-formed slug reaches the database (PostgreSQL refuses a NUL byte, say).
        valid = slug_re.fullmatch(slug)
        quarter = Quarter.objects.filter(slug=slug).first() if valid else None
        offers = offers.for_quarter(quarter) if quarter else offers.none()
    today = timezone.localdate()

    def render_days():
        end = today + timedelta(days=6)
        days = group_by_day(occurrences_between(offers, today, end), today)
        html = render_to_string("offers/includes/week_days.html", {"days": days})
        return collapse_whitespace(html), selection_valid_until

    # An unknown neighbourhood shows nothing and must not share the key of "all".
    place = quarter.pk if quarter else ("unknown" if request.GET.get("quarter") else "all")
    name = f"this-week:{today}:{place}"
    return render(
        request,
        "offers/offer_this_week.html",
        {
            "days": cached_fragment(name, render_days),
            "quarter": quarter,
            "quarters": _quarters_to_choose(),
        },
    )


def _quarters_to_choose():
    """(pk, slug, name) of the neighbourhoods with published activities, kept in this process
    until the published activities change (an editor's save, or the clock)."""

    def quarters():
        found = [(q.pk, q.slug, q.name) for q in quarters_with_offers()]
        return found, selection_valid_until

    return local_fragment("this-week-quarters", quarters)


def _feed_offers(kind, slug):
    """The published offers of one calendar feed and the feed's name; unknown → 404."""
    offers = (
        Offer.objects.published()
        .select_related("site")
        .prefetch_related("schedules", "cancellations")
    )
    if kind == FeedKind.OFFER:
        offer = get_object_or_404(offers, slug=slug)
        return [offer], offer.title
    if kind == FeedKind.QUARTER:
        quarter = get_object_or_404(Quarter, slug=slug)
        return offers.for_quarter(quarter), quarter.name
    if kind == FeedKind.CENTRE:
        centre = get_object_or_404(Centre.objects.published(), slug=slug)
        return offers.for_centre(centre), centre.name
    if kind == FeedKind.TARGET_GROUP:
        group = get_object_or_404(TargetGroup, slug=slug)
        return offers.for_target_group(group), group.name
    raise Http404


@require_safe
def ical(request, kind, slug):
    offers, name = _feed_offers(kind, slug)

    def calendar():
        body = services.build_calendar(
            offers,
            _("{name} · Activities and services").format(name=name),
            lambda offer: request.build_absolute_uri(offer.get_absolute_url()),
        )
        return body, selection_valid_until

    # The links in it name the host the feed was asked from (validated by get_host()).
    site = request.build_absolute_uri("/")
    body = cached_fragment(f"ical:{kind}:{slug}:{timezone.localdate()}:{site}", calendar)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-{slug}.ics"'
    return response


PLAN_WEEKS = 4
PLAN_DENSE_FROM = 14
# Entries plus the notes of cancelled dates under them that still fit one page a little smaller.
PLAN_LINES_MAX = 28


@dataclass
class PlanEntry:
    slot: object
    offer: object
    cancelled: list  # cancelled occurrences of this slot in the next PLAN_WEEKS weeks
    place_mark: str = ""

    @property
    def rhythm(self):
        """What a weekday row cannot say by itself, briefly: “1st of the month”, “every two
        weeks”, or the date of a single one; empty for every week."""
        from offers.models import Recurrence, WeekOfMonth

        slot = self.slot
        if slot.recurrence == Recurrence.SINGLE and slot.date:
            return f"{slot.date:%d.%m.}"
        if slot.recurrence == Recurrence.MONTHLY and slot.week_of_month:
            return _("%(nth)s of the month") % {"nth": WeekOfMonth(slot.week_of_month).label}
        if (slot.interval or 1) > 1:
            return _("every two weeks")
        return ""

    @property
    def cancelled_by_reason(self):
        """[(dates, reason)]: neighbouring cancelled dates of one reason share it (“23.12.,
        30.12. (Christmas holidays)”), so that December's holidays still leave one page."""
        groups = []
        for item in self.cancelled:
            if groups and groups[-1][1] == item.reason:
                groups[-1][0].append(item.start)
            else:
                groups.append(([item.start], item.reason))
        return groups


def plan_columns(offers, today):
    """[(weekday, [PlanEntry])] for every weekday; cancelled dates of the coming weeks
    (public holidays, school holidays, closures, cancellations) with each entry."""
    offers = list(offers)
    end = today + timedelta(weeks=PLAN_WEEKS)
    cancelled = {}
    for item in occurrences_between(offers, today, end):
        if item.cancelled:
            cancelled.setdefault(item.slot.pk, []).append(item)
    columns = {day: [] for day in Weekday}
    for offer in offers:
        for slot in offer.schedules.all():
            for day in slot.days:
                entry = PlanEntry(slot, offer, cancelled.get(slot.pk, []))
                columns[Weekday(day)].append(entry)
    for entries in columns.values():
        entries.sort(key=lambda entry: (entry.slot.start_time, entry.offer.title))
    return list(columns.items())


def feed_addresses(request, kind, slug):
    """The https address of a feed, its webcal:// twin (calendar apps subscribe to it and fetch
    it again by themselves) and the subscription page's address."""
    https = request.build_absolute_uri(reverse("offers:ical", kwargs={"kind": kind, "slug": slug}))
    webcal = "webcal://" + https.split("://", 1)[1]
    page = request.build_absolute_uri(
        reverse("offers:subscribe", kwargs={"kind": kind, "slug": slug})
    )
    return https, webcal, page


@require_safe
def subscribe(request, kind, slug):
    """One page per calendar feed: subscribe link, copyable address, steps per device, QR code."""
    from portal.lib.qr import qr_data_uri

    _offers, name = _feed_offers(kind, slug)
    https, webcal, _page = feed_addresses(request, kind, slug)
    return render(
        request,
        "offers/subscribe.html",
        {
            "name": name,
            "kind": FeedKind(kind),
            "slug": slug,
            "https": https,
            "webcal": webcal,
            "qr": qr_data_uri(webcal),
        },
    )


def _plan_sites(quarter, offers):
    """The places of the plan: the sites its activities happen at, the serving centre's main
    site first; each with its centre's phone contact."""
    sites = {offer.site.pk: offer.site for offer in offers if offer.site_id}
    if quarter.centre_id and quarter.centre.main_site:
        main = quarter.centre.main_site
        sites = {main.pk: main, **sites}
    return sorted(sites.values(), key=lambda site: (not site.is_main, site.name))


def _plan_quarter(slug):
    """The neighbourhood with this slug and its centre, for the plan page to read (not to change):
    while fragments are kept, all neighbourhoods are loaded once per worker and content version,
    since building the query of their many translated columns cost more than a kept plan."""
    if not keeping():
        return Quarter.objects.select_related("centre").filter(slug=slug).first()

    def quarters():
        return {quarter.slug: quarter for quarter in Quarter.objects.select_related("centre")}, None

    return local_fragment("plan-quarters", quarters, per_language=False).get(slug)


@page_cache_params("zweitsprache")
@require_safe
def weekly_plan(request, slug):
    """The weekly plan of a neighbourhood; printed, one A4 portrait page for the fridge or the
    notice board (optionally in two languages), with a QR code to this live page."""
    from portal.lib.qr import qr_data_uri

    quarter = _plan_quarter(slug)
    if quarter is None:
        raise Http404
    form = PlanLanguageForm(request.GET or None, current=translation.get_language())
    today = timezone.localdate()
    second = form.second_language()

    def render_plan():
        # A copy of its own while the kept one is shared: places and phone number are loaded
        # only for a plan not yet kept.
        planned = quarter
        if keeping():
            planned = Quarter.objects.select_related("centre").get(pk=quarter.pk)
        if planned.centre_id:
            prefetch_related_objects([planned.centre], "sites", "contacts")
        offers = list(_public().for_quarter(planned))
        sites = _plan_sites(planned, offers)
        # Each place gets a letter; an entry names its place by the letter (paper is short).
        marks = {site.pk: chr(ord("A") + n) for n, site in enumerate(sites[:26])}
        for site in sites:
            site.plan_mark = marks.get(site.pk, "")
        columns = plan_columns(offers, today)
        for _day, entries in columns:
            for entry in entries:
                entry.place_mark = marks.get(entry.offer.site_id, "")
        count = sum(len(entries) for _day, entries in columns)
        notes = sum(1 for _day, entries in columns for entry in entries if entry.cancelled)
        html = render_to_string(
            "offers/includes/weekly_plan_body.html",
            {
                "columns": columns,
                "sites": sites,
                "phone": planned.centre.phone_contact if planned.centre_id else None,
                "second": second,
            },
        )
        return (html, count, notes), selection_valid_until

    name = f"weekly-plan-lines:{quarter.pk}:{today}:{second or ''}"
    plan, count, notes = cached_fragment(name, render_plan)
    live = request.build_absolute_uri(reverse("offers:weekly-plan", kwargs={"slug": slug}))
    return render(
        request,
        "offers/weekly_plan.html",
        {
            "quarter": quarter,
            "plan": plan,
            # A full week of many activities still fits one page, a little smaller; so does
            # one whose cancelled dates (December's holidays) add a line to many entries.
            "dense": bool(second) or count > PLAN_DENSE_FROM,
            "denser": (bool(second) and count > PLAN_DENSE_FROM) or count + notes > PLAN_LINES_MAX,
            "densest": bool(second) and count + notes > PLAN_LINES_MAX,
            "kinds": FeedKind,
            "today": today,
            "plan_weeks": PLAN_WEEKS,
            "form": form,
            "second": second,
            "live_url": live,
            "qr": qr_data_uri(live, scale=4),
        },
    )


PROPOSALS = "offers:propose"


def _proposal_rate():
    rate = settings.OFFER_PROPOSAL_RATE_LIMIT
    return None if not rate or rate == "off" else rate


@require_http_methods(["GET", "HEAD", "POST"])
def propose(request):
    form = ProposalForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if clients.is_limited(request, PROPOSALS, _proposal_rate()):
            form.is_valid()
            form.add_error(
                None, _("Too many suggestions from your connection. Please try again later.")
            )
            status = 429
        elif form.is_spam():
            # Bots get the same thank-you as people, so they learn nothing.
            return redirect("offers:propose-thanks")
        elif form.is_valid():
            form.save()
            clients.record(request, PROPOSALS, _proposal_rate())  # only stored ones count
            messages.success(request, _("Thank you! Your suggestion has been sent."))
            return redirect("offers:propose-thanks")
    return render(request, "offers/offer_form.html", {"form": form}, status=status)


@require_safe
def propose_thanks(request):
    return render(request, "offers/offer_form_thanks.html")


@require_safe
def open_data(request):
    return render(request, "offers/open_data.html", {"licence": settings.OPEN_DATA_LICENCE})


@require_safe
def offers_csv(request):
    offers = (
        Offer.objects.published()
        .select_related("category", "centre", "quarter", "site")
        .prefetch_related("target_groups", "languages", "schedules")
        .order_by("title", "pk")
    )
    body = services.offers_csv(
        offers, lambda offer: request.build_absolute_uri(offer.get_absolute_url())
    )
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="angebote.csv"'
    return response


# --- HSDS API (outside the language prefix; German content with fallbacks) ------------------


def _absolute(request, offer):
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(offer.get_absolute_url())


@require_safe
def hsds_root(request):
    return JsonResponse(
        {
            "version": services.HSDS_VERSION,
            "profile": "https://docs.openreferral.org/en/latest/hsds/",
            "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json",
            "publisher": settings.SITE_NAME,
            "licence": settings.OPEN_DATA_LICENCE,
            "licence_url": settings.OPEN_DATA_LICENCE_URL,
            "services_url": request.build_absolute_uri(reverse("hsds:services")),
            "organizations_url": request.build_absolute_uri(reverse("hsds:organizations")),
        }
    )


def _hsds_page(request, items):
    """The requested page of `items`, or None when it is out of range."""
    paginator = Paginator(items, HSDS_PAGE_SIZE)
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        number = 0
    if number < 1 or number > max(paginator.num_pages, 1):
        return None
    return paginator.page(number)


def _out_of_range():
    return JsonResponse({"error": "page out of range"}, status=404)


@page_cache_params("page")
@require_safe
def hsds_services(request):
    with translation.override(settings.LANGUAGE_CODE):
        offers = Offer.objects.published().select_related("centre", "actor").order_by("title", "pk")
        page = _hsds_page(request, offers)
        if page is None:
            return _out_of_range()
        body = services.hsds_page(list(page.object_list), page, lambda o: _absolute(request, o))
    return JsonResponse(body)


def _organizations():
    """Every provider residents can see: published centres and published local actors."""
    providers = [*Centre.objects.published(), *Actor.objects.published()]
    return sorted(providers, key=lambda item: (item.name.casefold(), str(item.pk)))


@require_safe
def hsds_organizations(request):
    with translation.override(settings.LANGUAGE_CODE):
        page = _hsds_page(request, _organizations())
        if page is None:
            return _out_of_range()
        body = services.hsds_organizations_page(list(page.object_list), page)
    return JsonResponse(body)


@require_safe
def hsds_organization(request, uid):
    with translation.override(settings.LANGUAGE_CODE):
        offers = Offer.objects.published().select_related("actor").order_by("title", "pk")
        actor = Actor.objects.published().filter(uid=uid).first()
        if actor is not None:
            organization, provided = actor, offers.by_actor(actor)
        else:
            organization = next(
                (c for c in Centre.objects.published() if services.centre_uuid(c) == str(uid)),
                None,
            )
            if organization is None:
                raise Http404
            # A published actor running the offer is its provider, not the centre.
            provided = offers.for_centre(organization).exclude(actor__in=Actor.objects.published())
        body = services.hsds_organization(
            organization, list(provided), lambda offer: _absolute(request, offer)
        )
    return JsonResponse(body)


@require_safe
def hsds_service(request, uid):
    with translation.override(settings.LANGUAGE_CODE):
        offer = get_object_or_404(
            Offer.objects.published()
            .select_related("centre", "actor", "site", "contact")
            .prefetch_related("schedules", "cancellations", "languages", "target_groups"),
            uid=uid,
        )
        body = services.hsds_service(offer, _absolute(request, offer))
    return JsonResponse(body)
