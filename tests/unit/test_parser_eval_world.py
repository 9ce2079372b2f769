"""The world-set scoring follows tests/data/postings_world/LABELLING.md."""

from __future__ import annotations

import json
from pathlib import Path

from eval.posting_world_eval import check_floors, evaluate_part
from eval.world_scoring import (
    city_of,
    company_key,
    invented,
    same_field,
    score,
    skill_matches,
)

from resumecore.postings import ParsedPosting, SalaryRange, SkillEntry, SkillVocabulary

VOCABULARY = SkillVocabulary(
    (
        SkillEntry(name="Microsoft Excel", category="business", aliases=("ms excel",)),
        SkillEntry(name="CDL Class A", category="logistics", aliases=("class a cdl",)),
        SkillEntry(name="Forklift", category="logistics"),
    )
)


def test_city_is_the_first_part_of_the_location() -> None:
    assert city_of("Reno, NV") == "Reno"
    assert city_of("München (hybrid)") == "München"
    assert city_of("Remote (US)") is None
    assert city_of(None) is None


def test_fields_compare_as_the_rules_say() -> None:
    assert same_field("company", "Bright Smile Dental, LLC", "bright smile dental")
    assert same_field(
        "company", "Fynbos Actuarial Consultants (Pty) Ltd", "Fynbos Actuarial Consultants"
    )
    assert same_field("title", "Senior  Nurse", "senior nurse")
    assert not same_field("company", "Promoted by hirer", "Acme")
    assert same_field("salary", None, None)
    pay = {"min": 22, "max": 26.0, "currency": "USD", "period": "hour"}
    assert same_field("salary", pay, {**pay, "min": 22.0})
    assert not same_field("salary", pay, {**pay, "period": "year"})
    assert not same_field("remote", None, "onsite")


def test_skill_matches_name_mention_or_vocabulary() -> None:
    label = {"name": "Microsoft Excel", "mention": "Excel", "importance": "required"}
    assert skill_matches("Microsoft Excel", label, VOCABULARY)
    assert skill_matches("excel", label, VOCABULARY)
    cdl = {"name": "Commercial Driver's License", "mention": "Class A CDL"}
    assert skill_matches("CDL Class A", cdl, VOCABULARY)
    assert skill_matches("CDL-A", {"name": "CDL Class A", "mention": "CDL A"}, VOCABULARY)
    assert not skill_matches("Forklift", label, VOCABULARY)


def test_invented_means_no_name_of_the_skill_is_in_the_text() -> None:
    assert not invented("CDL Class A", "Must hold a Class A CDL.", VOCABULARY)
    assert invented("Forklift", "Must hold a Class A CDL.", VOCABULARY)
    assert not invented("ISO 20022", "Knows ISO-20022 messages", VOCABULARY)
    assert not invented("Forklift", "Forklifts and pallet jacks", VOCABULARY)


def test_score_counts_precision_recall_and_invented() -> None:
    text = "Forklift driver. Class A CDL required. MS Excel a plus."
    parsed = ParsedPosting(
        title="Forklift driver",
        skills=("Forklift", "CDL Class A", "Microsoft Excel"),
        unrecognised_skills=("DOT",),
        salary=SalaryRange(min=20, max=20, currency="USD", period="hour", text="$20/hr"),
    )
    expected = {
        "title": "Forklift Driver",
        "company": None,
        "city": None,
        "remote": None,
        "employment_type": None,
        "salary": {"min": 20, "max": 20, "currency": "USD", "period": "hour"},
        "skills": [
            {"name": "Forklift", "mention": "Forklift"},
            {"name": "CDL Class A", "mention": "Class A CDL"},
            {"name": "Pallet Jack", "mention": "pallet jack"},
        ],
    }
    result = score(parsed, expected, text, VOCABULARY)
    assert all(result.fields.values())
    assert (result.matched_parsed, result.parsed) == (2, 3)
    assert result.open_counts == (2, 4, 2)
    assert (result.matched_labels, result.labels) == (2, 3)
    assert result.invented == ["DOT"]


def test_parts_are_read_per_file_and_half_written_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "tuning").mkdir()
    document = {
        "meta": {"format": "plain", "group": "service"},
        "raw_text": "Cashier\nAcme Foods\nReno, NV",
        "expected": {"title": "Cashier", "company": "Acme Foods", "city": "Reno", "skills": []},
    }
    (tmp_path / "tuning" / "plain__cashier__01.json").write_text(json.dumps(document))
    (tmp_path / "tuning" / "plain__cashier__02.json").write_text('{"meta": ')
    tallies, _ = evaluate_part("tuning", tmp_path)
    assert tallies["overall"].postings == 1
    assert set(tallies) == {"overall", "format:plain", "group:service"}


def test_floors_and_ceilings(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"min": {"a": 0.9}, "max": {"b": 0, "c": 30}}))
    assert check_floors({"a": 0.95, "b": 0.0}, path) == []
    assert check_floors({"a": 0.5, "b": 1.0, "c": 31.0}, path) == [
        "a: 0.500 < floor 0.9",
        "b: 1.000 > ceiling 0",
        "c: 31.000 > ceiling 30",
    ]


def test_legal_forms_of_more_countries_are_ignored_in_company_names() -> None:
    pairs = (
        ("Studio Rossi S.r.l.", "Studio Rossi"),
        ("Clearview Optical Pte Ltd", "Clearview Optical"),
        ("Nordlager AB", "Nordlager"),
        ("Biuro Nowak Sp. z o.o.", "Biuro Nowak"),
        ("LusoPack, Lda.", "LusoPack"),
    )
    for full, short in pairs:
        assert company_key(full) == company_key(short)
    assert company_key("Texas Roadhouse") == "texas roadhouse"
