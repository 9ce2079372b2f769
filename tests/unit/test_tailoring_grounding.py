"""The grounding verifier on a hand-written corpus: fabrications flagged, originals clean."""

from __future__ import annotations

import json
from typing import Any

import pytest
from eval.tailoring_data import DATA, load_profile

from resumecore.tailoring import unsupported_claims

CORPUS: list[dict[str, Any]] = json.loads((DATA / "grounding.json").read_text())["cases"]
GOOD = [(case["profile"], case["allowed"], text) for case in CORPUS for text in case["good"]]
BAD = [(case["profile"], case["allowed"], bad) for case in CORPUS for bad in case["bad"]]


def test_the_corpus_is_big_enough() -> None:
    assert len(GOOD) >= 12
    assert sum(len(bad["injected"]) for _, _, bad in BAD) >= 20


@pytest.mark.parametrize(("profile_name", "allowed", "text"), GOOD)
def test_grounded_texts_flag_nothing(profile_name: str, allowed: list[str], text: str) -> None:
    profile, _ = load_profile(profile_name)
    assert unsupported_claims(text, profile, allowed=allowed) == []


@pytest.mark.parametrize(("profile_name", "allowed", "bad"), BAD)
def test_every_injected_fabrication_and_nothing_else_is_flagged(
    profile_name: str, allowed: list[str], bad: dict[str, Any]
) -> None:
    profile, _ = load_profile(profile_name)
    claims = unsupported_claims(bad["text"], profile, allowed=allowed)
    assert sorted(c.text for c in claims) == sorted(bad["injected"])
    for claim in claims:
        assert bad["text"][claim.start : claim.end].strip() == claim.text
        assert claim.reason


def test_claim_kinds_cover_numbers_money_employers_titles_dates_degrees_and_tools() -> None:
    profile, _ = load_profile("software")
    text = (
        "As a Principal Architect at Globex Corporation I cut costs by 35% and saved $1.2M "
        "in 2009 with Ansible; I hold a PhD and led 17 engineers."
    )
    kinds = {c.text: c.kind for c in unsupported_claims(text, profile)}
    assert kinds == {
        "Principal Architect": "title",
        "Globex Corporation": "employer",
        "35%": "number",
        "$1.2M": "number",
        "2009": "date",
        "Ansible": "skill",
        "PhD": "degree",
        "17": "number",
    }


def test_the_job_being_applied_for_is_not_a_claim_only_when_allowed() -> None:
    profile, _ = load_profile("software")
    text = "I am applying for the DevOps Engineer role at Fernhill Games."
    assert {c.text for c in unsupported_claims(text, profile)} == {
        "DevOps Engineer", "Fernhill Games", "DevOps"
    }  # fmt: skip
    allowed = ["DevOps Engineer", "Fernhill Games"]
    assert unsupported_claims(text, profile, allowed=allowed) == []
