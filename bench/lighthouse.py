"""`make lighthouse`: Lighthouse scores of every public page type in German and Arabic.

Starts the portal production-like (bench/weight.py: DEBUG=0, fresh SQLite database with the demo
content, collectstatic, 2 gunicorn workers), runs Lighthouse 12.2.3 (bench/lighthouse/, installed
with npm) with Debian's Chromium and the mobile preset on each page, prints the four scores with
the goals, then the front-end weight table.

Options: `--lang de` (one language only), `--only home,questionnaire` (page labels, substring
match), `--keep` (keep the JSON reports in var/frontend/lighthouse/).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import weight  # noqa: E402

LIGHTHOUSE_DIR = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
REPORTS = weight.VAR / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 0.95, "seo": 0.95}


def ensure_lighthouse():
    if LIGHTHOUSE.exists():
        return
    if shutil.which("npm") is None:
        sys.exit("npm is needed for Lighthouse (apt-get install npm)")
    command = "ci" if (LIGHTHOUSE_DIR / "package-lock.json").exists() else "install"
    subprocess.run(
        ["npm", command, "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=LIGHTHOUSE_DIR,
        check=True,
    )


def run_lighthouse(url, output, attempts=3):
    """Scores {category: float} and the failing audits' ids for one URL.

    Lighthouse now and then fails to record the trace on a busy machine (NO_NAVSTART); such a
    run is repeated. A page that fails every attempt gets no scores, which counts as a miss.
    """
    error = ""
    for _attempt in range(attempts):
        try:
            return _run_once(url, output)
        except subprocess.CalledProcessError as exc:
            error = (exc.stderr or "").strip().splitlines()[-1:] or ["exit status"]
            error = error[0][:120]
    return {c: None for c in CATEGORIES}, [f"lighthouse failed: {error}"]


def _run_once(url, output):
    env = os.environ | {"CHROME_PATH": CHROME_PATH}
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={output}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--max-wait-for-load=30000",
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    report = json.loads(Path(output).read_text())
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    failing = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 0.9:
                failing.append(f"{ref['id']} ({audit['score']:.2f})")
    return scores, failing


def print_scores(rows):
    header = f"{'page':24} {'lang':4} " + " ".join(f"{c[:13]:>13}" for c in CATEGORIES)
    print(header)
    print("-" * len(header))
    misses = []
    for row in rows:
        cells = []
        for category in CATEGORIES:
            score = row["scores"][category]
            miss = score is None or score < GOALS[category]
            cells.append(f"{(score or 0):11.2f}{' ✗' if miss else '  '}")
            if miss:
                misses.append(f"{row['label']} ({row['lang']}) {category} {score}")
        print(f"{row['label'][:24]:24} {row['lang']:4} " + " ".join(cells))
        if row["failing"]:
            print(f"{'':29}failing audits: {', '.join(row['failing'])}")
    goals = ", ".join(f"{c} ≥ {g}" for c, g in GOALS.items())
    print(f"goals: {goals} (✗ = missed)")
    return misses


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=weight.LANGUAGES, action="append")
    parser.add_argument("--only", default="", help="comma-separated page labels (substrings)")
    parser.add_argument("--keep", action="store_true", help="keep the JSON reports")
    args = parser.parse_args()
    ensure_lighthouse()
    REPORTS.mkdir(parents=True, exist_ok=True)
    only = [o.strip() for o in args.only.split(",") if o.strip()]
    rows = []
    with weight.production_server() as (base_url, pages):
        for lang in args.lang or weight.LANGUAGES:
            for label, path in pages[lang]:
                if only and not any(o in label for o in only):
                    continue
                output = REPORTS / f"{lang}-{label.replace(' ', '_').replace('+', '')}.json"
                scores, failing = run_lighthouse(base_url + path, output)
                if not args.keep:
                    output.unlink(missing_ok=True)
                rows.append({"lang": lang, "label": label, "scores": scores, "failing": failing})
                print(f"  {lang} {label}: {scores}", file=sys.stderr, flush=True)
        print("\n== Lighthouse 12.2.3, mobile preset ==")
        misses = print_scores(rows)
        print("\n== Front-end weight ==")
        misses += weight.print_weights(weight.measure_all(base_url, pages))
    print("goals missed:\n  " + "\n  ".join(misses) if misses else "\nall goals met")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
