"""Recency, seniority and the human-readable reason behind an item's score."""

from __future__ import annotations

from resumecore.model.ranking import NOTHING, WEAK_MEANING
from resumecore.tailoring.items import Item
from resumecore.tailoring.job_terms import REQUIRED_WEIGHT

RECENCY_HALF_LIFE = 48.0
UNDATED = 0.5
FOCUS_NOTE = 0.5
WORDING_NOTE = 0.2
MEANING_NOTE = 0.5


def recency(item: Item, now: int) -> float:
    """1.0 for a current item, halving every ``RECENCY_HALF_LIFE`` months since it ended."""
    if item.current:
        return 1.0
    if item.end is None:
        return UNDATED
    return float(0.5 ** (max(0, now - item.end) / RECENCY_HALF_LIFE))


def seniority(item: Item, years: int | None) -> float:
    """How far the item's tenure goes toward the years the job asks (1.0 if none asked)."""
    if not years:
        return 1.0
    if item.start is None:
        return UNDATED
    return min(1.0, item.tenure / (12 * years))


def _when(item: Item) -> str:
    if item.start is None:
        return ""
    first = f"{item.start // 12}"
    last = "present" if item.current or item.end is None else f"{item.end // 12}"
    return first if first == last else f"{first}\N{EN DASH}{last}"


def reason(matched: list[tuple[str, float]], parts: dict[str, float], item: Item) -> str:
    """A human-readable why: matched skills, focus, wording, context and the dates."""
    required = [name for name, weight in matched if weight >= REQUIRED_WEIGHT]
    other = [name for name, weight in matched if weight < REQUIRED_WEIGHT]
    bits = []
    if required:
        bits.append("matches required skills: " + ", ".join(required))
    if other:
        bits.append("also mentions: " + ", ".join(other))
    if matched and parts["focus"] < FOCUS_NOTE:
        bits.append("mostly about other things")
    if parts["lexical"] >= WORDING_NOTE:
        bits.append("wording close to the posting")
    if parts.get("semantic", 0.0) >= MEANING_NOTE:
        bits.append("close in meaning to the requirements")
    if not bits and parts.get("context", 0.0) > 0:
        bits.append("part of a relevant role")
    if not bits and parts.get("semantic", 0.0) > 0:
        bits.append(WEAK_MEANING)
    if not bits:
        bits.append(NOTHING)
    when = _when(item)
    return "; ".join(bits + ([when] if when else []))
