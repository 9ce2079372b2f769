"""The scoring budget: a profile's items are counted and over-large profiles refused (422)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

import pytest

from resumecore.errors import InvalidValue
from resumecore.ids import ProfileId, UserId
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile
from resumecore.tailoring.items import profile_items
from resumecore.tailoring.scoring_budget import (
    MAX_SCORED_CHARACTERS,
    MAX_SCORED_ITEMS,
    ensure_scorable,
    scorable_characters,
    scorable_items,
)
from tests.support.profiles import full_profile


def profile(content: dict[str, Any]) -> Profile:
    ids = itertools.count()
    return new_profile(
        ProfileId("p"),
        UserId("u"),
        content,
        is_primary=True,
        new_id=lambda: f"id{next(ids)}",
        at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def roles(count: int, bullets: int) -> dict[str, Any]:
    """``count`` roles of ``bullets`` bullets: ``count * (bullets + 1)`` items."""
    return {
        "personal_info": {"full_name": "Max"},
        "experiences": [
            {"title": f"Engineer {i}", "company": f"Company {i}", "start_date": "2015-01",
             "achievements": [f"Shipped feature {j}" for j in range(bullets)]}
            for i in range(count)
        ],
    }  # fmt: skip


@pytest.mark.parametrize(
    "content", [full_profile(), roles(3, 4), {"personal_info": {"full_name": "A"}}]
)
def test_the_count_is_what_scoring_looks_at(content: dict[str, Any]) -> None:
    sut = profile(content)
    assert scorable_items(sut) == len(profile_items(sut, 0))


def test_a_profile_at_the_budget_is_scored_and_one_more_item_is_refused() -> None:
    at_budget = profile(roles(50, 49))
    assert scorable_items(at_budget) == MAX_SCORED_ITEMS
    ensure_scorable(at_budget)  # no error
    with pytest.raises(InvalidValue) as refused:
        ensure_scorable(profile(roles(51, 49)))
    assert refused.value.code == "profile_too_large"
    assert "too large to score in one request (2,550 items; at most 2,500)" in refused.value.message
    assert "Remove items" in refused.value.message
    assert [e.field for e in refused.value.errors] == ["profile_id"]


def test_the_budget_covers_ordinary_large_profiles() -> None:
    # A long career in full detail: 40 roles of 12 bullets, with every skill list used.
    content = roles(40, 12) | {"skills": {"technical": [f"t{i}" for i in range(200)]}}
    ensure_scorable(profile(content))


def test_the_character_count_is_the_text_scoring_reads() -> None:
    sut = profile(full_profile())
    read = {text for item in profile_items(sut, 0) for text in (*item.fields, *item.extra_skills)}
    assert scorable_characters(sut) >= sum(map(len, read))


def dense_roles(count: int) -> dict[str, Any]:
    """``count`` roles of 50 bullets of 1,000 characters of short ambiguous skill names."""
    content = roles(count, 0)
    for role in content["experiences"]:
        role["achievements"] = [("Go R C Excel " * 77)[:1000]] * 50
    return content


def test_a_profile_of_few_items_but_too_much_text_is_refused() -> None:
    # Within the item cap, bullets dense with short ambiguous names ("Go R C Excel") cost
    # seconds of CPU to score; a few megabytes of them (five 1 MiB requests) ~40 s.
    sut = profile(dense_roles(6))
    assert scorable_items(sut) < MAX_SCORED_ITEMS
    assert scorable_characters(sut) > MAX_SCORED_CHARACTERS
    with pytest.raises(InvalidValue) as refused:
        ensure_scorable(sut)
    assert refused.value.code == "profile_too_large"
    assert f"characters of text; at most {MAX_SCORED_CHARACTERS:,}" in refused.value.message
    assert [e.field for e in refused.value.errors] == ["profile_id"]
    ensure_scorable(profile(dense_roles(5)))  # about 250,000 characters: scored
