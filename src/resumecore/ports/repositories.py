"""Repository ports. They take and return domain objects only, never rows or sessions."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Protocol

import msgspec

from resumecore.ids import ProfileId, SessionId, UserId
from resumecore.model.auth import AuthSession, PasswordResetToken, RefreshToken
from resumecore.model.idempotency import IdempotencyRecord
from resumecore.model.job import Job
from resumecore.model.job_filters import JobFilters
from resumecore.model.profile import Profile
from resumecore.model.profile_slice import ItemChanges, ProfileSlice
from resumecore.model.ranking import Ranking
from resumecore.model.user import User


class UserRepository(Protocol):
    """Accounts. E-mails are stored normalised and unique."""

    async def add(self, user: User) -> None:
        """Insert a new user. Raises ``Conflict`` if the e-mail is taken."""
        ...

    async def get(self, user_id: UserId) -> User | None:
        """The user with this id, or None."""
        ...

    async def get_by_email(self, email: str) -> User | None:
        """The user with this normalised e-mail, or None."""
        ...

    async def update(self, user: User) -> None:
        """Overwrite the mutable fields of an existing user."""
        ...

    async def count(self) -> int:
        """How many users exist."""
        ...


class VersionRead(msgspec.Struct, frozen=True):
    """One round trip of an authenticated read: is the session live, and the profile asked for.

    ``profile`` is (id, owner, version), None when there is no such profile (or no primary one).
    """

    live: bool
    profile: tuple[ProfileId, UserId, int] | None = None


class SessionVersionReads(Protocol):
    """A bearer's session checked with one profile's current version, in one round trip.

    Every ``SessionRepository`` answers these inside its unit of work. Every repeat profile
    read asks only this, so a storage may also answer it standalone, outside any unit of work,
    as cheaply as it can (and exactly as its repository would in a unit of work of its own).
    """

    async def is_live(self, session_id: SessionId, user_id: UserId, now: datetime) -> bool:
        """True when the session is live, belongs to ``user_id`` and its user is active.

        Checked on every authenticated request, so implementations answer in one round trip.
        """
        ...

    async def live_with_primary_version(
        self, session_id: SessionId, user_id: UserId, now: datetime
    ) -> VersionRead:
        """``is_live`` and the id and version of the user's primary profile, in one round trip."""
        ...

    async def live_with_profile_version(
        self, session_id: SessionId, user_id: UserId, now: datetime, profile_id: ProfileId
    ) -> VersionRead:
        """``is_live`` and the owner and version of one profile (any owner), in one round trip."""
        ...


class SessionRepository(SessionVersionReads, Protocol):
    """Login sessions and the rotated refresh tokens of each session (its family)."""

    async def add(self, session: AuthSession) -> None:
        """Insert a new session."""
        ...

    async def get(self, session_id: SessionId) -> AuthSession | None:
        """The session with this id, or None."""
        ...

    async def revoke(self, session_id: SessionId, at: datetime) -> None:
        """Mark one session revoked (no-op if it already is)."""
        ...

    async def revoke_all_for_user(
        self, user_id: UserId, at: datetime, *, keep: SessionId | None = None
    ) -> int:
        """Revoke every live session of a user except ``keep``; return how many."""
        ...

    async def add_refresh_token(self, token: RefreshToken) -> None:
        """Store a newly issued refresh token (by digest)."""
        ...

    async def get_refresh_token(self, token_hash: str) -> RefreshToken | None:
        """The refresh token with this digest, or None."""
        ...

    async def spend_refresh_token(self, token_hash: str, at: datetime) -> bool:
        """Atomically mark an unused token used; False if it was already spent.

        Exactly one of any number of concurrent callers gets True.
        """
        ...


class ResetTokenRepository(Protocol):
    """Single-use password-reset tokens, stored by digest."""

    async def add(self, token: PasswordResetToken) -> None:
        """Store a new reset token."""
        ...

    async def get(self, token_hash: str) -> PasswordResetToken | None:
        """The token with this digest, or None."""
        ...

    async def spend(self, token_hash: str, at: datetime) -> bool:
        """Atomically mark an unused token used; False if it was already spent."""
        ...

    async def spend_all_for_user(self, user_id: UserId, at: datetime) -> None:
        """Mark every unused token of a user used (a newer request or a reset supersedes them)."""
        ...


