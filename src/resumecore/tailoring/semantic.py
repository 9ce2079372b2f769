"""The semantic term: how close in meaning an item is to what the job asks for.

Formula::

    best      = mean of the item's TOP highest cosines with the job's lines
    semantic  = max(0, (best - FLOOR) / (1 - FLOOR))

Sentence-embedding cosines between unrelated texts are rarely below ``FLOOR``, so that much is
treated as no signal and an item unrelated to the job still scores near 0.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from resumecore.model.job import Job
from resumecore.tailoring.items import Item

SEMANTIC_VERSION = "semantic-1"  # change when TOP, FLOOR, MAX_LINES or MAX_CHARS change
TOP = 2
FLOOR = 0.2
MAX_LINES = 40
MAX_CHARS = 600
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def job_lines(job: Job) -> list[str]:
    """The requirement, nice-to-have and responsibility lines (description sentences if none)."""
    lines = [*job.requirements, *job.nice_to_have, *job.responsibilities]
    if not lines:
        lines = _SENTENCE.split(job.description or job.raw_text or "")
    cleaned = [line.strip()[:MAX_CHARS] for line in lines if any(c.isalnum() for c in line)]
    return list(dict.fromkeys(cleaned))[:MAX_LINES] or ([job.title] if job.title else [])


def item_text(item: Item) -> str:
    """What the embedder reads for an item: its text and listed skills, first ``MAX_CHARS``.

    For an experience that is its title, company, description and the first bullets; each
    bullet is also scored as an item of its own.
    """
    return "\n".join(part for part in (item.text, ", ".join(item.extra_skills)) if part)[:MAX_CHARS]


def semantic_scores(rows: Sequence[Sequence[float]]) -> list[float]:
    """One 0-1 value per item from its row of cosines against the job lines."""
    out = []
    for row in rows:
        best = sorted(row, reverse=True)[:TOP]
        mean = sum(best) / len(best) if best else 0.0
        mean = mean if math.isfinite(mean) else 0.0
        out.append(round(max(0.0, min(1.0, (mean - FLOOR) / (1 - FLOOR))), 4))
    return out
