"""The Lighthouse and weight tables mark exactly the pages that miss a goal."""

from bench.lighthouse import print_scores
from bench.weight import FIRST_VISIT_LIMIT, HTML_LIMIT, print_weights


def _scores(**overrides):
    scores = {"performance": 1.0, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
    return scores | overrides


def test_the_score_table_marks_each_missed_goal_and_nothing_else(capsys):
    rows = [
        {"lang": "de", "label": "home", "scores": _scores(), "failing": []},
        {
            "lang": "ar",
            "label": "weekly plan",
            "scores": _scores(performance=0.94, accessibility=0.98),
            "failing": ["cumulative-layout-shift (0.85)"],
        },
        {"lang": "de", "label": "open data", "scores": _scores(seo=0.95), "failing": []},
    ]
    misses = print_scores(rows)
    assert misses == [
        "weekly plan (ar) performance 0.94",
        "weekly plan (ar) accessibility 0.98",
    ]
    output = capsys.readouterr().out
    assert "cumulative-layout-shift (0.85)" in output
    assert output.count("✗") == 3  # two misses plus the legend


def _weight(label, html, first_visit):
    return {
        "lang": "de",
        "label": label,
        "html": html,
        "html_gzip": 1000,
        "assets_raw": 200_000,
        "assets_gzip": 30_000,
        "assets_br": 30_000,
        "first_visit": first_visit,
    }


def test_the_weight_table_marks_pages_over_the_limits():
    rows = [
        _weight("light", HTML_LIMIT, FIRST_VISIT_LIMIT),
        _weight("heavy html", HTML_LIMIT + 1, 40_000),
        _weight("heavy visit", 20_000, FIRST_VISIT_LIMIT + 1),
    ]
    assert print_weights(rows) == ["heavy html (de): HTML>60K", "heavy visit (de): visit>120K"]


def test_a_staff_page_that_answered_nothing_in_the_window_misses_its_goal():
    from bench.run import _page_goals

    page = {"label": "survey dashboard (staff)", "kind": "staff"}
    silent = {"rps": 0.0, "p50": 0.0, "p99": 0.0, "non_2xx": 0, "requests": 0}
    quick = {"rps": 20.0, "p50": 40.0, "p99": 90.0, "non_2xx": 0, "requests": 100}
    assert [met for met, _text in _page_goals(page, silent, 0.0, None, 0.0)] == [False]
    assert [met for met, _text in _page_goals(page, quick, 0.0, None, 0.0)] == [True]
    [(_met, text)] = _page_goals(page, silent, 0.0, None, 0.0)
    assert "no answer within the window" in text


def test_requests_gunicorn_cut_off_after_wrk_stopped_are_counted_from_its_log(
    tmp_path, monkeypatch
):
    from bench import run

    log = tmp_path / "gunicorn.log"
    log.write_text("[INFO] Booting worker\n")
    monkeypatch.setattr(run, "SERVER_LOG", log)
    mark = run._log_size()
    with log.open("a") as handle:
        handle.write("[CRITICAL] WORKER TIMEOUT (pid:12)\n")
        handle.write("[ERROR] Error handling request /de/befragung/verwaltung/x/auswertung/\n")
        handle.write("[ERROR] Error handling request /de/befragung/verwaltung/x/auswertung/\n")
    assert run._aborted_since(mark) == 2
    assert run._aborted_since(run._log_size()) == 0


def test_a_page_that_answered_nothing_shows_no_latency_rather_than_0_ms():
    from bench.run import _latency

    assert _latency({"requests": 0, "p50": 0.0, "p99": 0.0}, "p99") == "none"
    assert _latency({"requests": 9, "p50": 40.0, "p99": 91.4}, "p99") == "91"


def test_the_submission_goal_is_measured_with_the_production_worker_count(
    tmp_path, monkeypatch, capsys
):
    from bench import run

    monkeypatch.setattr(run, "VAR", tmp_path)
    page = {"status": 200, "queries": 0, "bytes": 0, "gzip_bytes": 0}
    row = {"p50": 40.0, "p99": 90.0, "non_2xx": 0, "requests": 1000, "aborted": 0}
    result = {
        "backend": "postgresql",
        "data": {},
        "load": ([], []),
        "pages": [
            page | {"label": "bare POST view (ceiling)", "kind": "bare", "method": "POST"},
            page | {"label": "survey submission", "kind": "submission", "expect": 200},
        ],
        "hit": {
            "bare POST view (ceiling)": row | {"rps": 1000.0, "bare": 1000.0},
            "survey submission": row | {"rps": 150.0, "bare": 1000.0},
        },
        "miss": {},
        "production_workers": row | {"rps": 240.0, "bare": 960.0, "workers": 4},
    }
    """gunicorn.conf.py's 2 workers per core, as in production, beside its own bare POST; the
    table's row with 1 worker per core is printed as information and decides nothing."""
    assert run.print_report(result) == []
    output = capsys.readouterr().out
    assert "survey submission with 2 workers (the table's row; information" in output
    assert "0.15 of bare POST" in output
    assert "survey submission with 4 workers (gunicorn.conf.py's count): 240 req/s" in output
    assert "0.25 of bare POST on the same server, p99 90 ms" in output
    assert "MET      survey submission (4 workers, gunicorn.conf.py): 0.250 of bare POST" in output
    # Below the goal, or not measured at all, it is not met.
    result["production_workers"] = row | {"rps": 230.0, "bare": 960.0, "workers": 4}
    assert run.print_report(result) == [
        "survey submission (4 workers, gunicorn.conf.py): 0.240 of bare POST (≥ 0.25)"
    ]
    result["production_workers"] = None
    assert run.print_report(result) == [
        "survey submission (0 workers, gunicorn.conf.py): 0.000 of bare POST (≥ 0.25)"
    ]
