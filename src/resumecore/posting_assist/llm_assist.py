"""``LlmPostingAssist``: the deterministic parse, with gaps filled by a language model.

The model sees the posting masked of e-mails, URLs and phones, proposes fields and skills
(``assist_prompt``), and ``merge_proposal`` keeps only what the text bears out. Replies are
cached by (prompt version, model, masked text) and their tokens count against the user's
daily budget (``ModelSession``). Any model failure or a spent budget gives the deterministic
parse, logged at WARNING without the posting.
"""

from __future__ import annotations

import logging

from resumecore.errors import LanguageModelError, TokenBudgetExhausted
from resumecore.generation.llm.session import ModelSession
from resumecore.ids import UserId
from resumecore.personal_data import mask_shapes
from resumecore.ports.language_model import LanguageModel
from resumecore.ports.llm_usage import ReplyCache, TokenLedger
from resumecore.ports.system import Clock
from resumecore.ports.work import CpuWorkRunner
from resumecore.posting_assist.merge import merge_proposal
from resumecore.posting_assist.prompt import (
    MAX_SENT_CHARS,
    MAX_TOKENS,
    PROMPT_VERSION,
    SCHEMA_NAME,
    PostingProposal,
    messages,
)
from resumecore.postings.model import ParsedPosting
from resumecore.postings.parser import parse_posting
from resumecore.postings.vocabulary import SkillVocabulary, default_vocabulary

log = logging.getLogger("resumecore.postings.assist")


class LlmPostingAssist:
    """A ``PostingAssist`` over a ``LanguageModel``, its reply cache and token ledger."""

    def __init__(
        self,
        model: LanguageModel,
        cache: ReplyCache,
        ledger: TokenLedger,
        clock: Clock,
        *,
        tokens_per_day: int,
        vocabulary: SkillVocabulary | None = None,
        cpu: CpuWorkRunner | None = None,
    ) -> None:
        """Ask ``model`` within ``tokens_per_day`` per user; check against ``vocabulary``.

        ``cpu`` runs the deterministic parse (a long paste takes a second or more of CPU) off
        the event loop; without one it runs in place.
        """
        self._model = model
        self._cache = cache
        self._ledger = ledger
        self._clock = clock
        self._budget = tokens_per_day
        self._vocabulary = vocabulary or default_vocabulary()
        self._cpu = cpu

    async def parse(self, raw_text: str, *, user_id: UserId) -> ParsedPosting:
        """The deterministic parse, merged with the model's checked proposal when there is one.

        Raises:
            InvalidValue: what ``parse_posting`` raises (text too long); nothing else.
        """
        parsed = (
            await self._cpu.run(parse_posting, raw_text, self._vocabulary)
            if self._cpu is not None
            else parse_posting(raw_text, self._vocabulary)
        )
        proposal = await self.propose(parsed.description, user_id=user_id)
        if proposal is None:
            return parsed
        return merge_proposal(parsed, proposal, self._vocabulary)

    async def propose(self, posting: str, *, user_id: UserId) -> PostingProposal | None:
        """The model's unchecked proposal for the normalised ``posting``; None if it failed."""
        session = ModelSession(
            self._model,
            self._cache,
            self._ledger,
            self._clock,
            user_id=user_id,
            tokens_per_day=self._budget,
            prompt_version=PROMPT_VERSION,
        )
        prompt = messages(mask_shapes(posting[:MAX_SENT_CHARS]))
        try:
            proposal, _ = await session.ask(
                prompt, PostingProposal, schema=SCHEMA_NAME, max_tokens=MAX_TOKENS
            )
        except (LanguageModelError, TokenBudgetExhausted) as exc:
            log.warning("posting assist: the deterministic parse is used (%s)", exc.code)
            return None
        return proposal
