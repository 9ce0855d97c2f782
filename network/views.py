from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from centers.models import Quarter
from network.forms import ActorFilterForm, ActorRegistrationForm, IdeaForm
from network.models import Actor, IdeaStatus
from portal.cached_pages import clock_valid_until, public_row, render_kept
from portal.lib import clients
from staff.permissions import preview_response, previews, visible_to

ACTORS_PER_PAGE = 30


@require_safe
def actor_list(request, slug=None):
    """All actors, or those of one neighbourhood; filter by kind and text (plain GET)."""
    quarter = get_object_or_404(Quarter, slug=slug) if slug else None
    actors = Actor.objects.published().prefetch_related("quarters")
    if quarter:
        actors = actors.in_quarter(quarter)
    form = ActorFilterForm(request.GET or None)
    if form.is_bound:
        actors = form.filter(actors)
    page = Paginator(actors.order_by("name", "pk"), ACTORS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "network/actor_list.html",
        {"quarter": quarter, "form": form, "page": page, "actors": page.object_list},
    )


@require_safe
def actor_detail(request, slug):
    if not previews(request, "network.change_actor"):
        pk, actor = public_row(
            Actor.objects.published, slug, "actors", lambda: clock_valid_until(Actor.objects.all())
        )
        if pk is None:
            raise Http404

        def context():
            found = actor or Actor.objects.get(pk=pk)
            prefetch_related_objects([found], "quarters", "sites")
            return _actor_context(request, found)

        def valid_until(context):
            # Which of the actor's activities are published; each card's own dates are noted
            # by the cards themselves.
            return clock_valid_until(context["actor"].offers.all())

        name = f"actor-page:{pk}"
        return render_kept(request, "network/actor_detail.html", name, context, valid_until)
    actors, _preview = visible_to(
        request, Actor.objects.all(), "network.change_actor", "quarters__centre"
    )
    actor = get_object_or_404(actors.prefetch_related("quarters", "sites"), slug=slug)
    preview = not actor.is_public()
    response = render(request, "network/actor_detail.html", _actor_context(request, actor, preview))
    return preview_response(response) if preview else response


def _actor_context(request, actor, preview=False):
    # The reverse relation needs no import of the offers app: published, as a card shows them.
    # Only the ids are read here: the cards come rendered (offers' template tag offer_cards).
    return {
        "actor": actor,
        "offers": actor.offers.published().order_by("title"),
        "preview": preview,
        "structured_data": actor.structured_data(request.build_absolute_uri("/")[:-1]),
    }


def _rate():
    rate = settings.NETWORK_FORM_RATE_LIMIT
    return None if not rate or rate == "off" else rate


def _public_form(request, form, group, template, thanks_url, thanks_message):
    """Honeypot, rate limit, nothing lost on error: the shared path of both public forms."""
    status = 200
    if request.method == "POST":
        if clients.is_limited(request, group, _rate()):
            form.is_valid()
            form.add_error(None, _("Too many submissions from your connection. Please try later."))
            status = 429
        elif form.is_spam():
            # Bots get the same thank-you as people, so they learn nothing.
            return redirect(thanks_url)
        elif form.is_valid():
            form.save()
            clients.record(request, group, _rate())  # only stored ones count
            messages.success(request, thanks_message)
            return redirect(thanks_url)
    return render(request, template, {"form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def actor_register(request):
    form = ActorRegistrationForm(request.POST or None)
    return _public_form(
        request,
        form,
        "network:register",
        "network/actor_form.html",
        "network:actor-register-thanks",
        _("Thank you! The neighbourhood management will look at your registration."),
    )


@require_safe
def actor_register_thanks(request):
    return render(request, "network/actor_form_thanks.html")


@require_http_methods(["GET", "HEAD", "POST"])
def idea_create(request):
    initial = {}
    if request.method != "POST" and request.GET.get("quartier"):
        quarter = Quarter.objects.filter(slug=request.GET["quartier"][:120]).first()
        initial = {"quarter": quarter} if quarter else {}
    form = IdeaForm(request.POST or None, initial=initial)
    return _public_form(
        request,
        form,
        "network:idea",
        "network/idea_form.html",
        "network:idea-thanks",
        _("Thank you for your idea!"),
    )


@require_safe
def idea_thanks(request):
    return render(request, "network/idea_form_thanks.html")


@require_safe
def idea_list(request, slug):
    quarter = get_object_or_404(Quarter, slug=slug)
    ideas = quarter.ideas.public().order_by("-created_at")
    return render(
        request,
        "network/idea_list.html",
        {"quarter": quarter, "ideas": ideas, "statuses": IdeaStatus},
    )
