"""A name looked for in a posting in any case, over lower-cased copies of both.

``re.search(re.escape(name), text, re.IGNORECASE)`` tries the name at every position of the
text (~150 us over 15,000 characters) and a pattern built around a name is compiled anew for
each name not seen before (~40 us). Over the copies ``lowered_match.lowered`` makes, the same
search is a case-sensitive one: on a text it accepts, a character matches case-insensitively
exactly the characters with its lower-case form, and the copy keeps the text's positions. A
posting is lower-cased once for all the names a parse looks for in it.
"""

from __future__ import annotations

from functools import lru_cache

from resumecore.postings.lowered_match import lowered


@lru_cache(maxsize=4)  # the body and the text of the parses under way
def lowered_posting(text: str) -> str | None:
    """``lowered(text)``, kept for a posting searched for several names."""
    return lowered(text)


def find_any_case(name: str, text: str, start: int = 0) -> int | None:
    """Where ``re.search(re.escape(name), text[start:], re.I)`` starts in ``text``, or -1.

    ``start`` is not negative. ``None`` when the copies cannot answer (an empty name, or a
    character that folds otherwise): search as before.
    """
    low_name, low_text = lowered(name), lowered_posting(text)
    if not low_name or low_text is None:
        return None
    return low_text.find(low_name, start)
