"""The layer contract of docs/architecture.md holds, and it would catch a forbidden import."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = [
    "heilbronn_quartier",
    "demo",
    "offers",
    "survey",
    "network",
    "search",
    "contacts",
    "centers",
    "staff",
    "portal",
]


def _lint_imports(tree):
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy_of_the_code(tmp_path):
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "static", "migrations"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_code_keeps_the_layer_contract(tmp_path):
    result = _lint_imports(_copy_of_the_code(tmp_path))
    assert result.returncode == 0, result.stdout


def test_the_kernel_importing_a_domain_app_breaks_the_contract(tmp_path):
    tree = _copy_of_the_code(tmp_path)
    (tree / "portal" / "probe.py").write_text("from offers.models import Offer  # noqa\n")
    result = _lint_imports(tree)
    assert result.returncode != 0
    assert "portal.probe -> offers.models" in result.stdout


def test_the_survey_importing_offers_breaks_the_contract(tmp_path):
    tree = _copy_of_the_code(tmp_path)
    (tree / "survey" / "probe.py").write_text("import offers.views  # noqa\n")
    assert _lint_imports(tree).returncode != 0


def test_centres_importing_contacts_breaks_the_contract(tmp_path):
    tree = _copy_of_the_code(tmp_path)
    (tree / "centers" / "probe.py").write_text("from contacts import models  # noqa\n")
    assert _lint_imports(tree).returncode != 0


def test_the_network_importing_offers_breaks_the_contract(tmp_path):
    tree = _copy_of_the_code(tmp_path)
    (tree / "network" / "probe.py").write_text("import offers.models  # noqa\n")
    assert _lint_imports(tree).returncode != 0
