"""An optional second reader of pasted postings (a language model), behind the parser."""

from __future__ import annotations

from typing import Protocol

from resumecore.ids import UserId
from resumecore.postings.model import ParsedPosting


class PostingAssist(Protocol):
    """Parses a posting like ``parse_posting`` and may fill what the parser missed.

    The result has the parser's shape and holds only what the text states. Implementations
    never fail for a reason of their own (a model error, a spent budget): they return the
    deterministic parse instead. They raise only what ``parse_posting`` raises.
    """

    async def parse(self, raw_text: str, *, user_id: UserId) -> ParsedPosting:
        """The parse of ``raw_text``, assisted on behalf of ``user_id`` (whose budget it uses)."""
        ...
