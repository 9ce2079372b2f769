"""A header line cut at its separators: "Line Cook - Blue Heron Bistro · Asheville, NC".

What a piece of such a line says (pay, contract terms) is read here too.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"\s+(?:\||·|•|—|\u2013|-|@|at)\s+")
# After these a piece is never more of the title: "Nurse | Acme", "Engineer @ Acme".
HARD_SEPARATORS = frozenset({"|", "·", "•", "@", "at"})
TRAILING_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")
PAY = re.compile(r"[$£€₹]\s?\d|\d\s?k\b|\bper (?:hour|annum|year)\b|/hr\b|\bp/?h\b", re.I)
TERMS_OR_PAY = re.compile(
    r"[$£€]\s?\d|\d\s?k\b|\b(?:perm|permanent|full[- ]?time|part[- ]?time|contract|temp|"
    r"temporary|fixed[- ]term|ote|doe|per (?:hour|annum|year)|p/?h|ph)\b",
    re.IGNORECASE,
)
# "- Microsoft Excel": an item of a list, never a header line.
BULLET = re.compile(r"^\s*[-*•·]\s")
_DECORATION = " \t#*_|>:-\u2013—•·✨🚀🚚💼📍🎉✅💵📅"


def parts(line: str) -> list[tuple[str, str]]:
    """The pieces of ``line`` between separators, each with the separator before it."""
    pieces: list[tuple[str, str]] = []
    position, separator = 0, ""
    for found in _SEPARATORS.finditer(line):
        pieces.append((line[position : found.start()].strip(), separator))
        position, separator = found.end(), found.group(0).strip()
    pieces.append((line[position:].strip(), separator))
    return [(p, s) for p, s in pieces if p] or [("", "")]


def between(line: str, left: str, right: str) -> str:
    """The text of ``line`` between the pieces ``left`` and ``right`` (``" - "`` if unknown)."""
    start = line.find(left) + len(left)
    end = line.find(right, start)
    return line[start:end] if end >= start else " - "


def strip_decoration(line: str) -> str:
    """``"## 🚀 Platform Engineer ##"`` -> ``"Platform Engineer"``."""
    return line.strip(_DECORATION)
