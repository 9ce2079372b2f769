"""Strip the page furniture of job boards from a normalised posting before fields are read.

The body keeps every line that may be about the job, in order, so anything read from it is still
a substring of the normalised text. Label lines whose value stands on the next line ("Location" /
"Reno, NV", as Indeed, Workday and Ashby lay them out) become facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resumecore.postings.board_noise import (
    FACT_LABELS,
    KEEP_VALUE,
    LINE_NOISE,
    SEGMENT_NOISE,
    TAIL_START,
)
from resumecore.postings.first_letter_alternation import FirstLetterAlternation

_LINE = FirstLetterAlternation(LINE_NOISE, r"[\s.:]*")
_SEGMENT = re.compile("(?:" + "|".join(SEGMENT_NOISE) + ")", re.IGNORECASE)
_TAIL = re.compile("(?:" + "|".join(TAIL_START) + r")[\s.:]*", re.IGNORECASE)
_SAVE = re.compile(
    r"^(?:Save (?P<title>.+?) at (?P<company>[^·|]+?)|"
    r"(?P<titel>.+?) bei (?P<firma>[^·|]+?) speichern|"
    r"Job Application for (?P<applied>.+?) at (?P<employer>[^·|]+?))\s*$"
)
# Every line _SAVE matches holds one of these: most lines need not be tried.
_SAVE_WORDS = ("Save ", " speichern", "Job Application for ")
# A board's save button or page title names one title and one company (the stored postings' at
# most 81 characters). _SAVE tries each " at " / " bei " of a line against the rest of it: a long
# line of them (49,900 characters of "Engineer bei Acme speichern ") took 0.67 s.
_MAX_SAVE_LINE = 500
_FACT_LABELS = frozenset(FACT_LABELS)
_RATING = re.compile(r"(?<=[\w.])\s+(?:\d\.\d\s*★|[-\u2013]\s*\d\.\d)\s*$")
_RATING_ENDS = frozenset("0123456789★")
_MAX_FACT = 80
_MARK = " \t-*#•·"


@dataclass(frozen=True, slots=True)
class Furnished:
    """The posting without furniture, and what the furniture said ("label", "value")."""

    body: str
    facts: tuple[tuple[str, str], ...]


def strip_furniture(text: str) -> Furnished:
    """Drop board furniture lines and meta segments; read label/value line pairs as facts.

    Args:
        text: Normalised posting text.

    Returns:
        The body (lines of ``text``, some cut short at a meta segment) and the facts found.
    """
    lines = text.split("\n")
    end = _tail_start(lines)
    kept: list[str] = []
    facts: list[tuple[str, str]] = []
    index = 0
    while index < end:
        line = lines[index]
        stripped = line.strip(_MARK)
        key = stripped.lower().rstrip(": ")
        value = _next_value(lines, index, end) if key in _FACT_LABELS else None
        if value is not None:
            facts.append((key, value.strip(_MARK)))
            if key in KEEP_VALUE:
                kept.append(value)
            index += 2
            continue
        save = _save_line(stripped)
        if save:
            title = save.group("title") or save.group("titel") or save.group("applied")
            company = save.group("company") or save.group("firma") or save.group("employer")
            facts += [("title", title), ("company", company)]
        elif stripped and _LINE.fullmatch(stripped):
            pass
        else:
            kept.append(_without_meta(line))
        index += 1
    return Furnished(body="\n".join(kept).strip(), facts=tuple(facts))


def _save_line(stripped: str) -> re.Match[str] | None:
    if len(stripped) > _MAX_SAVE_LINE:
        return None
    for word in _SAVE_WORDS:
        if word in stripped:
            return _SAVE.match(stripped)
    return None


def _tail_start(lines: list[str]) -> int:
    half = len(lines) // 2
    for index in range(half, len(lines)):
        if _TAIL.fullmatch(lines[index].strip(_MARK)):
            return index
    return len(lines)


def _next_value(lines: list[str], index: int, end: int) -> str | None:
    if index + 1 >= end:
        return None
    value = lines[index + 1].strip(_MARK)
    if not value or len(value) > _MAX_FACT or value.endswith(":"):
        return None
    return lines[index + 1]


def _without_meta(line: str) -> str:
    # "Acme · Reno, NV · 2 weeks ago · 87 applicants" -> "Acme · Reno, NV": the rest is a counter.
    # "Harbor Goods Co. 3.9 ★", "Swiftline Couriers - 4.2": the board's rating after the name.
    if line.rstrip()[-1:] in _RATING_ENDS:
        line = _RATING.sub("", line)
    parts = line.split(" · ")
    if len(parts) < 2:
        return "" if _SEGMENT.fullmatch(line.strip(_MARK)) else line
    keep = len(parts)
    while keep > 0 and _SEGMENT.fullmatch(parts[keep - 1].strip(_MARK)):
        keep -= 1
    return " · ".join(parts[:keep])
