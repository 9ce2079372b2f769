"""Conjugated duty verbs and British or American spellings of vocabulary aliases."""

from __future__ import annotations

from resumecore.postings import default_vocabulary, parse_posting
from resumecore.postings.alias_forms import alias_forms


def test_a_leading_duty_verb_is_conjugated() -> None:
    assert alias_forms("collect specimens") == ("collects specimens", "collecting specimens")
    assert alias_forms("plan lessons") == ("plans lessons", "planning lessons")
    assert alias_forms("specimen collection") == ()


def test_british_and_american_spellings_are_both_forms() -> None:
    assert "local anaesthetic" in alias_forms("local anesthetic")
    assert "labor law" in alias_forms("labour law")
    assert "organise files" in alias_forms("organize files")
    assert alias_forms("size") == ()


def test_a_county_duty_line_and_a_uk_spelling_are_found_and_named() -> None:
    parsed = parse_posting(
        "Nurse\nCounty\n\nDuties\n- Collects specimens and performs the medication pass\n"
        "- Administering local anaesthetic\n"
    )
    assert {"Laboratory Techniques", "Medication Administration", "Local Anesthesia"} <= set(
        parsed.skills
    )
    assert "local anaesthetic" in default_vocabulary().names("Local Anesthesia")


def test_a_declined_german_adjective_is_the_same_skill() -> None:
    assert alias_forms("basale stimulation") == ("basaler stimulation", "basalen stimulation")
    assert alias_forms("sterile processing") == ()
    found = default_vocabulary().find("Erfahrung mit Basaler Stimulation")
    assert [match.canonical for match in found] == ["Basale Stimulation"]
