"""How a local actor is found in the portal-wide search (search/)."""

from search.indexers import window
from search.models import Kind
from search.registry import register, texts, translated


def _entry(actor, language):
    visible = window(actor)
    if visible is None:
        return None
    quarters = list(actor.quarters.all())
    summary = translated(actor, "summary", language)
    return visible | {
        "title": actor.name,
        "snippet": summary,
        "url": actor.get_absolute_url(),
        "quarters": quarters,
        "body": " ".join(
            [
                texts(actor, language, "summary"),
                str(actor.get_kind_display()),
                actor.contact_name,
                *(quarter.name for quarter in quarters),
                *(site.name for site in actor.sites.all()),
            ]
        ),
    }


def register_actors():
    from network.models import Actor

    register(
        Actor,
        Kind.ACTOR,
        _entry,
        load=lambda qs: qs.prefetch_related("quarters", "sites"),
        m2m=["quarters", "sites"],
        follows={"centers.Quarter": lambda quarter: quarter.actors.all()},
    )
