"""The Generation aggregate: one requested document, its stages, and what it came from."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec

from resumecore.errors import Conflict
from resumecore.ids import UserId
from resumecore.model.document import (
    CoverLetterOptions,
    DocumentType,
    ResumeOptions,
    WrittenDocument,
)

GenerationStatus = Literal["pending", "running", "completed", "failed", "cancelled"]
StageStatus = Literal["pending", "running", "completed", "failed", "skipped"]
StageName = Literal["analyse_job", "select", "write", "verify", "score", "store"]
STAGES: tuple[StageName, ...] = ("analyse_job", "select", "write", "verify", "score", "store")
FINISHED: frozenset[GenerationStatus] = frozenset({"completed", "failed", "cancelled"})
# Legal moves; a finished generation never changes again (except being deleted).
TRANSITIONS: dict[GenerationStatus, frozenset[GenerationStatus]] = {
    "pending": frozenset({"running", "cancelled", "failed"}),
    "running": frozenset({"pending", "completed", "failed", "cancelled"}),
    "completed": frozenset(),
    "failed": frozenset(),
    "cancelled": frozenset(),
}


class Stage(msgspec.Struct, frozen=True, kw_only=True):
    """One step of the pipeline and how it went."""

    name: StageName
    status: StageStatus = "pending"
    started_at: datetime | None = None
    finished_at: datetime | None = None
    error: str | None = None


class AtsReport(msgspec.Struct, frozen=True, kw_only=True):
    """How a screening system would read the document, from the tailoring match report."""

    must_have_coverage: float
    matched_keywords: tuple[str, ...]
    missing_keywords: tuple[str, ...]
    word_count: int
    length_ok: bool
    section_checks: dict[str, bool]


class Generation(msgspec.Struct, frozen=True, kw_only=True):
    """A resume or cover letter for one job from one profile, pinned to their versions.

    ``profile_version`` and ``job_version`` are the inputs' versions the document was written
    from, so a result always says exactly what it came from; ``writer`` names the writer and
    its version. Changes return new values; storing one bumps ``version`` (optimistic saves).
    """

    id: str
    user_id: UserId
    job_id: str
    profile_id: str
    profile_version: int
    job_version: int
    document_type: DocumentType
    options: ResumeOptions | CoverLetterOptions
    writer: str
    version: int = 1
    status: GenerationStatus = "pending"
    stages: tuple[Stage, ...] = tuple(Stage(name=name) for name in STAGES)
    attempts: int = 0
    document: WrittenDocument | None = None
    ats_score: float | None = None
    ats_report: AtsReport | None = None
    error: str | None = None
    cache_key: str = ""
    # Who asked, for the worker's logs and spans: the HTTP request id and the trace it ran in.
    request_id: str | None = None
    trace_parent: str | None = None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None = None

    @property
    def finished(self) -> bool:
        """Completed, failed or cancelled: nothing will change it again."""
        return self.status in FINISHED

    def moved(self, status: GenerationStatus, at: datetime, **changes: object) -> Generation:
        """A copy in ``status``; ``Conflict`` (code ``invalid_transition``) if not allowed."""
        if status != self.status and status not in TRANSITIONS[self.status]:
            message = f"A {self.status} generation cannot become {status}."
            raise Conflict(message, code="invalid_transition")
        done = at if status in FINISHED else self.completed_at
        # A stage still running when the generation ends (cancelled, failed) did not finish.
        stages = self.stages
        if status in {"cancelled", "failed"}:
            stages = tuple(
                msgspec.structs.replace(s, status="skipped", finished_at=at)
                if s.status == "running"
                else s
                for s in stages
            )
        return msgspec.structs.replace(
            self,
            status=status,
            stages=stages,
            updated_at=at,
            completed_at=done,
            **changes,
        )

    def restarted(self, at: datetime) -> Generation:
        """Running again from the first stage (after a crash or a retry)."""
        fresh = tuple(Stage(name=name) for name in STAGES)
        return msgspec.structs.replace(
            self.moved("running", at), stages=fresh, attempts=self.attempts + 1
        )

    def with_stage(
        self,
        name: StageName,
        status: StageStatus,
        at: datetime,
        error: str | None = None,
    ) -> Generation:
        """A copy with stage ``name`` started (``running``) or finished (any other status)."""
        stages = tuple(
            stage
            if stage.name != name
            else msgspec.structs.replace(
                stage,
                status=status,
                started_at=at if status == "running" else stage.started_at or at,
                finished_at=None if status == "running" else at,
                error=error,
            )
            for stage in self.stages
        )
        return msgspec.structs.replace(self, stages=stages, updated_at=at)
