"""Split a normalised posting into requirement, nice-to-have, responsibility and benefit items.

Items are spans of the normalised text, so every item is a substring of it. Text under no
header is sorted sentence by sentence on cue words ("is a plus", "you will", "we offer").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from resumecore.postings.lowered_match import LoweredPattern, lowered
from resumecore.postings.section_headers import (
    SectionKind,
    about_name,
    header_kind,
    opens_boilerplate,
)

ItemKind = SectionKind
Span = tuple[int, int]

_LIST_MARKER = re.compile(r"^(?:-\s*|\(?\d{1,2}[.)]\s+|\(?[a-hA-H][.)]\s+)")
_SENTENCE = re.compile(r"[^.!?;\n]+(?:[.!?]+(?=\s|$)|;|$)", re.MULTILINE)
_INLINE_SPLIT = re.compile(r"[^;]+")
_NICE = LoweredPattern(
    re.compile(
        r"\b(?:(?:is|are|would be|will be|as) a (?:big |huge )?plus|a plus|nice[\s-]to[\s-]have|"
        r"bonus|preferred|desirable|an advantage|advantageous|ideally|would be great|welcome|"
        r"von vorteil|wünschenswert|un plus|un atout|se valorará|valorable|deseable)\b",
        re.IGNORECASE,
    )
)
_REQUIRED = LoweredPattern(
    re.compile(
        r"\b(?:requires?|required|must|you have|you'll need|you will need|we're looking for|"
        r"we are looking for|looking for someone|experience (?:with|in)|years of|years'|"
        r"proficien\w*|knowledge of|degree in|certifi\w*|licen[cs]e\w*|familiar\w*|"
        r"ability to|able to|comfortable|you understand|experience)\b",
        re.IGNORECASE,
    )
)
_DUTY = LoweredPattern(
    re.compile(
        r"\b(?:you will|you'll|in this role|responsible for|your responsibilities|"
        r"you will be|day[\s-]to[\s-]day)\b",
        re.IGNORECASE,
    )
)
_BENEFIT = LoweredPattern(
    re.compile(
        r"\b(?:we offer|benefits?|perks?|pto|paid time off|holiday|vacation|pension|401\(?k\)?|"
        r"insurance|health, dental|parental leave|wir bieten|ofrecemos|nous offrons)\b",
        re.IGNORECASE,
    )
)
_CONTRAST = LoweredPattern(
    re.compile(r",\s+(?:although|though|but|whereas|while)\s+", re.IGNORECASE)
)
_NOT_REQUIRED = LoweredPattern(
    re.compile(
        r"\bno (?:prior )?experience (?:is )?(?:needed|required|necessary)\b|"
        r"\btraining (?:is )?provided\b",
        re.IGNORECASE,
    )
)
_ASIDE = re.compile(r"\([^()]*\)")
_MAX_ITEM = 300


@dataclass
class Sections:
    """Item spans per kind, the lines that were headers, and names from ``About X`` headers."""

    items: dict[ItemKind, list[Span]] = field(default_factory=dict)
    header_lines: set[int] = field(default_factory=set)
    about_names: list[str] = field(default_factory=list)
    # About-us, benefits, EEO and how-to-apply sections: what the posting says besides the job.
    boilerplate: list[Span] = field(default_factory=list)

    def texts(self, text: str, kind: ItemKind) -> tuple[str, ...]:
        """The item strings of one kind, in order, without duplicates."""
        return tuple(dict.fromkeys(text[start:end] for start, end in self.items.get(kind, [])))


def split_sections(text: str) -> Sections:
    """Find headers and collect the items under each.

    Args:
        text: Normalised posting text.

    Returns:
        The sections found; unheaded text is classified sentence by sentence.
    """
    found = Sections()
    current: SectionKind | None = None
    listed = blank = False
    position = 0
    aside = _Aside()
    # Lower-cased once for the cue patterns' searches (None when only the plain ones may run).
    low = lowered(text)
    for line in text.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        if not line.strip():
            blank = True
            continue
        header = header_kind(line)
        aside.see(line, start, end, header, blank)
        if header is not None:
            kind, rest = header
            found.header_lines.add(start)
            name = about_name(line)
            if name:
                found.about_names.append(name)
            if rest.strip():
                rest_start = end - len(rest)
                for piece in _INLINE_SPLIT.finditer(rest):
                    _add(
                        found, text, low, kind, rest_start + piece.start(), rest_start + piece.end()
                    )
                current = None
            else:
                current = kind
            listed = blank = False
            continue
        is_item = bool(_LIST_MARKER.match(line))
        if current is not None and blank and listed and not is_item and _ends_list(line):
            current = None
        blank = False
        listed = listed or is_item
        if current is None:
            _classify_sentences(found, text, low, start, end)
        elif current != "other":
            marker = _LIST_MARKER.match(line)
            _add_line(found, text, low, current, start + (marker.end() if marker else 0), end)
    found.boilerplate = aside.close(len(text))
    return found


def _ends_list(line: str) -> bool:
    """Whether an unmarked line after a blank one closes the bulleted section above it.

    A long line does ("We offer a competitive salary and ..."), and so does a short sentence
    ("Sysco is an Equal Opportunity Employer.", "Apply today!"): a list's own unmarked
    items are fragments ("Strong Excel skills").
    """
    bare = line.strip()
    return len(bare) > 60 or (bare[-1:] in {".", "!"} and len(bare.split()) >= 2)


class _Aside:
    """Spans of the About-us, benefits, EEO and how-to-apply sections, from header to header."""

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.start: int | None = None

    def see(
        self, line: str, start: int, end: int, header: tuple[SectionKind, str] | None, blank: bool
    ) -> None:
        opens = opens_boilerplate(line, header)
        if opens or header is not None or (blank and _looks_like_header(line)):
            self.close(start)
            self.start = end if opens else None

    def close(self, position: int) -> list[Span]:
        if self.start is not None:
            self.spans.append((self.start, position))
            self.start = None
        return self.spans


def _looks_like_header(line: str) -> bool:
    # An unknown header ("What you'll own") after a blank line ends an About-us section.
    bare = line.strip(" #*_:")
    return (
        0 < len(bare) <= 50
        and bare[0].isupper()
        and bare[-1] not in ".,;!"
        and not _LIST_MARKER.match(line)
    )


def _add_line(
    found: Sections, text: str, low: str | None, kind: ItemKind, start: int, end: int
) -> None:
    if end - start <= _MAX_ITEM:
        _add(found, text, low, kind, start, end)
        return
    for sentence in _SENTENCE.finditer(text, start, end):
        _add(found, text, low, kind, sentence.start(), sentence.end())


def _classify_sentences(found: Sections, text: str, low: str | None, start: int, end: int) -> None:
    for sentence in _SENTENCE.finditer(text, start, end):
        _classify_clause(found, text, low, sentence.start(), sentence.end())


def _classify_clause(found: Sections, text: str, low: str | None, start: int, end: int) -> None:
    # The clause is searched on its own, as a string of its own (its first word's boundary).
    chunk = text[start:end]
    lowered_chunk = None if low is None else low[start:end]
    kind: ItemKind | None = None
    nice = _NICE.span(chunk, lowered_chunk)
    if nice:
        # "Training is provided, although an NVQ would be an advantage": only the "although"
        # clause is optional; what comes before it is read on its own.
        turn = _CONTRAST.span(chunk, lowered_chunk, 0, nice[0])
        if turn is not None:
            _classify_clause(found, text, low, start, start + turn[0])
            _add(found, text, low, "nice_to_have", start + turn[1], end)
            return
        kind = "nice_to_have"
    elif _BENEFIT.span(chunk, lowered_chunk):
        kind = "benefits"
    elif _REQUIRED.span(chunk, lowered_chunk) and not _NOT_REQUIRED.span(chunk, lowered_chunk):
        kind = "requirements"
    elif _DUTY.span(chunk, lowered_chunk):
        kind = "responsibilities"
    if kind is not None:
        _add(found, text, low, kind, start, end)


def _optional_part(text: str, start: int, marker: int) -> tuple[int, int, int] | None:
    aside = _ASIDE.search(text, start, marker + 40)
    if aside and aside.start() < marker < aside.end() and aside.start() - start > 2:
        return aside.start(), aside.start() + 1, aside.end() - 1
    clause = max(text.rfind(", ", start, marker), text.rfind("; ", start, marker))
    if clause - start > 2:
        return clause, clause + 2, -1
    return None


def _add(found: Sections, text: str, low: str | None, kind: ItemKind, start: int, end: int) -> None:
    while start < end and text[start] in " -;,":
        start += 1
    while end > start and text[end - 1] in " ;,":
        end -= 1
    if end - start < 2 or kind == "other":
        return
    nice = _NICE.span(text, low, start, end) if kind == "requirements" else None
    if nice is not None:
        split = _optional_part(text, start, nice[0])
        if split is not None:
            # "React (TypeScript is a plus)", "English; French is a bonus": only part is optional.
            (head_end, tail_start, tail_end) = split
            _add(found, text, low, kind, start, head_end)
            _add(found, text, low, "nice_to_have", tail_start, tail_end if tail_end > 0 else end)
            return
        kind = "nice_to_have"
    found.items.setdefault(kind, []).append((start, end))
