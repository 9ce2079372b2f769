"""The second labelling of the held-out postings and how its agreement is scored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval.labeller_agreement import SECOND, agreement, labels_agree
from eval.posting_world_eval import WORLD, load_part

from resumecore.postings import SkillEntry, SkillVocabulary

VOCABULARY = SkillVocabulary(
    (
        SkillEntry(name="Microsoft Excel", category="business", aliases=("ms excel",)),
        SkillEntry(name="CDL Class A", category="logistics", aliases=("class a cdl",)),
        SkillEntry(name="Forklift", category="logistics"),
    )
)
FIELD_VALUES = {
    "remote": {None, "remote", "hybrid", "onsite"},
    "employment_type": {None, "full_time", "part_time", "contract", "temporary", "internship"},
}


def test_labels_agree_by_name_mention_or_vocabulary() -> None:
    excel = {"name": "Microsoft Excel", "mention": "Excel"}
    assert labels_agree(excel, {"name": "MS-Excel", "mention": "excel"}, VOCABULARY)
    assert labels_agree(excel, {"name": "Spreadsheets", "mention": "MS Excel"}, VOCABULARY)
    cdl = {"name": "Commercial licence", "mention": "Class A CDL"}
    assert labels_agree(cdl, {"name": "CDL-A", "mention": "CDL Class A"}, VOCABULARY)
    assert not labels_agree(excel, {"name": "Forklift", "mention": "forklift"}, VOCABULARY)
    assert not labels_agree({"name": "", "mention": ""}, {"name": "", "mention": ""}, VOCABULARY)


def test_agreement_counts_both_labellings_and_the_parser(tmp_path: Path) -> None:
    text = "Warehouse Associate\nAcme Freight\n\nRequirements:\n- Forklift\n- Microsoft Excel\n"
    first = {
        "title": "Warehouse Associate",
        "company": "Acme Freight",
        "city": None,
        "remote": None,
        "employment_type": None,
        "salary": None,
        "skills": [
            {"name": "Forklift", "mention": "Forklift", "importance": "required"},
            {"name": "Microsoft Excel", "mention": "Microsoft Excel", "importance": "required"},
        ],
    }
    second = {**first, "company": "Acme", "skills": first["skills"][:1]}
    (tmp_path / "heldout").mkdir()
    (tmp_path / "second_labels" / "heldout").mkdir(parents=True)
    posting = {"meta": {"format": "plain", "group": "trades_logistics"}, "raw_text": text}
    (tmp_path / "heldout" / "a.json").write_text(json.dumps({**posting, "expected": first}))
    (tmp_path / "second_labels" / "heldout" / "a.json").write_text(json.dumps(second))

    counts = agreement("heldout", tmp_path)

    assert counts["postings"].hit == 1
    assert counts["second.company"].share == 0.0
    assert counts["second.title"].share == 1.0
    assert (counts["second.precision"].hit, counts["second.precision"].total) == (1, 1)
    assert (counts["second.recall"].hit, counts["second.recall"].total) == (1, 2)
    assert counts["parser.recall_both"].total == 1
    either = counts["parser.precision_either"]
    assert counts["parser.precision_first"].hit <= either.hit <= either.total


def _second_labels() -> list[tuple[str, dict[str, object], str]]:
    texts = {name: doc["raw_text"] for name, doc in load_part("heldout")}
    return [
        (path.stem, json.loads(path.read_text(encoding="utf-8")), texts.get(path.stem, ""))
        for path in sorted((SECOND / "heldout").glob("*.json"))
    ]


def test_every_held_out_posting_has_a_second_labelling() -> None:
    first = {name for name, _ in load_part("heldout", WORLD)}
    assert first == {name for name, _, _ in _second_labels()}


@pytest.mark.parametrize(("name", "labels", "text"), _second_labels())
def test_second_labels_follow_the_schema(name: str, labels: dict[str, object], text: str) -> None:
    assert set(labels) == {*FIELD_VALUES, "title", "company", "city", "salary", "skills"}, name
    for field, allowed in FIELD_VALUES.items():
        assert labels[field] in allowed, (name, field)
    skills = labels["skills"]
    assert isinstance(skills, list)
    for skill in skills:
        assert skill["mention"] in text, (name, skill)  # the posting's exact words
        assert skill["importance"] in {"required", "preferred", "mentioned"}, (name, skill)
