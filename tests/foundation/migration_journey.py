"""An old database upgraded by `migrate`, with rows written before each data migration.

Run by tests/foundation/test_migration_journey.py in its own process, on an empty database of
the run's own kind (DATABASE_URL: PostgreSQL; else SQLite): the database is migrated forward
only, as an administrator's `migrate` after an update does. Stopping at each data migration
and writing rows there with the models of that moment costs one forward migration; migrating
the test database back and forth costs several times that.

Prints the migrated rows and the schema the migrations made (see `schema`) as JSON.
"""

import json
import os
from datetime import date

import django

# Each stop: the migrations applied before rows of that moment are written.
WHERE_OFFERS_HAPPEN = [
    ("centers", "0003_history_moved_here"),
    ("offers", "0002_history_moved_here"),
]
SEVERAL_WEEKDAYS = [("offers", "0007_cancellation_end_date_and_schedule_help")]


def _migrate(targets):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _sites_in_quarters(apps):
    """Before sites belonged to a neighbourhood: activities at the main site, a branch, the only
    site of a centre, and at a place of their own."""
    Centre, Quarter, Site = (
        apps.get_model("centers", name) for name in ("Centre", "Quarter", "Site")
    )
    Offer = apps.get_model("offers", "Offer")
    centre = Centre.objects.create(name="QZ Süd", slug="qz-sued")
    single = Centre.objects.create(name="QZ Nord", slug="qz-nord")
    hoover = Quarter.objects.create(name="Hoover-Siedlung", slug="hoover", centre=centre)
    south = Quarter.objects.create(name="Südstadt", slug="sued", centre=centre)
    north = Quarter.objects.create(name="Nordstadt", slug="nord", centre=single)
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
        Offer.objects.create(title=slug, slug=slug, centre=centre, **fields)


def _one_weekday_per_slot(apps):
    """Before a slot could take several weekdays: one slot per weekday and a single date."""
    Offer, Schedule = (apps.get_model("offers", name) for name in ("Offer", "Schedule"))
    offer = Offer.objects.create(title="Alt", slug="alt")
    for day in range(7):
        Schedule.objects.create(offer=offer, weekday=day, start_time="9:00", end_time="10:00")
    Schedule.objects.create(
        offer=offer,
        recurrence="single",
        date=date(2025, 3, 4),
        weekday=1,
        start_time="9:00",
        end_time="10:00",
    )


def schema():
    """Every table with its columns and constraints, as this database describes them, without
    the names it gave the constraints (a renamed field keeps the old name of its index)."""
    from django.db import connection

    introspection = connection.introspection
    described = {}
    with connection.cursor() as cursor:
        for table in sorted(introspection.table_names(cursor)):
            columns = [
                [column.name, str(column.type_code), column.null_ok, str(column.default)]
                for column in introspection.get_table_description(cursor, table)
            ]
            constraints = sorted(
                json.dumps(
                    {
                        key: value
                        for key, value in constraint.items()
                        if key not in {"definition", "options"}
                    },
                    sort_keys=True,
                )
                for constraint in introspection.get_constraints(cursor, table).values()
            )
            described[table] = {"columns": sorted(columns), "constraints": constraints}
    return described


def journey():
    _sites_in_quarters(_migrate(WHERE_OFFERS_HAPPEN))
    _one_weekday_per_slot(_migrate(SEVERAL_WEEKDAYS))
    apps = _migrate(None)
    Site, Offer = apps.get_model("centers", "Site"), apps.get_model("offers", "Offer")
    Schedule = apps.get_model("offers", "Schedule")
    offers = Offer.objects.select_related("site", "quarter", "centre")
    return {
        "sites": dict(Site.objects.values_list("name", "quarter__slug")),
        "offers": {
            offer.slug: {
                "quarter": offer.quarter.slug if offer.quarter else None,
                "site": offer.site.name if offer.site else None,
                "venue_name": offer.venue_name,
                "centre": offer.centre.slug if offer.centre else None,
            }
            for offer in offers
        },
        "weekdays": sorted(
            Schedule.objects.filter(offer__slug="alt").values_list("weekdays", flat=True)
        ),
        "schema": schema(),
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heilbronn_quartier.settings")
    django.setup()
    print(json.dumps(journey()))
