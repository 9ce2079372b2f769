"""The bench shows how far the ratio to another server moves from run to run."""

from __future__ import annotations

from bench.run import run_spread


def test_spread_pairs_each_run_with_the_other_servers_run() -> None:
    ours = {"rps_runs": [600.0, 580.0, 590.0]}
    other = {"rps_runs": [200.0, 250.0, 180.0]}
    # 600/200 = 3.0, 580/250 = 2.32, 590/180 = 3.28: paired by run, not sorted first.
    assert run_spread(ours, other) == " (runs 2.3-3.3x)"


def test_one_run_has_no_spread() -> None:
    assert run_spread({"rps_runs": [600.0]}, {"rps_runs": [200.0]}) == ""
