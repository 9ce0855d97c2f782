"""The page behind an actor's personal link: suggest an activity, follow earlier suggestions."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from network.models import Actor
from offers import suggestions
from offers.forms import ActorSuggestionForm
from portal.lib import clients

SUGGESTIONS = "offers:actor-suggest"


def _rate():
    rate = settings.OFFER_PROPOSAL_RATE_LIMIT
    return None if not rate or rate == "off" else rate


def _private(response):
    # The address is a key: no cache, no search engine, no Referer to other sites keeps it.
    # ("no-referrer" would make the browser send "Origin: null" with the form, which Django's
    # CSRF check rightly refuses.)
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def actor_suggest(request, key):
    actor = Actor.objects.with_suggestion_key(key)
    if actor is None:
        return _private(render(request, "offers/actor_suggest_unknown.html", status=404))
    form = ActorSuggestionForm(actor, request.POST or None)
    status = 200
    if request.method == "POST":
        if clients.is_limited(request, SUGGESTIONS, _rate()):
            form.is_valid()
            form.add_error(
                None, _("Too many suggestions from your connection. Please try again later.")
            )
            status = 429
        elif form.is_spam():
            # Bots get the same thank-you as people, so they learn nothing.
            messages.success(request, _("Thank you! Your suggestion has been sent."))
            return redirect(request.path)
        elif form.is_valid():
            _offer, created = suggestions.suggest_offer(actor, form.cleaned_data)
            if created:
                clients.record(request, SUGGESTIONS, _rate())  # only stored ones count
            messages.success(
                request,
                _(
                    "Thank you! Your suggestion has been sent. The neighbourhood management "
                    "will look at it before it is published."
                ),
            )
            return redirect(request.path)
    context = {
        "actor": actor,
        "form": form,
        "suggestions": suggestions.suggestions_of(actor),
    }
    return _private(render(request, "offers/actor_suggest.html", context, status=status))
