"""Following a writing sample's bullet length with the profile's own words, never new ones.

With a sample's ``bullet_words`` as the target, a role's bullets are reshaped only at the
seams the text already has: a bullet far longer than the target is split at its semicolons
and sentence ends into bullets of its own words; runs of bullets far shorter than the target
are joined with a semicolon. Nothing is reworded, added or dropped, every piece keeps the ids
of the bullets it came from, and a piece the guard would refuse leaves the bullet as it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from resumecore.generation.guard import Guard
from resumecore.generation.phrasing import clause, lower_first, tidy
from resumecore.samples.style import WritingStyle

# A bullet over 1.5 times the target is split; two under half of it each are joined while
# the joined one stays within the target.
SPLIT_OVER = 1.5
JOIN_UNDER = 0.5
_SEAM = re.compile(r";\s+|(?<=[a-z]{3}[.!?])\s+(?=[A-Z])")

Bullet = tuple[str, tuple[str, ...]]


def _words(text: str) -> int:
    return len(text.split())


def _split(bullet: Bullet, target: float, guard: Guard) -> list[Bullet]:
    text, sources = bullet
    if _words(text) <= target * SPLIT_OVER:
        return [bullet]
    pieces = [tidy(p) for p in _SEAM.split(tidy(text)) if p.strip(" ;")]
    pieces = [p[0].upper() + p[1:] for p in pieces if p]
    if len(pieces) < 2 or not all(guard.grounded(p) for p in pieces):
        return [bullet]
    return [(p, sources) for p in pieces]


def _join(bullets: list[Bullet], target: float, guard: Guard) -> list[Bullet]:
    kept: list[Bullet] = []
    for text, sources in bullets:
        if kept:
            last, last_sources = kept[-1]
            short = max(_words(last), _words(text)) < target * JOIN_UNDER
            joined = f"{clause(last)}; {lower_first(tidy(text))}"
            if short and _words(joined) <= target and guard.grounded(joined):
                kept[-1] = (joined, tuple(dict.fromkeys((*last_sources, *sources))))
                continue
        kept.append((text, sources))
    return kept


def fit_bullets(
    bullets: Sequence[Bullet], style: WritingStyle | None, guard: Guard
) -> list[Bullet]:
    """``bullets`` (text, source ids) reshaped towards ``style.bullet_words``, if it has one."""
    target = style.bullet_words if style is not None else None
    if not target:
        return list(bullets)
    split = [piece for bullet in bullets for piece in _split(bullet, target, guard)]
    return _join(split, target, guard)
