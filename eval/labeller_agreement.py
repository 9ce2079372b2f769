"""How far two blind labellers of the held-out postings agree, and the parser beside them.

Run from the repository root: ``python -m eval.labeller_agreement``. The held-out part was
labelled a second time (``tests/data/postings_world/second_labels/heldout/``) by a labeller who
saw only the posting texts and LABELLING.md: not the parser, its output or the first labels.
Scoring the second labels against the first with the parser's own rules gives the agreement a
careful human reaches on this set: a parser figure above it would mean matching one labeller's
taste, not reading postings better. The parser is scored against each labelling and against
either (a parsed skill or field counts when one of the two labellers agrees with it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.posting_world_eval import WORLD, load_part
from eval.world_scoring import FIELDS, loose, parsed_fields, same_field, skill_matches
from resumecore.postings import SkillVocabulary, default_vocabulary, parse_posting

SECOND = WORLD / "second_labels"
Label = dict[str, str]


def labels_agree(first: Label, second: Label, vocabulary: SkillVocabulary) -> bool:
    """Whether two labels name the same skill: by name or mention, or the vocabulary says so.

    The same tests as a parsed skill against a label (``skill_matches``), made symmetric: equal
    names or mentions (case and punctuation aside), one canonical skill for both, or mentions
    that each name exactly the same one skill.
    """
    if _loose_names(first) & _loose_names(second):
        return True
    if _canonicals(first, vocabulary) & _canonicals(second, vocabulary):
        return True
    named = [
        {m.canonical for m in vocabulary.find(lab.get("mention", ""))} for lab in (first, second)
    ]
    return len(named[0]) == 1 and named[0] == named[1]


def _loose_names(label: Label) -> set[str]:
    return {loose(s) for s in (label.get("name", ""), label.get("mention", "")) if s}


def _canonicals(label: Label, vocabulary: SkillVocabulary) -> set[str]:
    names = (label.get("name", ""), label.get("mention", ""))
    return {c for c in (vocabulary.canonical(s) for s in names if s) if c is not None}


@dataclass
class Counts:
    """A numerator and a denominator, summed over postings."""

    hit: int = 0
    total: int = 0

    def add(self, hit: int, total: int) -> None:
        """Count one posting in."""
        self.hit += hit
        self.total += total

    @property
    def share(self) -> float:
        """The share ``hit / total`` (1.0 when there is nothing to count)."""
        return self.hit / self.total if self.total else 1.0


def agreement(part: str = "heldout", root: Path = WORLD) -> dict[str, Counts]:
    """Figures keyed ``second.<figure>`` (second labels vs first) and ``parser.<figure>``."""
    vocabulary = default_vocabulary()
    counts: dict[str, Counts] = {}

    def add(key: str, hit: int, total: int) -> None:
        counts.setdefault(key, Counts()).add(hit, total)

    for name, document in load_part(part, root):
        path = root / "second_labels" / part / f"{name}.json"
        if not path.exists():
            continue
        first: dict[str, Any] = document["expected"]
        second: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        parsed = parse_posting(document["raw_text"])
        got = parsed_fields(parsed)
        for field in FIELDS:
            add(f"second.{field}", same_field(field, second.get(field), first.get(field)), 1)
            hits = [same_field(field, got[field], lab.get(field)) for lab in (first, second)]
            add("parser.fields_first", hits[0], 1)
            add("parser.fields_second", hits[1], 1)
            add("parser.fields_either", any(hits), 1)
        one, two = first.get("skills", []), second.get("skills", [])
        add("second.precision", sum(_any_agree(b, one, vocabulary) for b in two), len(two))
        add("second.recall", sum(_any_agree(a, two, vocabulary) for a in one), len(one))
        skills = list(dict.fromkeys(parsed.skills))
        agreed = [s for s in skills if any(skill_matches(s, lab, vocabulary) for lab in one)]
        agreed2 = [s for s in skills if any(skill_matches(s, lab, vocabulary) for lab in two)]
        add("parser.precision_first", len(agreed), len(skills))
        add("parser.precision_second", len(agreed2), len(skills))
        add("parser.precision_either", len(set(agreed) | set(agreed2)), len(skills))
        both = [a for a in one if _any_agree(a, two, vocabulary)]
        found = sum(any(skill_matches(s, lab, vocabulary) for s in skills) for lab in both)
        add("parser.recall_both", found, len(both))
        add("postings", 1, 1)
    return counts


def _any_agree(label: Label, others: list[Label], vocabulary: SkillVocabulary) -> bool:
    return any(labels_agree(label, other, vocabulary) for other in others)


def main() -> int:
    """Print the agreement table."""
    counts = agreement()
    if "postings" not in counts:
        print("no second labels")
        return 0
    print(f"== held-out, labelled twice: {counts['postings'].hit} postings")
    second = [f"{f}={counts[f'second.{f}'].share:.3f}" for f in FIELDS]
    mean = sum(counts[f"second.{f}"].share for f in FIELDS) / len(FIELDS)
    print(f"second labeller vs first, fields: {' '.join(second)}; mean {mean:.3f}")
    print(
        f"second labeller vs first, skills: precision {counts['second.precision'].share:.3f} "
        f"({counts['second.precision'].total} labels), recall {counts['second.recall'].share:.3f} "
        f"({counts['second.recall'].total} labels)"
    )
    for figure in ("fields", "precision"):
        cells = [
            f"vs {w} {counts[f'parser.{figure}_{w}'].share:.3f}"
            for w in ("first", "second", "either")
        ]
        print(f"parser {figure}: {', '.join(cells)}")
    both = counts["parser.recall_both"]
    print(f"parser recall of the skills both labelled: {both.share:.3f} ({both.total} skills)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