class ProfileRepository(Protocol):
    """Profiles with all their components; saves are optimistic on ``version``."""

    async def add(self, profile: Profile) -> None:
        """Insert a new profile and its components."""
        ...

    async def get(self, profile_id: ProfileId) -> Profile | None:
        """The profile with this id (any owner), or None."""
        ...

    async def owner_and_version(self, profile_id: ProfileId) -> tuple[UserId, int] | None:
        """Who owns the profile and its version, without loading it (for If-None-Match)."""
        ...

    async def primary_version(self, user_id: UserId) -> tuple[ProfileId, int] | None:
        """The id and version of the user's primary profile, without loading it."""
        ...

    async def get_primary(self, user_id: UserId) -> Profile | None:
        """The user's primary profile, or None."""
        ...

    async def list_for_user(self, user_id: UserId, *, limit: int, offset: int) -> list[Profile]:
        """A page of the user's profiles, oldest first."""
        ...

    async def count_for_user(self, user_id: UserId) -> int:
        """How many profiles the user owns."""
        ...

    async def save(self, profile: Profile, *, expected_version: int) -> None:
        """Overwrite the stored profile if its version is still ``expected_version``.

        Raises:
            VersionConflict: somebody else saved in between (nothing is written).
        """
        ...

    async def get_slice(
        self, profile_id: ProfileId, *, kinds: Collection[str], ids: Collection[str]
    ) -> ProfileSlice | None:
        """Owner, version, item count of each of ``kinds``, and the items whose id is in ``ids``.

        The items may be of any kind; each kind comes in the profile's order. None when there
        is no such profile. No other item is read, so the cost does not grow with the profile.
        """
        ...

    async def save_items(self, changes: ItemChanges, *, expected_version: int) -> None:
        """Write an edit of items by id if the stored version is still ``expected_version``.

        The profile takes ``changes.version`` and ``updated_at``, removed items go, updated
        ones are replaced where they stand, added ones go after the last item of their kind.
        What is stored is exactly what ``save`` of the whole edited profile would store.

        Raises:
            VersionConflict: somebody else saved in between (nothing is written).
        """
        ...

    async def delete(self, profile_id: ProfileId) -> None:
        """Delete the profile and every component row."""
        ...

    async def set_primary(self, profile_id: ProfileId) -> None:
        """Mark this profile primary and every other of its owner not primary.

        A profile whose flag changes gets a new version (answers are cached by version).
        """
        ...


class IdempotencyRepository(Protocol):
    """Stored first results of requests sent with an ``Idempotency-Key``."""

    async def get(self, user_id: UserId, key: str) -> IdempotencyRecord | None:
        """The record for this user and key, or None."""
        ...

    async def add(self, record: IdempotencyRecord) -> None:
        """Store a record. Raises ``Conflict`` if the key is taken (a concurrent twin)."""
        ...

    async def purge(self, created_before: datetime) -> None:
        """Forget records older than the retention window."""
        ...


class JobRepository(Protocol):
    """A user's jobs; saves are optimistic on ``version``."""

    async def add(self, job: Job) -> None:
        """Insert. Raises ``Conflict`` if the user already saved this catalog posting."""
        ...

    async def get(self, job_id: str) -> Job | None:
        """By id (any owner), or None."""
        ...

    async def get_by_catalog_id(self, user_id: UserId, catalog_id: str) -> Job | None:
        """The user's copy of a catalog posting, or None."""
        ...

    async def list_for_user(
        self, user_id: UserId, filters: JobFilters, *, limit: int, offset: int
    ) -> tuple[list[Job], int]:
        """A page of matching jobs, newest first, and the total count of matches."""
        ...

    async def save(self, job: Job, *, expected_version: int) -> None:
        """Overwrite if still at ``expected_version``; else ``VersionConflict``."""
        ...

    async def delete(self, job_id: str) -> None:
        """Delete the job."""
        ...


class CatalogRepository(Protocol):
    """The shared catalog of postings (stable ids, no owner)."""

    async def add_missing(self, postings: list[Job]) -> int:
        """Insert the postings whose ids are not stored yet; return how many.

        An id given twice in ``postings`` is inserted once, from its first posting.
        """
        ...

    async def get(self, posting_id: str) -> Job | None:
        """By id, or None."""
        ...

    async def search(
        self,
        q: str | None,
        *,
        limit: int,
        offset: int,
        location: str | None = None,
        remote_only: bool = False,
    ) -> tuple[list[Job], int]:
        """A page of postings matching ``q`` (oldest first) and the total.

        ``location`` matches a substring of the posting's location in any case; ``remote_only``
        keeps fully remote postings.
        """
        ...


class RankingRepository(Protocol):
    """Stored rankings of a user's profile against a user's job."""

    async def add(self, ranking: Ranking) -> None:
        """Store ``ranking`` as the newest for its user and job, deleting older ones.

        Only the newest is ever read, so keeping the rest would only let storage grow.
        """
        ...

    async def latest_for_job(self, user_id: UserId, job_id: str) -> Ranking | None:
        """The user's newest ranking for this job, or None."""
        ...
