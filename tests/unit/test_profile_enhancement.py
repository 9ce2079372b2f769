"""The offline enhancer and the grounding step: tighter texts that invent nothing."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime
from typing import Any

import msgspec
from hypothesis import HealthCheck, given, settings

from resumecore.enhancement.apply import applied, checked
from resumecore.enhancement.offline import enhance_offline
from resumecore.enhancement.text import sentences, strongest_first
from resumecore.generation.profile_view import years_of_experience
from resumecore.ids import ProfileId, UserId
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile
from resumecore.ports.profile_enhancer import Enhancement
from resumecore.tailoring import unsupported_claims
from resumecore.testing import profiles
from tests.support.profiles import full_profile

AT = datetime(2026, 1, 1, tzinfo=UTC)
# The only words the offline enhancer adds: the writer's summary frames.
FRAME = frozenset(
    {"with", "year", "years", "of", "experience", "currently", "most", "recently", "at"}
    | {"core", "skills", "and"}
)
WORD = re.compile(r"[^\W_]+")


def make(content: dict[str, Any]) -> Profile:
    counter = itertools.count()
    return new_profile(
        ProfileId("p"), UserId("u"), content, is_primary=True,
        new_id=lambda: f"c{next(counter)}", at=AT,
    )  # fmt: skip


def words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(text)}


def source_words(profile: Profile) -> set[str]:
    """The profile's words, also capitalised as a sentence opens (a dotless i becomes "I")."""
    found = WORD.findall(msgspec.json.encode(profile).decode())
    return {w.casefold() for w in found} | {(w[0].upper() + w[1:]).casefold() for w in found}


def texts_of(enhancement: Enhancement) -> list[str]:
    return [*filter(None, [enhancement.summary]), *enhancement.items.values()]


def enhanced_fields_cleared(profile: Profile) -> Profile:
    return msgspec.structs.replace(
        profile,
        enhanced_professional_summary=None,
        experiences=tuple(
            msgspec.structs.replace(e, enhanced_description=None) for e in profile.experiences
        ),
        projects=tuple(
            msgspec.structs.replace(p, enhanced_description=None) for p in profile.projects
        ),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(max_experiences=5, max_items=5, max_custom_fields=0, enhanced=False))
def test_enhanced_texts_are_grounded_invent_no_word_and_are_repeatable(profile: Profile) -> None:
    enhancement = enhance_offline(profile)

    allowed = source_words(profile) | FRAME | {str(years_of_experience(profile))}
    for text in texts_of(enhancement):
        assert text, text
        assert text == text.strip(), text
        assert unsupported_claims(text, profile) == [], text
        assert words(text) <= allowed, (text, words(text) - allowed)
    item_ids = {e.id for e in profile.experiences} | {p.id for p in profile.projects}
    assert set(enhancement.items) <= item_ids
    assert enhance_offline(profile) == enhancement
    result = checked(profile, enhancement)
    assert result.skipped == 0
    after = applied(profile, result)
    unversioned = msgspec.structs.replace(after, version=profile.version)
    assert enhanced_fields_cleared(unversioned) == enhanced_fields_cleared(profile)
    assert applied(after, checked(after, enhance_offline(after))) is after


def test_the_own_summary_is_tidied_and_its_repeats_dropped() -> None:
    content = full_profile()
    content["professional_summary"] = (
        "  engineer who turns analytical engines   into production systems.\n"
        "Engineer who turns analytical engines into production systems;\n- mentor of 4"
    )
    enhancement = enhance_offline(make(content))

    assert enhancement.summary == (
        "Engineer who turns analytical engines into production systems. Mentor of 4."
    )


def test_without_a_summary_one_is_composed_from_profile_facts() -> None:
    content = full_profile()
    del content["professional_summary"]
    profile = make(content)

    summary = enhance_offline(profile).summary

    assert summary == (
        f"Software Engineer 4 with {years_of_experience(profile)} years of experience, most "
        "recently at Company 4. Core skills: Python, PostgreSQL and Kubernetes."
    )


def test_an_experience_reads_description_then_bullets_with_figures_first() -> None:
    content = full_profile()
    content["experiences"][0] |= {
        "description": "built backend services.\n\nbuilt backend services.",
        "achievements": ["mentored juniors", "Owned the on-call rota", "Cut costs by 30%"],
    }
    profile = make(content)

    text = enhance_offline(profile).items[profile.experiences[0].id]

    assert text == (
        "Built backend services. Cut costs by 30%. Owned the on-call rota. Mentored juniors."
    )
    assert profile.experiences[0].description == content["experiences"][0]["description"]


def test_a_bullet_the_verifier_refuses_is_left_out_and_counted() -> None:
    content = full_profile()
    content["experiences"][0]["achievements"] = ["Reported to the CTO at Initech", "Led 4 people"]
    profile = make(content)

    enhancement = enhance_offline(profile)

    assert "Initech" not in enhancement.items[profile.experiences[0].id]
    assert enhancement.left_out == 1


def test_the_check_skips_ungrounded_unknown_and_too_long_texts_and_keeps_old_values() -> None:
    profile = make(full_profile())
    first, second = profile.experiences[0], profile.experiences[1]
    profile = profile.with_items(
        "experience",
        (msgspec.structs.replace(first, enhanced_description="Kept."), *profile.experiences[1:]),
    )
    proposal = Enhancement(
        writer="test/1",
        summary="Engineer at Globex Corporation since 1999.",
        items={first.id: "Cut costs by 97%.", second.id: "x" * 5001, "nope": "Led 4 engineers."},
    )

    result = checked(profile, proposal)
    after = applied(profile, result)

    assert result.skipped == 4
    assert result.items == ()
    assert after is profile
    assert after.experiences[0].enhanced_description == "Kept."


def test_applying_writes_beside_the_originals_with_one_version_bump() -> None:
    profile = make(full_profile())
    result = checked(profile, enhance_offline(profile))

    after = applied(profile, result)

    assert (after.version, after.updated_at) == (2, profile.updated_at)
    assert after.professional_summary == profile.professional_summary
    assert after.enhanced_professional_summary == profile.professional_summary
    assert [i.kind for i in result.items] == ["experience"] * 5 + ["project"] * 4
    assert [e.achievements for e in after.experiences] == [
        e.achievements for e in profile.experiences
    ]


def test_sentences_and_ordering_helpers() -> None:
    assert sentences("worked at Acme Inc. in Berlin. e.g. this\n1. next") == [
        "Worked at Acme Inc. in Berlin.",
        "E.g. this.",
        "Next.",
    ]
    assert strongest_first(["a note", "Led the team", "Saved $2M"]) == [
        "Saved $2M",
        "Led the team",
        "a note",
    ]
