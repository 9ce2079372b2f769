"""Password-reset tokens in SQL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, update

from resumecore.ids import UserId
from resumecore.model.auth import PasswordResetToken
from resumecore.ports.repositories import ResetTokenRepository
from resumecore_server.adapters.sql.runner import SqlRunner
from resumecore_server.adapters.sql.tables import password_reset_tokens as tokens


class SqlResetTokenRepository(ResetTokenRepository):
    """``password_reset_tokens`` table."""

    def __init__(self, runner: SqlRunner) -> None:
        self._db = runner

    async def add(self, token: PasswordResetToken) -> None:
        """Store a reset token."""
        await self._db.execute(
            insert(tokens).values(
                token_hash=token.token_hash,
                user_id=token.user_id,
                created_at=token.created_at,
                expires_at=token.expires_at,
                used_at=token.used_at,
            )
        )

    async def get(self, token_hash: str) -> PasswordResetToken | None:
        """By digest."""
        row = (
            await self._db.execute(select(tokens).where(tokens.c.token_hash == token_hash))
        ).first()
        if row is None:
            return None
        return PasswordResetToken(
            token_hash=row.token_hash,
            user_id=UserId(row.user_id),
            created_at=row.created_at,
            expires_at=row.expires_at,
            used_at=row.used_at,
        )

    async def spend(self, token_hash: str, at: datetime) -> bool:
        """One conditional UPDATE; True for exactly one caller."""
        result = await self._db.execute(
            update(tokens)
            .where(tokens.c.token_hash == token_hash, tokens.c.used_at.is_(None))
            .values(used_at=at)
        )
        return result.rowcount == 1

    async def spend_all_for_user(self, user_id: UserId, at: datetime) -> None:
        """Mark every unused token of the user used."""
        await self._db.execute(
            update(tokens)
            .where(tokens.c.user_id == user_id, tokens.c.used_at.is_(None))
            .values(used_at=at)
        )
