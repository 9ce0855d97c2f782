"""The cyclic garbage collector's pauses in a worker, with and without heilbronn_quartier/wsgi.py's
gc.freeze() (issue 18: a full collection is a pause in which the worker answers nobody).

    python bench/gc_pauses.py [--requests 200]

Each variant in a process of its own, loaded as a WSGI server loads the portal (wsgi.py), then
the admin's activity list, the activity list and the home page in turn, as bench/miss_profile.py
asks them (its settings and city-scale data). Prints the collections per generation, their
longest and summed pause, and the requests' p50, p99 and slowest in ms.
"""

import argparse
import gc
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def measure(requests, frozen):
    from bench import miss_profile  # noqa: I001  (its settings first, then the portal)

    import heilbronn_quartier.wsgi  # noqa: F401  (loads the portal and freezes what it loaded)

    if not frozen:
        gc.unfreeze()
    miss_profile._prepare(fresh=False)
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from bench.prepare import staff_session

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = staff_session()
    with translation.override("de"):
        paths = [reverse("admin:offers_offer_changelist"), reverse("offers:list"), "/de/"]
    for path in paths:
        client.get(path)
    pauses, started = {0: [], 1: [], 2: []}, {}

    def timed(phase, info):
        if phase == "start":
            started["at"] = time.perf_counter()
        else:
            pauses[info["generation"]].append((time.perf_counter() - started["at"]) * 1000)

    gc.callbacks.append(timed)
    spent = []
    for _round in range(requests):
        for path in paths:
            began = time.perf_counter()
            assert client.get(path).status_code == 200
            spent.append((time.perf_counter() - began) * 1000)
    gc.callbacks.remove(timed)
    spent.sort()
    print(f"{'frozen' if frozen else 'not frozen'} ({gc.get_freeze_count():,} objects frozen):")
    for generation, found in pauses.items():
        if found:
            print(
                f"  generation {generation}: {len(found)} collections, longest "
                f"{max(found):.1f} ms, {sum(found):.0f} ms in all"
            )
    print(
        f"  {len(spent)} requests: p50 {spent[len(spent) // 2]:.1f} ms, "
        f"p99 {spent[int(len(spent) * 0.99)]:.1f} ms, slowest {spent[-1]:.1f} ms"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--variant", choices=["frozen", "unfrozen"])
    args = parser.parse_args()
    if args.variant:
        measure(args.requests, args.variant == "frozen")
        return
    for variant in ("unfrozen", "frozen"):
        command = [sys.executable, __file__, "--variant", variant, "--requests", str(args.requests)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
