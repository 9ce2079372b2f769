"""Ask, verify, repair once, fall back: the loop every rewritten part goes through.

The model proposes sentences for named parts. Each sentence is checked (``checks.py``); parts
with findings go back to the model once, with the findings; what still fails is reported so
the writer keeps the offline text for those parts.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

import msgspec

from resumecore.errors import LanguageModelError
from resumecore.generation.llm.checks import SentenceChecker
from resumecore.generation.llm.prompt import Sentence, messages, repair
from resumecore.generation.llm.redaction import Redactor
from resumecore.generation.llm.session import ModelSession
from resumecore.generation.phrasing import tidy
from resumecore.model.document import Line

T = TypeVar("T")
Parts = dict[str, list[Sentence]]


class Outcome(msgspec.Struct, frozen=True, kw_only=True):
    """The verified parts as lines, and which parts were repaired or failed."""

    parts: dict[str, list[Line]]
    repaired: tuple[str, ...]
    failed: tuple[str, ...]


class Rewrite:
    """One rewrite request: the prompt data, its reply shape and the parts expected back."""

    def __init__(
        self,
        session: ModelSession,
        redactor: Redactor,
        checker: SentenceChecker,
        *,
        max_tokens: int,
    ) -> None:
        """Ask through ``session``, redact with ``redactor``, verify with ``checker``."""
        self._session = session
        self._redactor = redactor
        self._checker = checker
        self._max_tokens = max_tokens

    async def run(
        self,
        task: str,
        data: dict[str, Any],
        reply_type: type[T],
        parts_of: Callable[[T], Parts],
        owners: Mapping[str, Collection[str]],
    ) -> Outcome:
        """The verified parts named in ``owners`` (part -> the ids its sentences must cite).

        Raises:
            LanguageModelError: the first call gave no usable reply (nothing to keep).
        """
        asked = messages(task, self._redact(data))
        schema = reply_type.__name__
        reply, raw = await self._session.ask(
            asked, reply_type, schema=schema, max_tokens=self._max_tokens
        )
        good, bad = self._judge(parts_of(reply), owners)
        repaired: list[str] = []
        if bad:
            try:
                again, _ = await self._session.ask(
                    repair(asked, raw, bad), reply_type, schema=schema, max_tokens=self._max_tokens
                )
            except LanguageModelError:
                again = None
            if again is not None:
                fixed, bad = self._judge(parts_of(again), {p: owners[p] for p in bad})
                good.update(fixed)
                repaired = list(fixed)
        return Outcome(parts=good, repaired=tuple(repaired), failed=tuple(bad))

    def _judge(
        self, proposed: Parts, owners: Mapping[str, Collection[str]]
    ) -> tuple[dict[str, list[Line]], dict[str, list[str]]]:
        good: dict[str, list[Line]] = {}
        bad: dict[str, list[str]] = {}
        for part, own in owners.items():
            sentences = [
                Sentence(tidy(self._redactor.restore(s.text)), list(dict.fromkeys(s.sources)))
                for s in proposed.get(part, [])
            ]
            if not sentences:
                bad[part] = ["Nothing was written for this part."]
                continue
            findings = [
                f"'{self._redactor.redact(s.text)}': {self._redactor.redact(finding)}"
                for s in sentences
                for finding in self._checker.findings(s, own)
            ]
            if findings:
                bad[part] = findings
            else:
                good[part] = [Line(text=s.text, sources=tuple(s.sources)) for s in sentences]
        return good, bad

    def _redact(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._redactor.redact(value)
        if isinstance(value, dict):
            # Ids are ours (UUIDs, "skill:<name>"): they must come back exactly as sent.
            return {k: v if k == "id" else self._redact(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self._redact(v) for v in value]
        return value
