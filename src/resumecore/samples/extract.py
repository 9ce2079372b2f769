"""Measuring a sample's style offline: same text, same ``WritingStyle``, on any machine.

A line is a bullet when it opens with a list marker (``-``, ``*``, ``•`` and the like, or
``1.`` / ``1)``). Prose is every other line that reads as a sentence: it has sentence
punctuation or at least ``PROSE_MIN_WORDS`` words, so headings ("EXPERIENCE", "Acme · 2021")
do not pull the mean sentence length down. The sample writes in the first person when
"I"/"my"/"me" make up at least one word in ``FIRST_PERSON_RATE``.
"""

from __future__ import annotations

import re
from collections import Counter

from resumecore.samples.style import WritingStyle

PROSE_MIN_WORDS = 8
FIRST_PERSON_RATE = 200
MAX_TONE_WORDS = 5
SYMBOL_MARKERS = "-*>\u2022\u2023\u25e6\u25aa\u25ab\u25cf\u25cb\u25a0\u25a1\u2013\u2014\u00b7"
NUMBERED = "1."
# A fixed list, so the same words are looked for in every sample.
TONE_WORDS = (
    "accomplished",
    "analytical",
    "collaborative",
    "committed",
    "creative",
    "dedicated",
    "detail-oriented",
    "driven",
    "dynamic",
    "eager",
    "enthusiastic",
    "excited",
    "hands-on",
    "innovative",
    "motivated",
    "passionate",
    "proactive",
    "proven",
    "reliable",
    "results-driven",
    "results-oriented",
    "seasoned",
    "self-starter",
    "strategic",
    "thrilled",
)
_TONE = frozenset(TONE_WORDS)
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"})
_NUMBERED = re.compile(r"^\(?\d{1,3}[.)]\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+")
_WORD = re.compile(r"[^\W\d_](?:[\w'\u2019-]*\w)?")


def _bullet(line: str) -> tuple[str, str] | None:
    """(marker, text after it) when ``line`` is a list item."""
    if len(line) > 1 and line[0] in SYMBOL_MARKERS and line[1].isspace():
        return line[0], line[1:].strip()
    numbered = _NUMBERED.match(line)
    return (NUMBERED, line[numbered.end() :].strip()) if numbered else None


def _mean(counts: list[int]) -> float:
    return round(sum(counts) / len(counts), 1) if counts else 0.0


def extract_style(text: str) -> WritingStyle:
    """The measurable style of ``text``; never raises, whatever the text."""
    markers: Counter[str] = Counter()
    bullet_lengths: list[int] = []
    prose: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        found = _bullet(line)
        if found is not None:
            markers[found[0]] += 1
            bullet_lengths.append(len(found[1].split()))
        elif line and (line[-1] in ".!?" or len(line.split()) >= PROSE_MIN_WORDS):
            prose.append(line)
    sentences = [len(s.split()) for s in _SENTENCE_END.split(" ".join(prose)) if s.split()]
    words = [w.casefold().replace("\u2019", "'") for w in _WORD.findall(text)]
    personal = sum(1 for w in words if w in _FIRST_PERSON)
    tones = Counter(w for w in words if w in _TONE)
    order = sorted(tones, key=lambda w: (-tones[w], TONE_WORDS.index(w)))
    return WritingStyle(
        sentence_words=_mean(sentences),
        bullet_words=_mean(bullet_lengths) if bullet_lengths else None,
        bullet_marker=markers.most_common(1)[0][0] if markers else None,
        first_person=personal > 0 and personal * FIRST_PERSON_RATE >= len(words),
        tone_words=tuple(order[:MAX_TONE_WORDS]),
        sentence_count=len(sentences),
        bullet_count=len(bullet_lengths),
    )
