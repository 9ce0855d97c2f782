from django import template

from network.models import Actor

register = template.Library()


@register.inclusion_tag("network/includes/quarter_network.html", takes_context=True)
def network_of(context, quarter):
    """A neighbourhood page's actors and realised ideas (centers knows nothing of this app)."""
    from portal.cached_pages import note_valid_until

    # A kept page: until an actor's publication window begins or ends.
    note_valid_until(context, Actor.objects.in_quarter(quarter).next_publication_change)
    return {
        "quarter": quarter,
        "actors": Actor.objects.published().in_quarter(quarter).order_by("name"),
        "realised_ideas": quarter.ideas.public().realised().order_by("-updated_at")[:5],
    }


@register.inclusion_tag("network/includes/provider_line.html")
def provided_by(offer):
    """ "Run by …" / "in cooperation with …" for an activity card or page."""
    actor = offer.actor if offer.actor_id and offer.actor.is_public() else None
    return {"offer": offer, "actor": actor, "centre": offer.centre if offer.centre_id else None}
