"""The offline writer's documents stay grounded, within limits and covering must-haves."""

from __future__ import annotations

import asyncio
import json

from eval.generation_eval import (
    FLOORS,
    VARIANTS,
    all_cases,
    duplicate_sentences,
    failures,
    split_sentences,
    summarise,
    write_all,
)

from resumecore.model.document import Entry, Line, Section, WrittenDocument

# One case per profile: four tuning profiles and three held-out ones.
SAMPLED = (
    "data/ml_engineer_very_long",
    "finance/accountant_crlf_caps",
    "nursing/registered_nurse_hourly",
    "software/frontend_linkedin_paste",
    "heldout:infra/sre_usd_k_single",
    "heldout:marketing/ux_designer_what_youll_bring",
    "heldout:trades/warehouse_emoji_hourly",
)


def test_a_few_cases_have_no_claims_no_duplicates_and_keep_the_limits() -> None:
    cases = [(name, case) for name, case in all_cases() if name in SAMPLED]
    assert len(cases) == len(SAMPLED)
    written = asyncio.run(write_all(cases))
    assert len(written) == len(SAMPLED) * len(VARIANTS)
    summary = summarise(written)
    assert summary["unsupported_claims"] == 0, [w.claims for w in written if w.claims]
    assert summary["duplicate_sentences"] == 0, [w.duplicates for w in written if w.duplicates]
    assert summary["over_paragraph_limit"] == summary["over_experience_limit"] == 0
    floors = json.loads(FLOORS.read_text())["floors"]
    assert summary["resume_must_have_coverage"] >= floors["resume_must_have_coverage"]
    for w in written:
        assert w.experiences >= 1
        assert w.paragraphs >= 1
        assert set(w.covered) <= set(w.possible)


def test_the_floors_flag_a_claim_a_duplicate_and_a_broken_limit() -> None:
    cases = [(name, case) for name, case in all_cases() if name == SAMPLED[0]]
    written = asyncio.run(write_all(cases))
    written[0].claims.append("Led a team of 400 at NASA.")
    written[0].duplicates.append("built the data platform")
    written[0].paragraphs = written[0].max_paragraphs + 1
    broken = failures(summarise(written), json.loads(FLOORS.read_text())["floors"])
    assert any(f.startswith("unsupported_claims") for f in broken)
    assert any(f.startswith("duplicate_sentences") for f in broken)
    assert any(f.startswith("over_paragraph_limit") for f in broken)


def test_duplicates_are_whole_sentences_and_abbreviations_end_none() -> None:
    assert split_sentences("I applied to St. Brendan's Center. It is near. Dr. Lee runs it.") == [
        "I applied to St. Brendan's Center.",
        "It is near.",
        "Dr. Lee runs it.",
    ]
    said_twice = "I built the claims service in Java."
    body = Section(
        kind="body",
        title="Letter",
        entries=(
            Entry(heading=Line(text=f"{said_twice} It serves 2 million policies.")),
            Entry(heading=Line(text=said_twice.upper())),
        ),
    )
    document = WrittenDocument(document_type="cover_letter", sections=(body,), text="")
    assert duplicate_sentences(document) == ["i built the claims service in java"]
