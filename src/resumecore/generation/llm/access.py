"""The model as the LLM writer and enhancer use it: ask, verify, repair once, account.

``ModelAccess`` holds what every LLM call needs (the model, the reply cache, the token ledger,
the clock, the daily budget, redaction) and runs one ``Ask`` for one profile: the prompt data is
redacted, the reply verified against the facts sent and the whole profile, failed parts sent
back once, and the cost summed in a ``Session`` that becomes the result's provenance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import msgspec

from resumecore.errors import LanguageModelError, TokenBudgetExhausted
from resumecore.generation.llm.checks import SentenceChecker
from resumecore.generation.llm.prompt import PROMPT_VERSION, Sentence
from resumecore.generation.llm.redaction import Redactor
from resumecore.generation.llm.rewrite import Outcome, Rewrite
from resumecore.generation.llm.session import ModelSession
from resumecore.model.document import Provenance, WrittenDocument
from resumecore.model.profile import Profile
from resumecore.ports.language_model import LanguageModel
from resumecore.ports.llm_usage import ReplyCache, TokenLedger
from resumecore.ports.system import Clock
from resumecore.postings.vocabulary import SkillVocabulary, default_vocabulary
from resumecore.tailoring.grounding import GroundingChecker

MAX_TOKENS = 1500
R = TypeVar("R")


@dataclass(frozen=True)
class Ask(Generic[R]):
    """One rewrite: the task, its data, the reply shape, and the parts expected back.

    ``owners`` maps each part to the ids its sentences must cite one of (empty: any fact);
    ``facts`` are the citable ids and their texts.
    """

    task: str
    data: dict[str, Any]
    reply_type: type[R]
    proposed: Callable[[R], dict[str, list[Sentence]]]
    owners: dict[str, set[str]]
    facts: dict[str, str]


@dataclass
class Session:
    """The model session of one document, and why it failed if it did."""

    model: ModelSession
    failure: str | None = None

    def provenance(self, **changes: Any) -> Provenance:
        """What the session cost and how it ended, for the result."""
        model = self.model
        return Provenance(
            writer="offline" if self.failure else "llm",
            model=model.model,
            prompt_version=model.prompt_version,
            prompt_tokens=model.usage.prompt_tokens,
            completion_tokens=model.usage.completion_tokens,
            latency_ms=round(model.latency_ms, 1),
            model_calls=model.calls,
            cache_hits=model.cache_hits,
            fallback_reason=self.failure,
            **changes,
        )

    def stamped(self, document: WrittenDocument, **changes: Any) -> WrittenDocument:
        """``document`` with this session's provenance."""
        return msgspec.structs.replace(document, provenance=self.provenance(**changes))


class ModelAccess:
    """Everything an LLM rewrite needs, shared by the writer and the enhancer."""

    def __init__(
        self,
        model: LanguageModel,
        cache: ReplyCache,
        ledger: TokenLedger,
        clock: Clock,
        *,
        tokens_per_day: int,
        redact: bool = True,
        vocabulary: SkillVocabulary | None = None,
    ) -> None:
        """Ask ``model`` at most ``tokens_per_day`` per user, redacting by default."""
        self.model = model
        self._cache = cache
        self._ledger = ledger
        self._clock = clock
        self._budget = tokens_per_day
        self._redact = redact
        self.vocabulary = vocabulary or default_vocabulary()

    async def verified(
        self, profile: Profile, ask: Ask[Any], allowed: Sequence[str] = ()
    ) -> tuple[Outcome | None, Session]:
        """The verified outcome, or None (the reason in the session) if the model failed."""
        grounding = GroundingChecker(profile, self.vocabulary, allowed=[a for a in allowed if a])
        session = Session(
            ModelSession(
                self.model,
                self._cache,
                self._ledger,
                self._clock,
                user_id=profile.user_id,
                tokens_per_day=self._budget,
                prompt_version=PROMPT_VERSION,
            )
        )
        rewrite = Rewrite(
            session.model,
            Redactor(profile, enabled=self._redact),
            SentenceChecker(ask.facts, grounding),
            max_tokens=MAX_TOKENS,
        )
        try:
            outcome = await rewrite.run(
                ask.task, ask.data, ask.reply_type, ask.proposed, ask.owners
            )
        except (LanguageModelError, TokenBudgetExhausted) as exc:
            session.failure = _reason(exc)
            return None, session
        return outcome, session


def _reason(exc: LanguageModelError | TokenBudgetExhausted) -> str:
    if isinstance(exc, TokenBudgetExhausted):
        return "Today's language-model token budget is spent."
    return f"The language model gave no usable reply ({exc.code})."
