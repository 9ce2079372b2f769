"""The port profile enhancement writes through: the offline enhancer now, an LLM one later."""

from __future__ import annotations

from typing import Protocol

import msgspec

from resumecore.model.profile import Profile


class Enhancement(msgspec.Struct, frozen=True, kw_only=True):
    """What an enhancer proposes for one profile; nothing here is stored before it is checked.

    Attributes:
        writer: ``<name>/<version>`` of the enhancer (reported to the client).
        summary: the proposed ``enhanced_professional_summary``, or None for none.
        items: proposed ``enhanced_description`` by item id (experiences and projects only).
        left_out: pieces (sentences, bullets) the enhancer itself dropped because the
            grounding check refused them; informative only.
    """

    writer: str
    summary: str | None = None
    items: dict[str, str] = msgspec.field(default_factory=dict)
    left_out: int = 0


class ProfileEnhancer(Protocol):
    """Proposes tighter texts for a profile's summary and item descriptions.

    The texts are stored beside the originals (``enhanced_professional_summary``, each
    experience's and project's ``enhanced_description``), never replacing them.

    A text may say only what the profile supports. The use case checks every proposed text
    with the grounding verifier before storing it and drops any that fails, so an enhancer
    may be wrong without harm, but it should not be: dropped texts are counted in the reply.
    Proposals for ids the profile does not have are dropped the same way. The same profile
    should give the same proposal (enhancing twice then changes nothing). ``name`` and
    ``version`` identify the enhancer in every reply.
    """

    name: str
    version: str

    async def enhance(self, profile: Profile) -> Enhancement:
        """The proposal for ``profile``; CPU-heavy work must not run on the event loop."""
        ...
