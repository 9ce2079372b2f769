"""Users in SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select, update

from resumecore.errors import Conflict
from resumecore.ids import UserId
from resumecore.model.user import User
from resumecore.ports.repositories import UserRepository
from resumecore_server.adapters.sql.runner import SqlRunner
from resumecore_server.adapters.sql.tables import users


def _to_user(row: Any) -> User:
    return User(
        id=UserId(row.id),
        email=row.email,
        full_name=row.full_name,
        password_hash=row.password_hash,
        is_active=row.is_active,
        is_verified=row.is_verified,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


class SqlUserRepository(UserRepository):
    """Users table; the unique index on ``email`` decides duplicates under races."""

    def __init__(self, runner: SqlRunner) -> None:
        self._db = runner

    async def add(self, user: User) -> None:
        """Insert; ``Conflict`` when the e-mail is taken."""
        try:
            await self._db.execute(
                insert(users).values(
                    id=user.id,
                    number=user.number,
                    email=user.email,
                    full_name=user.full_name,
                    password_hash=user.password_hash,
                    is_active=user.is_active,
                    is_verified=user.is_verified,
                    created_at=user.created_at,
                    updated_at=user.updated_at,
                )
            )
        except Conflict as exc:
            raise Conflict(
                "An account with this e-mail already exists.", code="email_taken"
            ) from exc

    async def get(self, user_id: UserId) -> User | None:
        """By id."""
        row = (await self._db.execute(select(users).where(users.c.id == user_id))).first()
        return _to_user(row) if row else None

    async def get_by_email(self, email: str) -> User | None:
        """By normalised e-mail."""
        row = (await self._db.execute(select(users).where(users.c.email == email))).first()
        return _to_user(row) if row else None

    async def update(self, user: User) -> None:
        """Overwrite the mutable fields."""
        await self._db.execute(
            update(users)
            .where(users.c.id == user.id)
            .values(
                full_name=user.full_name,
                password_hash=user.password_hash,
                is_active=user.is_active,
                is_verified=user.is_verified,
                updated_at=user.updated_at,
            )
        )

    async def count(self) -> int:
        """Number of users."""
        return int((await self._db.execute(select(func.count()).select_from(users))).scalar_one())
