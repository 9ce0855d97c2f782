"""Instructions, not seconds, of new filter combinations of the activity list (issue 18).

    python bench/filters_instructions.py            # cards kept (warm), 100 combinations
    python bench/filters_instructions.py --cold     # no card rendered yet (a worker's start)

On a shared machine the same code's CPU time moves by a third between runs minutes apart;
valgrind's callgrind counts the instructions the portal executes, which repeat to within a
percent. Run it in two checkouts side by side to compare a change. Same settings and data as
bench/filters_profile.py (SQLite file under var/bench, or DATABASE_URL; the database's own work
is not counted). Needs valgrind (Debian: apt-get install valgrind); about a minute.
"""

import argparse
import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

INNER = "_FILTERS_INSTRUCTIONS_INNER"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cold", action="store_true", help="no card rendered yet")
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    if os.environ.get(INNER):
        return _measured(args)
    if not shutil.which("valgrind"):
        sys.exit("valgrind is needed: apt-get install valgrind")
    out = ROOT / "var" / "bench" / "callgrind-filters.out"
    out.parent.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",  # Django's start-up and the warm-up run uninstrumented
            f"--callgrind-out-file={out}",
            # Only what runs inside functools.reduce, which calls the measured requests.
            "--toggle-collect=functools_reduce",
            sys.executable,
            __file__,
            *sys.argv[1:],
        ],
        env=os.environ | {INNER: "1", "PYTHONHASHSEED": "0"},
        capture_output=True,
        text=True,
    )
    collected = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode != 0 or collected is None:
        sys.exit(f"callgrind failed:\n{run.stderr[-2000:]}")
    kind = "cold cards" if args.cold else "cards kept"
    per_request = int(collected.group(1)) / args.requests
    millions = f"{per_request / 1e6:.2f} M"
    print(f"{args.requests} new filter combinations, {kind}: {millions} instructions each")


def _measured(args):
    from bench.filters_profile import prepared_walk

    client, measured = prepared_walk(args.cold, args.requests)
    subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], capture_output=True)
    functools.reduce(lambda _status, path: client.get(path).status_code, measured, 0)


if __name__ == "__main__":
    main()
