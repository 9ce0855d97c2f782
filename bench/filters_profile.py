"""In-process price of new filter combinations of the activity list (issue 18): each address is
new to every cache that keys by filter, while what is kept per content version (cards, indexes)
is warm — the situation of `make bench`'s "offer list, 2000 filters" after its first seconds.

    python bench/filters_profile.py                  # median/p99 CPU ms and SQL per address
    python bench/filters_profile.py --profile        # plus cProfile of the measured requests

Same settings and data as bench/miss_profile.py (SQLite file, or DATABASE_URL).
"""

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import miss_profile  # noqa: E402  (sets the environment of the profile)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--cold-cards", action="store_true", help="as a new worker: no card rendered yet"
    )
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args()

    client, measured = prepared_walk(args.cold_cards, args.requests)
    profiler = cProfile.Profile() if args.profile else None
    results = []
    for path in measured:
        if profiler:
            profiler.enable()
        results.append(miss_profile._fetch(client, path))
        if profiler:
            profiler.disable()
    spent = sorted(ms for ms, _q, _b in results)
    p99 = spent[int(len(spent) * 0.99) - 1]
    queries = [q for _ms, q, _b in results]
    print(
        f"{len(results)} new filter combinations: CPU median {statistics.median(spent):.2f} ms, "
        f"mean {statistics.mean(spent):.2f}, p99 {p99:.2f}; SQL max {max(queries)}, "
        f"mean {statistics.mean(queries):.1f}"
    )
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.lines)
        print(out.getvalue())


def prepared_walk(cold, requests):
    """A test client on the city-scale data and `requests` new filter combinations for it, with
    every card rendered and what is kept per content version warm, or (cold) no card yet."""
    import django

    miss_profile.VAR.mkdir(parents=True, exist_ok=True)
    django.setup()
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from bench.pages_apps import offer_filters
    from offers.models import Offer
    from portal.cache import _pages

    miss_profile._prepare(False)
    paths = offer_filters(2000)
    client = Client(HTTP_HOST="127.0.0.1")
    with translation.override("de"):
        base = reverse("offers:list")
    pages = 1 if cold else Offer.objects.count() // 20 + 1
    for number in range(1, pages + 1):  # the unfiltered list's pages: every card
        client.get(f"{base}?page={number}")
    for path in paths[-20:]:  # the code paths of a filtered list, not measured
        client.get(path)
    if cold:
        _pages().clear()
    return client, paths[:requests]


if __name__ == "__main__":
    started = time.monotonic()
    main()
