"""Use case: upload a writing sample, which becomes the active one of its document type."""

from __future__ import annotations

from resumecore.errors import Conflict
from resumecore.model.principal import Principal
from resumecore.ports.system import Clock, IdGenerator
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.ports.work import CpuWorkRunner
from resumecore.samples.extract import extract_style
from resumecore.samples.model import MAX_SAMPLES_PER_USER, Sample
from resumecore.samples.upload_rules import checked_filename, document_type, sample_text

TOO_MANY = (
    f"You can keep at most {MAX_SAMPLES_PER_USER} writing samples; delete one to upload another."
)


class UploadSample:
    """Store a ``.txt`` sample and make it the caller's active sample of its type.

    The previously active sample of that type is kept, inactive. The checks run before any
    transaction: type (422), file name (422, only ``.txt``), size (413), UTF-8 and non-blank
    text (422); then, in one unit of work, the per-user cap (409 ``sample_limit_reached``).
    Two uploads of one type racing each other: one of them is a 409 (the database allows one
    active sample per type), nothing of it kept.
    """

    def __init__(
        self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator, cpu: CpuWorkRunner
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids
        self._cpu = cpu

    async def __call__(
        self, principal: Principal, kind: str, filename: str, content: bytes
    ) -> Sample:
        """The stored sample, active, with its measured style."""
        doc_type = document_type(kind)
        name = checked_filename(filename)
        text = sample_text(content)
        # Up to 0.1 s for 1 MiB of pure Python: off the event loop, like scoring.
        style = await self._cpu.run(extract_style, text)
        now = self._clock.now()
        sample = Sample(
            id=self._ids.new_id(),
            user_id=principal.user_id,
            document_type=doc_type,
            original_filename=name,
            word_count=len(text.split()),
            character_count=len(text),
            writing_style=style,
            is_active=True,
            created_at=now,
            updated_at=now,
            full_text=text,
        )
        async with self._uow() as uow:
            if await uow.samples.count_for_user(principal.user_id) >= MAX_SAMPLES_PER_USER:
                raise Conflict(TOO_MANY, code="sample_limit_reached")
            await uow.samples.deactivate(principal.user_id, doc_type, now)
            await uow.samples.add(sample)
            await uow.commit()
        return sample
