"""Use cases: read, list, wait for, cancel and delete the caller's generations."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import msgspec

from resumecore.errors import Conflict, NotFound
from resumecore.model.generation import Generation
from resumecore.model.page import Page
from resumecore.model.principal import Principal
from resumecore.ports.generations import GenerationFilters
from resumecore.ports.notifier import ChangeNotifier
from resumecore.ports.system import Clock
from resumecore.ports.uow import UnitOfWork, UnitOfWorkFactory
from resumecore.services.profiles.access import plausible_id
from resumecore.services.retry import retrying

GENERATION_NOT_FOUND = "Generation not found."
# Waiters re-read at least this often, so a worker in another process (no wake-up) is seen.
POLL_SECONDS = 0.25


def finished_key(generation_id: str) -> str:
    """What waiters for the end (not every stage) of a generation wait on."""
    return f"{generation_id}:finished"


def announce(notifier: ChangeNotifier, generation: Generation) -> None:
    """Wake watchers of ``generation``, and waiters for its end when it has finished."""
    notifier.notify(generation.id)
    if generation.finished:
        notifier.notify(finished_key(generation.id))


async def load_owned_generation(
    uow: UnitOfWork, principal: Principal, generation_id: str
) -> Generation:
    """The caller's generation; another user's is reported exactly like a missing one."""
    found = await uow.generations.get(generation_id) if plausible_id(generation_id) else None
    if found is None or found.user_id != principal.user_id:
        raise NotFound(GENERATION_NOT_FOUND)
    return found


class GetGeneration:
    """One of the caller's generations; with ``wait``, once finished or when time runs out."""

    def __init__(self, uow: UnitOfWorkFactory, notifier: ChangeNotifier) -> None:
        self._uow = uow
        self._notifier = notifier

    async def __call__(
        self, principal: Principal, generation_id: str, *, wait: float = 0.0
    ) -> Generation:
        """The generation now, or as soon as it finishes within ``wait`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while True:
            async with self._uow() as uow:
                generation = await load_owned_generation(uow, principal, generation_id)
            left = deadline - loop.time()
            if generation.finished or left <= 0:
                return generation
            await self._notifier.wait(finished_key(generation.id), min(left, POLL_SECONDS))


class WatchGeneration:
    """The caller's generation each time it changes, until it finishes (for progress streams)."""

    def __init__(self, uow: UnitOfWorkFactory, notifier: ChangeNotifier) -> None:
        self._uow = uow
        self._notifier = notifier

    async def __call__(
        self, principal: Principal, generation_id: str
    ) -> AsyncIterator[Generation | None]:
        """Snapshots, the last one finished; ``None`` once it has been deleted."""
        seen = -1
        while True:
            async with self._uow() as uow:
                try:
                    generation = await load_owned_generation(uow, principal, generation_id)
                except NotFound:
                    yield None
                    return
            if generation.version != seen:
                seen = generation.version
                yield generation
            if generation.finished:
                return
            await self._notifier.wait(generation.id, POLL_SECONDS)


class ListGenerations:
    """A page of the caller's generations, newest first."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(
        self, principal: Principal, filters: GenerationFilters, *, limit: int, offset: int
    ) -> Page[Generation]:
        """The page with the real total."""
        async with self._uow() as uow:
            return await uow.generations.list_for_user(
                principal.user_id, filters, limit=limit, offset=offset
            )


class CancelGeneration:
    """Stop a pending or running generation. ``Conflict`` when it has already finished."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, notifier: ChangeNotifier) -> None:
        self._uow = uow
        self._clock = clock
        self._notifier = notifier

    async def __call__(self, principal: Principal, generation_id: str) -> Generation:
        """The cancelled generation (a worker running it stops at its next stage)."""
        cancelled = await retrying(
            lambda: self._attempt(principal, generation_id), None, key=f"gen:{generation_id}"
        )
        announce(self._notifier, cancelled)
        return cancelled

    async def _attempt(self, principal: Principal, generation_id: str) -> Generation:
        async with self._uow() as uow:
            generation = await load_owned_generation(uow, principal, generation_id)
            if generation.finished:
                raise Conflict(
                    f"The generation is already {generation.status}.", code="already_finished"
                )
            cancelled = msgspec.structs.replace(
                generation.moved("cancelled", self._clock.now(), error="Cancelled by the user."),
                version=generation.version + 1,
            )
            await uow.generations.save(cancelled, expected_version=generation.version)
            await uow.commit()
        return cancelled


class DeleteGeneration:
    """Delete one of the caller's generations, finished or not (a running one stops)."""

    def __init__(self, uow: UnitOfWorkFactory, notifier: ChangeNotifier) -> None:
        self._uow = uow
        self._notifier = notifier

    async def __call__(self, principal: Principal, generation_id: str) -> None:
        """Gone; its job and profile may already be gone too."""
        async with self._uow() as uow:
            generation = await load_owned_generation(uow, principal, generation_id)
            await uow.generations.delete(generation.id)
            await uow.commit()
        self._notifier.notify(generation.id)
        self._notifier.notify(finished_key(generation.id))
