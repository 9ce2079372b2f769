"""The posting parser stays at or above the floors measured on the team's fixtures."""

from __future__ import annotations

import pytest
from eval.parser_eval import FIXTURES, Report, below_floor, evaluate, load_fixtures, load_floors

EXPECTED_KEYS = {
    "title",
    "company",
    "location",
    "remote",
    "employment_type",
    "salary",
    "years_of_experience",
    "skills",
    "required_skills",
    "preferred_skills",
}


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate()


def test_there_are_at_least_thirty_fixtures_each_complete() -> None:
    fixtures = load_fixtures(FIXTURES)
    assert len(fixtures) >= 30
    for name, fixture in fixtures:
        assert fixture["raw_text"].strip(), name
        assert set(fixture["expected"]) == EXPECTED_KEYS, name


def test_every_figure_is_at_or_above_its_floor(report: Report) -> None:
    assert below_floor(report, load_floors()) == []


def test_every_floor_names_a_reported_metric(report: Report) -> None:
    floors = load_floors()
    assert set(floors) <= set(report.metrics)
    assert {"skills.precision", "skills.recall", "title.exact", "salary.exact"} <= set(floors)


def test_a_missing_or_lower_figure_is_reported_below_floor() -> None:
    fake = Report(metrics={"title.exact": 0.5}, postings=1)
    assert below_floor(fake, {"title.exact": 0.9, "skills.f1": 0.5}) == [
        "skills.f1: 0.000 < floor 0.500",
        "title.exact: 0.500 < floor 0.900",
    ]
