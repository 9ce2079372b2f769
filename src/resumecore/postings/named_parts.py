"""What the posting's text says a piece of a header line is: a business or a town.

"Line Cook - Kestrel Travel" where the body says "at Kestrel Travel"; "Optometrist - Tampines"
where it names "our Tampines Hub outlet".
"""

from __future__ import annotations

import re

from resumecore.postings import gazetteer

_LARGE_TOWN = 100_000


def named_as_org(part: str, text: str) -> bool:
    """``"... — Kestrel Travel"`` where the body says "Kestrel Travel is" or "at Kestrel Travel"."""
    name = re.escape(part)
    return bool(
        re.search(
            rf"(?:\b(?:at|join|with) {name}\b|"
            rf"(?:^|\n|\. ){name}(?: is| has| was| are|,? we\b|['\u2019]s))",
            text,
            re.IGNORECASE,
        )
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
