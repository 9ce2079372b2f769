"""Score one parsed posting against its world-set labels (tests/data/postings_world/LABELLING.md).

Fields are compared as the labelling rules say; a parsed skill matches a label when, ignoring
case and punctuation, it equals the label's ``name`` or ``mention``, or when the vocabulary maps
the name or the mention to it (an alias lookup, or the mention naming exactly that one skill).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from resumecore.postings import ParsedPosting, SkillVocabulary

FIELDS = ("title", "company", "city", "remote", "salary", "employment_type")
_PUNCT = re.compile(r"[^\w+#]+")
_LEGAL = re.compile(
    r"[\s,&]+\(?(?:inc|llc|ltd|limited|gmbh|plc|corp|corporation|co|ag|sa|sas|bv|b\.v|pty|pvt|"
    r"private|llp|lp|kg|se|pte|s\.?r\.?l|s\.?p\.?a|sp\. z o\.o|lda|oy|ab|as|asa|a/s|aps|nv|"
    r"s\.?a\.?r\.?l|kft|d\.?o\.?o)\)?\.?$",
    re.IGNORECASE,
)


@dataclass
class Score:
    """The outcome for one posting: field hits, skill counts and what went wrong."""

    fields: dict[str, bool]
    matched_parsed: int
    parsed: int
    matched_labels: int
    labels: int
    invented: list[str]
    mismatches: list[str] = field(default_factory=list)
    # The same counts with unrecognised_skills added to the parsed skills.
    open_counts: tuple[int, int, int] = (0, 0, 0)


def loose(text: str) -> str:
    """Case-folded, punctuation-free, single-spaced: ``"C.D.L-A "`` -> ``"c d l a"``."""
    return " ".join(_PUNCT.sub(" ", text.casefold()).split())


def city_of(location: str | None) -> str | None:
    """The city part of a parsed location: ``"Reno, NV"`` -> ``"Reno"``; remote-only -> None."""
    if not location or location.strip().lower().startswith("remote"):
        return None
    return re.split(r"\s*[,(|·]\s*", location.strip(), maxsplit=1)[0].strip() or None


def company_key(name: str) -> str:
    """A company name without trailing legal forms ("Pty Ltd", "GmbH & Co. KG") or punctuation."""
    name = name.strip(" .")
    while (shorter := _LEGAL.sub("", name).strip(" .")) != name:
        name = shorter
    return loose(name)


def parsed_fields(parsed: ParsedPosting) -> dict[str, Any]:
    """The parser's answer in the label's shape."""
    salary = parsed.salary
    return {
        "title": parsed.title,
        "company": parsed.company,
        "city": city_of(parsed.location),
        "remote": parsed.remote,
        "employment_type": parsed.employment_type,
        "salary": None
        if salary is None
        else {k: getattr(salary, k) for k in ("min", "max", "currency", "period")},
    }


def same_field(name: str, got: Any, want: Any) -> bool:
    """Whether a parsed field equals its label under the labelling rules."""
    if got is None or want is None:
        return got is None and want is None
    if name == "salary":
        return all(_close(got.get(k), want.get(k)) for k in ("min", "max")) and all(
            got.get(k) == want.get(k) for k in ("currency", "period")
        )
    if name == "company":
        return company_key(got) == company_key(want)
    if name in {"title", "city"}:
        return " ".join(got.casefold().split()) == " ".join(want.casefold().split())
    return bool(got == want)


def skill_matches(skill: str, label: dict[str, str], vocabulary: SkillVocabulary) -> bool:
    """Whether one parsed skill answers one labelled skill."""
    target = loose(skill)
    said = (label.get("name", ""), label.get("mention", ""))
    if target in {loose(s) for s in said if s}:
        return True
    if any(vocabulary.canonical(s) == skill for s in said if s):
        return True
    found = {m.canonical for m in vocabulary.find(label.get("mention", ""))}
    return found == {skill}


def invented(skill: str, text: str, vocabulary: SkillVocabulary) -> bool:
    """A parsed skill none of whose names occurs in the posting."""
    haystack = loose(text)
    names = [loose(n) for n in vocabulary.names(skill) or (skill,)]
    # The vocabulary accepts a plural ending, so "caregivers" is a mention of "caregiver".
    return not any(
        re.search(rf"(?<!\w){re.escape(n)}(?:s|es)?(?!\w)", haystack) for n in names if n
    )


def score(
    parsed: ParsedPosting, expected: dict[str, Any], text: str, vocabulary: SkillVocabulary
) -> Score:
    """Compare one parsed posting with its labels."""
    got = parsed_fields(parsed)
    hits = {name: same_field(name, got[name], expected.get(name)) for name in FIELDS}
    mismatches = [
        f"{name}: got {got[name]!r}, expected {expected.get(name)!r}"
        for name, ok in hits.items()
        if not ok
    ]
    labels: list[dict[str, str]] = expected.get("skills", [])
    skills = list(dict.fromkeys(parsed.skills))
    everything = list(dict.fromkeys((*skills, *parsed.unrecognised_skills)))
    answered = [s for s in skills if any(skill_matches(s, lab, vocabulary) for lab in labels)]
    found = [lab for lab in labels if any(skill_matches(s, lab, vocabulary) for s in skills)]
    open_answered = [
        s for s in everything if any(skill_matches(s, lab, vocabulary) for lab in labels)
    ]
    open_found = [
        lab for lab in labels if any(skill_matches(s, lab, vocabulary) for s in everything)
    ]
    made_up = [s for s in everything if invented(s, text, vocabulary)]
    extra = [s for s in skills if s not in answered]
    missing = [lab.get("name", "") for lab in labels if lab not in found]
    if extra or missing:
        mismatches.append(f"skills: extra {extra}, missing {missing}")
    if made_up:
        mismatches.append(f"invented: {made_up}")
    result = Score(hits, len(answered), len(skills), len(found), len(labels), made_up, mismatches)
    result.open_counts = (len(open_answered), len(everything), len(open_found))
    return result


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6)
