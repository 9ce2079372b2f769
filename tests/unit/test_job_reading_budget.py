"""Scoring reads a bounded amount of each of a job's lists: a giant typed job costs no more."""

from __future__ import annotations

from datetime import UTC, datetime

from eval.tailoring_data import load_profile
from hypothesis import given
from hypothesis import strategies as st

from resumecore.ids import UserId
from resumecore.model.job_factory import new_job
from resumecore.postings.vocabulary import default_vocabulary
from resumecore.tailoring import match_report
from resumecore.tailoring.job_terms import MAX_LIST_CHARACTERS, job_terms, read_lines

PROFILE, _ = load_profile("software")
# 2,000 characters of short ambiguous names: each weighed by the context rules.
DENSE = ("Go R C Excel " * 160)[:2000]


@given(st.lists(st.text(max_size=300), max_size=30), st.integers(min_value=1, max_value=3000))
def test_the_lines_read_are_the_first_ones_up_to_the_budget(lines: list[str], budget: int) -> None:
    read = read_lines(lines, budget)
    assert (
        "".join(read) == "".join(lines)[: min(budget, sum(map(len, lines)))][: len("".join(read))]
    )
    assert sum(map(len, read)) <= budget
    assert read == lines or sum(map(len, lines)) > budget


def test_a_giant_typed_job_is_scored_on_its_first_lines_only() -> None:
    # Three lists of 100 such lines took ~4 s of CPU a match report and ~2.5 s a ranking.
    content = {
        "title": "Engineer",
        "company": "Acme",
        "requirements": [DENSE] * 100,
        "nice_to_have": [DENSE] * 100,
        "responsibilities": [DENSE] * 100,
    }
    job = new_job(
        "j1", UserId("u"), content, at=datetime(2026, 1, 1, tzinfo=UTC), source="user_created"
    )

    report = match_report(PROFILE, job)

    per_list = MAX_LIST_CHARACTERS // len(DENSE)
    assert len(report.requirements) == 2 * per_list
    assert "Go" in job_terms(job, default_vocabulary()).weights


def test_a_job_within_the_budget_is_read_whole() -> None:
    lines = [f"Requirement {n}: 5 years of Python and PostgreSQL" for n in range(100)]
    job = new_job(
        "j2", UserId("u"), {"title": "Engineer", "requirements": lines},
        at=datetime(2026, 1, 1, tzinfo=UTC), source="user_created",
    )  # fmt: skip
    assert len(match_report(PROFILE, job).requirements) == 100
