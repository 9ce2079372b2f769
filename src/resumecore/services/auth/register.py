"""Use case: create an account and log it in."""

from __future__ import annotations

from resumecore.errors import Conflict, InvalidValue
from resumecore.ids import UserId
from resumecore.model.email import parse_email
from resumecore.model.user import User
from resumecore.ports.security import PasswordHasher
from resumecore.ports.system import Clock, IdGenerator
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.auth.policy import AuthPolicy
from resumecore.services.auth.results import AuthResult
from resumecore.services.auth.session_starter import SessionStarter

MAX_FULL_NAME = 100


class RegisterUser:
    """Register a new user and open their first session.

    Raises:
        InvalidValue: bad e-mail, empty or long name, or a password the policy refuses.
        Conflict: the e-mail (case-insensitively) is already registered.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        hasher: PasswordHasher,
        sessions: SessionStarter,
        clock: Clock,
        ids: IdGenerator,
        policy: AuthPolicy,
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._sessions = sessions
        self._clock = clock
        self._ids = ids
        self._policy = policy

    async def __call__(self, *, email: str, password: str, full_name: str) -> AuthResult:
        """Validate, hash the password off the event loop, store the user, start a session."""
        address = parse_email(email)
        name = full_name.strip()
        if not 1 <= len(name) <= MAX_FULL_NAME:
            raise InvalidValue.for_field(
                "full_name", "invalid_length", f"Enter a name of 1 to {MAX_FULL_NAME} characters."
            )
        self._policy.passwords.check(password, email=address)
        async with self._uow() as uow:
            if await uow.users.get_by_email(address) is not None:
                raise Conflict("An account with this e-mail already exists.", code="email_taken")
        password_hash = await self._hasher.hash(password)
        try:
            return await self._store(address, name, password_hash)
        except Conflict:
            # Either the e-mail was registered meanwhile, or (about once in 2^53 / n) the new
            # id's public number is taken: a fresh id settles the second case.
            async with self._uow() as uow:
                if await uow.users.get_by_email(address) is not None:
                    raise
            return await self._store(address, name, password_hash)

    async def _store(self, address: str, name: str, password_hash: str) -> AuthResult:
        now = self._clock.now()
        user = User(
            id=UserId(self._ids.new_id()),
            email=address,
            full_name=name,
            password_hash=password_hash,
            created_at=now,
            updated_at=now,
        )
        async with self._uow() as uow:
            await uow.users.add(user)
            result = await self._sessions.start(uow, user)
            await uow.commit()
        return result
