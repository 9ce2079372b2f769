"""The measurable style of a writing sample, which writers follow (style only, never facts)."""

from __future__ import annotations

import msgspec


class WritingStyle(msgspec.Struct, frozen=True, kw_only=True):
    """Features of a user's sample, measured offline.

    ``sentence_words`` is the mean words per sentence of prose, ``bullet_words`` the mean per
    bullet line (None without bullets), ``bullet_marker`` the marker the sample uses,
    ``first_person`` whether it writes "I"/"my", ``tone_words`` its characteristic words from a
    fixed list of tone words. ``sentence_count`` and ``bullet_count`` say how much each mean
    rests on. The offline writer uses the measurable ones (bullet length, person); an LLM
    writer receives them all as a description of style, never as facts.
    """

    sentence_words: float = 0.0
    bullet_words: float | None = None
    bullet_marker: str | None = None
    first_person: bool = False
    tone_words: tuple[str, ...] = ()
    sentence_count: int = 0
    bullet_count: int = 0
