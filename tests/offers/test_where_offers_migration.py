"""The migration that placed sites in neighbourhoods keeps every offer where it happens
(tests/offers/test_where_offers_happen.py has the rest; this one needs committed tables)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db(transaction=True)
def test_the_migration_places_sites_in_quarters_and_keeps_every_offer():
    executor = MigrationExecutor(connection)
    before = [("centers", "0003_history_moved_here"), ("offers", "0002_history_moved_here")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Centre, Quarter_, Site = (
        old.get_model("centers", name) for name in ("Centre", "Quarter", "Site")
    )
    OldOffer = old.get_model("offers", "Offer")
    centre = Centre.objects.create(name="QZ Süd", slug="qz-sued")
    single = Centre.objects.create(name="QZ Nord", slug="qz-nord")
    hoover = Quarter_.objects.create(name="Hoover-Siedlung", slug="hoover", centre=centre)
    south = Quarter_.objects.create(name="Südstadt", slug="sued", centre=centre)
    north = Quarter_.objects.create(name="Nordstadt", slug="nord", centre=single)
    main = Site.objects.create(
        centre=centre, name="QZ Süd", is_main=True, street="A 1", postcode="1"
    )
    branch = Site.objects.create(centre=centre, name="Außenstelle Hoover-Siedlung", street="B 2")
    only = Site.objects.create(centre=single, name="Haus", is_main=True, street="C 3", postcode="3")
    rows = {
        "at-main": {"site": main, "quarter": hoover},
        "at-branch": {"site": branch, "quarter": hoover},
        "at-only": {"site": only, "quarter": north},
        "elsewhere": {"site": None, "quarter": south, "venue_name": "Park", "street": "D 4"},
    }
    for slug, fields in rows.items():
        OldOffer.objects.create(title=slug, slug=slug, centre=centre, **fields)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    NewSite, NewOffer = new.get_model("centers", "Site"), new.get_model("offers", "Offer")
    placed = dict(NewSite.objects.values_list("name", "quarter__slug"))
    assert placed == {"QZ Süd": None, "Außenstelle Hoover-Siedlung": "hoover", "Haus": "nord"}
    offers = {o.slug: o for o in NewOffer.objects.select_related("site", "quarter")}
    assert set(offers) == set(rows)
    assert offers["at-main"].quarter.slug == "hoover"  # unknown site quarter: kept as it was
    assert offers["at-branch"].site.name == "Außenstelle Hoover-Siedlung"
    assert offers["at-only"].quarter.slug == "nord"
    assert (offers["elsewhere"].venue_name, offers["elsewhere"].quarter.slug) == ("Park", "sued")
    assert all(offer.centre.slug == "qz-sued" for offer in offers.values())
