"""What the posting's text says a piece of a header line is: a business or a town.

"Line Cook - Kestrel Travel" where the body says "at Kestrel Travel"; "Optometrist - Tampines"
where it names "our Tampines Hub outlet".
"""

from __future__ import annotations

import re

from resumecore.postings import gazetteer
from resumecore.postings.any_case import lowered_posting
from resumecore.postings.lowered_match import lowered

_LARGE_TOWN = 100_000
# What is said around a business's name; ``_as_org`` is the one pattern they make together.
_LEAD_WORDS = ("at ", "join ", "with ")
_BOUNDARY = re.compile(r"\b")
_SAYS_OF_IT = re.compile(r"(?: is| has| was| are|,? we\b|['\u2019]s)")


def named_as_org(part: str, text: str) -> bool:
    """``"... — Kestrel Travel"`` where the body says "Kestrel Travel is" or "at Kestrel Travel"."""
    low_part, low_text = lowered(part), lowered_posting(text)
    if not low_part or low_text is None:
        return bool(re.search(_as_org(re.escape(part)), text, re.IGNORECASE))
    # The search over the lower-cased copies (see any_case), at each place the name is written:
    # no pattern is built for the name (~100 us to compile one not seen before).
    at = low_text.find(low_part)
    while at >= 0:
        if _named_there(low_text, at, at + len(low_part)):
            return True
        at = low_text.find(low_part, at + 1)
    return False


def _named_there(low: str, start: int, end: int) -> bool:
    # Whether _as_org matches with the name at low[start:end]: "at <name>" with a word boundary
    # either side, or the name after a line break or a full stop and before "is", "'s", ...
    after_break = start == 0 or low[start - 1] == "\n" or low[max(start - 2, 0) : start] == ". "
    if after_break and _SAYS_OF_IT.match(low, end):
        return True
    return any(
        start >= len(word)
        and low.startswith(word, start - len(word))
        and _BOUNDARY.match(low, start - len(word)) is not None
        and _BOUNDARY.match(low, end) is not None
        for word in _LEAD_WORDS
    )


def _as_org(name: str) -> str:
    return (
        rf"(?:\b(?:{'|'.join(w.strip() for w in _LEAD_WORDS)}) {name}\b|"
        rf"(?:^|\n|\. ){name}{_SAYS_OF_IT.pattern})"
    )


def named_town(part: str, text: str) -> bool:
    """``"Optometrist - Tampines"`` with "our Tampines Hub outlet" further on: a large known town.

    The posting names it again and never in lower case ("Engineer - Mobile" with "mobile apps"
    is a specialisation), and never as a business ("at Phoenix", "Phoenix is").
    """
    return (
        not named_as_org(part, text)
        and gazetteer.town_size(part) >= _LARGE_TOWN
        and text.count(part) >= 2
        and re.search(rf"\b{re.escape(part.lower())}\b", text) is None
    )
