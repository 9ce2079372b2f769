"""What the bench reports beside its figures: the spread of ratios, and wrong answers."""

from __future__ import annotations

from typing import Any, cast

from bench.run import Target, run_spread, unexpected_answers


def test_spread_pairs_each_run_with_the_other_servers_run() -> None:
    ours = {"rps_runs": [600.0, 580.0, 590.0]}
    other = {"rps_runs": [200.0, 250.0, 180.0]}
    # 600/200 = 3.0, 580/250 = 2.32, 590/180 = 3.28: paired by run, not sorted first.
    assert run_spread(ours, other) == " (runs 2.3-3.3x)"


def test_one_run_has_no_spread() -> None:
    assert run_spread({"rps_runs": [600.0]}, {"rps_runs": [200.0]}) == ""


def test_only_the_bench_s_own_servers_fail_it_with_unexpected_statuses() -> None:
    started = cast(Any, object())  # a server the bench started
    targets = [
        Target("resumecore", "http://a", [], server=started),
        Target("issue", "http://b", []),  # --base-url: may answer otherwise
        Target("ceiling", "http://c", [], server=started, ceiling=True),
    ]
    row = {"unexpected_status": 0}
    results = {
        "resumecore": {"POST /jobs": {"c=1": row, "c=32": {"unexpected_status": 3}}},
        "issue": {"POST /jobs": {"c=1": {"unexpected_status": 9}}},
        "ceiling": {"GET /profiles/me": {"c=1": {"unexpected_status": 9}}},
    }
    assert unexpected_answers(results, targets) == ["resumecore POST /jobs c=32"]
    results["resumecore"]["POST /jobs"]["c=32"] = row
    assert unexpected_answers(results, targets) == []
