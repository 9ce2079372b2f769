"""What the vocabulary finds in text and what an alias stands for (shared by its context rules)."""

from __future__ import annotations

from typing import Literal

import msgspec

AliasMode = Literal["plain", "case", "context"]


class SkillMatch(msgspec.Struct, frozen=True, kw_only=True):
    """A skill found in text: ``text[start:end]`` is the alias as written."""

    canonical: str
    start: int
    end: int
    alias: str


class AliasInfo(msgspec.Struct, frozen=True, kw_only=True):
    """What a lower-cased alias key stands for and how strictly it must be matched."""

    canonical: str
    category: str
    mode: AliasMode
    forms: tuple[str, ...] = ()
