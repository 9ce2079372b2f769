"""Use cases: list, read and delete the caller's writing samples."""

from __future__ import annotations

from resumecore.errors import NotFound
from resumecore.model.principal import Principal
from resumecore.ports.uow import UnitOfWork, UnitOfWorkFactory
from resumecore.samples.model import Sample, SampleInfo
from resumecore.services.profiles.access import plausible_id

SAMPLE_NOT_FOUND = "Sample not found."


async def load_owned_sample(uow: UnitOfWork, principal: Principal, sample_id: str) -> Sample:
    """The caller's sample; another user's is reported exactly like a missing one."""
    found = await uow.samples.get(sample_id) if plausible_id(sample_id) else None
    if found is None or found.user_id != principal.user_id:
        raise NotFound(SAMPLE_NOT_FOUND)
    return found


class ListSamples:
    """Every sample of the caller, newest first, without the texts."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, principal: Principal) -> list[SampleInfo]:
        """At most ``MAX_SAMPLES_PER_USER`` samples, so no paging."""
        async with self._uow() as uow:
            return await uow.samples.list_for_user(principal.user_id)


class GetSample:
    """One of the caller's samples with its full text."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, principal: Principal, sample_id: str) -> Sample:
        """404 unless it is the caller's."""
        async with self._uow() as uow:
            return await load_owned_sample(uow, principal, sample_id)


class DeleteSample:
    """Delete one of the caller's samples.

    Deleting the active sample leaves that document type without an active sample: writers
    then follow no sample until the next upload (an older sample is not revived silently).
    """

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, principal: Principal, sample_id: str) -> None:
        """404 unless it is the caller's."""
        async with self._uow() as uow:
            sample = await load_owned_sample(uow, principal, sample_id)
            await uow.samples.delete(sample.id)
            await uow.commit()
