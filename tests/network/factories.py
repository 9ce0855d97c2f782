"""Factories for the network: actors and ideas; each takes overrides as keyword arguments."""

from itertools import count

from network.models import Actor, ActorKind, Idea
from portal.models import PublicationStatus

_sequence = count(1)


def make_actor(quarters=(), **fields):
    """A published actor active in `quarters`."""
    n = next(_sequence)
    defaults = {
        "name": f"Verein {n}",
        "slug": f"verein-{n}",
        "kind": ActorKind.CLUB,
        "summary": "Ein Verein für alle im Quartier.",
        "publication_status": PublicationStatus.PUBLISHED,
    }
    actor = Actor.objects.create(**(defaults | fields))
    actor.quarters.set(quarters)
    return actor


def make_idea(quarter, **fields):
    n = next(_sequence)
    defaults = {"quarter": quarter, "title": f"Idee {n}", "text": "Eine Bank am Spielplatz."}
    return Idea.objects.create(**(defaults | fields))
