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
_WEB_TAIL = re.compile(r"\.[a-z0-9]")
_SAYS_OF_IT = re.compile(r"(?: is| has| was| are|,? we\b|['\u2019]s)")


def named_as_org(part: str, text: str) -> bool:
    """``"... — Kestrel Travel"`` where the body says "Kestrel Travel is" or "at Kestrel Travel".

    Only where the body writes the name as a name: "experience with payments" does not make
    "... — Payments" a business (any case but all lower case counts, and a web address).
    """
    low_part, low_text = lowered(part), lowered_posting(text)
    if not low_part or low_text is None:
        pattern = re.compile(_as_org(re.escape(part), grouped=True), re.IGNORECASE)
        found = pattern.search(text)
        while found:
            group = "led" if found.group("led") is not None else "opened"
            if _as_name(text, found.start(group), found.end(group), part):
                return True
            found = pattern.search(text, found.start() + 1)
        return False
    # The search over the lower-cased copies (see any_case), at each place the name is written:
    # no pattern is built for the name (~100 us to compile one not seen before).
    at = low_text.find(low_part)
    while at >= 0:
        end = at + len(low_part)
        if _as_name(text, at, end, part) and _named_there(low_text, at, end):
            return True
        at = low_text.find(low_part, at + 1)
    return False


def _as_name(text: str, start: int, end: int, name: str) -> bool:
    # A name written all in lower case in the body is the common word ("payments", "mobile"),
    # except in a web address, which is lower case whatever it names ("at dentalflow.com").
    written = text[start:end]
    return name.islower() or not written.islower() or _WEB_TAIL.match(text, end) is not None


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


def _as_org(name: str, *, grouped: bool = False) -> str:
    """The pattern of a business's name in prose; ``grouped`` names the name's two places."""
    led, opened = (f"(?P<led>{name})", f"(?P<opened>{name})") if grouped else (name, name)
    return (
        rf"(?:\b(?:{'|'.join(w.strip() for w in _LEAD_WORDS)}) {led}\b|"
        rf"(?:^|\n|\. ){opened}{_SAYS_OF_IT.pattern})"
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
