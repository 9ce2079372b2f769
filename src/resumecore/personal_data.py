"""Shapes of personal data in free text (e-mails, URLs, phones, street addresses) and masking.

Shared by everything that sends user text to a language model: the LLM writer's ``Redactor``
(which also knows one profile's own values and restores them in replies) and the posting
parser's LLM assist (which only masks). Placeholders are numbered per kind in order of first
appearance, so the same text always masks to the same string (reply caches rely on it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"')\]]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|io|dev|net|org|me|co)/[^\s<>\"')\]]*",
    re.IGNORECASE,
)
PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s.-]\d{3,4}[\s.-]\d{3,4}(?![\w-])"
    r"|(?<![\w+])\+\d{9,14}(?!\w)"
)
STREET = re.compile(
    r"\b\d{1,5}\s+(?:[A-Z][\w'-]*\s+){1,3}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl"
    r"|Terrace|Close|Crescent|Straße|Strasse|Weg|Gasse)\b\.?"
)
PLACEHOLDER = re.compile(r"\[(?:NAME|EMAIL|PHONE|URL|ADDRESS)(?:_\d+)?\]")
# In this order: an e-mail's domain must not be read as a URL first.
SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("EMAIL", EMAIL),
    ("URL", URL),
    ("PHONE", PHONE),
    ("ADDRESS", STREET),
)


def mask_shapes(text: str, kinds: Iterable[str] = ("EMAIL", "URL", "PHONE")) -> str:
    """``text`` with every value of the given shapes replaced by ``[KIND_n]``."""
    wanted = set(kinds)
    numbered: dict[str, str] = {}
    counts: dict[str, int] = {}

    def hold(kind: str, value: str) -> str:
        if PLACEHOLDER.fullmatch(value):
            return value
        if value not in numbered:
            counts[kind] = counts.get(kind, 0) + 1
            numbered[value] = f"[{kind}_{counts[kind]}]"
        return numbered[value]

    for kind, shape in SHAPES:
        if kind in wanted:
            text = shape.sub(lambda m, k=kind: hold(k, m.group(0)), text)  # type: ignore[misc]
    return text
