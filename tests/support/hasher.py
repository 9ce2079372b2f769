"""A real bcrypt hasher (cost 4) that counts its calls, for enumeration-timing tests."""

from __future__ import annotations

from resumecore_server.adapters.security.bcrypt_hasher import BcryptPasswordHasher


class CountingHasher(BcryptPasswordHasher):
    def __init__(self, rounds: int = 4) -> None:
        super().__init__(b"test-pepper-0123456789abcdef0123", rounds=rounds)
        self.verify_calls = 0
        self.hash_calls = 0

    async def hash(self, password: str) -> str:
        self.hash_calls += 1
        return await super().hash(password)

    async def verify(self, password: str, password_hash: str | None) -> bool:
        self.verify_calls += 1
        return await super().verify(password, password_hash)
