"""In-memory storage ready for a test: users, profiles and jobs already there.

The in-memory adapters (``resumecore_server.adapters.memory``) behave as the SQL ones do (the
contract tests
run both); these helpers only fill them, so a test need not insert the owner by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from resumecore.ids import SessionId, UserId
from resumecore.model.job import Job
from resumecore.model.principal import Principal
from resumecore.model.profile import Profile
from resumecore.model.user import User
from resumecore_server.adapters.memory.uow import MemoryUnitOfWork, MemoryUnitOfWorkFactory

SEEDED_AT = datetime(2026, 1, 1, tzinfo=UTC)

__all__ = ["MemoryUnitOfWork", "MemoryUnitOfWorkFactory", "a_user", "memory_uow", "principal_of"]


def a_user(user_id: str = "user-1", *, email: str | None = None, full_name: str = "Ada") -> User:
    """An active account (its password hash is a placeholder no hasher accepts)."""
    return User(
        id=UserId(user_id),
        email=email or f"{user_id}@example.com",
        full_name=full_name,
        password_hash="!unusable",
        created_at=SEEDED_AT,
        updated_at=SEEDED_AT,
    )


def principal_of(user: User | str, session_id: str = "session-1") -> Principal:
    """The caller a use case expects, for ``user`` (or a user id)."""
    user_id = user.id if isinstance(user, User) else UserId(user)
    return Principal(user_id=user_id, session_id=SessionId(session_id))


def memory_uow(
    *,
    users: Iterable[User | str] = ("user-1",),
    profiles: Iterable[Profile] = (),
    jobs: Iterable[Job] = (),
) -> MemoryUnitOfWorkFactory:
    """A unit-of-work factory over fresh in-memory tables holding the given rows.

    A user given by id is made with ``a_user``; the owner of every profile and
    job is added too when not listed.

    Raises:
        ValueError: two primary profiles for one user, or two rows with one id.
    """
    factory = MemoryUnitOfWorkFactory()
    tables = factory.tables
    for user in users:
        _add_user(tables.users, user if isinstance(user, User) else a_user(user))
    rows: list[Profile | Job] = [*profiles, *jobs]
    for row in rows:
        if row.user_id not in tables.users:
            _add_user(tables.users, a_user(row.user_id))
        table = tables.profiles if isinstance(row, Profile) else tables.jobs
        if row.id in table:
            raise ValueError(f"Two rows with the id {row.id!r}.")
        table[row.id] = row
    primaries = [p.user_id for p in tables.profiles.values() if p.is_primary]
    if len(primaries) != len(set(primaries)):
        raise ValueError("A user has at most one primary profile.")
    return factory


def _add_user(users: dict[UserId, User], user: User) -> None:
    if user.id in users or any(u.email == user.email for u in users.values()):
        raise ValueError(f"Two users with the id {user.id!r} or e-mail {user.email!r}.")
    users[user.id] = user
