"""The writers an instance has, which one a request gets, and the LLM budget gate."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from resumecore.errors import InvalidValue
from resumecore.generation.llm.session import ensure_budget
from resumecore.ids import UserId
from resumecore.ports.document_writer import DocumentWriter
from resumecore.ports.llm_usage import TokenLedger

LLM = "llm"


class Writers:
    """Writers by name (``offline`` always, ``llm`` when a model is configured).

    ``label`` is what a generation records (``name/version``); a generation is run by the
    writer its label names, or by the default when that writer is gone (the model was
    unconfigured since: its provenance then says the offline writer wrote it).
    """

    def __init__(
        self,
        writers: Sequence[DocumentWriter],
        *,
        default: str,
        ledger: TokenLedger | None = None,
        tokens_per_day: int = 0,
    ) -> None:
        """``default`` must name one of ``writers``; ``ledger`` gates the LLM writer."""
        self._by_name = {writer.name: writer for writer in writers}
        if default not in self._by_name:
            msg = f"the default writer {default!r} is not configured"
            raise ValueError(msg)
        self._default = default
        self._ledger = ledger
        self._tokens_per_day = tokens_per_day

    @property
    def tokens_per_day(self) -> int:
        """The daily language-model budget of one user."""
        return self._tokens_per_day

    def has(self, name: str) -> bool:
        """Whether the writer ``name`` is configured."""
        return name in self._by_name

    def chosen(self, name: str | None) -> DocumentWriter:
        """The writer a request asked for (the default when it named none).

        Raises:
            InvalidValue: the writer is not configured on this server.
        """
        writer = self._by_name.get(name or self._default)
        if writer is None:
            raise InvalidValue.for_field(
                "writer",
                "writer_unavailable",
                f"The {name} writer is not configured on this server; use the offline writer.",
            )
        return writer

    def for_label(self, label: str) -> DocumentWriter:
        """The writer a stored generation names, else the default."""
        name = label.partition("/")[0]
        return self._by_name.get(name) or self._by_name[self._default]

    @staticmethod
    def label(writer: DocumentWriter) -> str:
        """What a generation records: the writer's name and version."""
        return f"{writer.name}/{writer.version}"

    async def check_budget(self, writer: DocumentWriter, user_id: UserId, now: datetime) -> None:
        """Refuse an LLM request when the user's tokens for today are spent.

        Raises:
            TokenBudgetExhausted: a 429 until the next UTC day; no model call is made.
        """
        if writer.name != LLM or self._ledger is None:
            return
        await ensure_budget(self._ledger, user_id, now, self._tokens_per_day)
