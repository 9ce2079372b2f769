"""Seeding users, tokens and profiles through the project's own code (not over HTTP)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import httpx
import msgspec
from tests.support.profiles import experience, full_profile

from resumecore.ids import SessionId, UserId
from resumecore.model.principal import Principal
from resumecore.model.user import User
from resumecore.ports.security import PasswordHasher
from resumecore.ports.system import Clock, IdGenerator
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.auth.session_starter import SessionStarter
from resumecore.services.profiles.create import CreateProfile
from resumecore_server.adapters.sql.migrate import upgrade
from resumecore_server.entrypoints.bootstrap import build_application
from resumecore_server.entrypoints.settings import Settings

PASSWORD = "correct horse battery staple"
# Profiles of these many items (roles, their achievements, projects, ...) take one-item edits.
PROFILE_SIZES = (10, 100, 1000)


@dataclass
class Caller:
    """One seeded user: bearer header, primary profile, and spare profiles to grow."""

    headers: dict[str, str]
    profile_id: str
    experience: dict[str, object]
    spare_profiles: list[str] = field(default_factory=list)
    # A profile at the 200-experience cap: adding to it is refused (422).
    full_profile_id: str = ""
    # Items in the profile -> (its id, its first experience), for one-item edits by size.
    sized_profiles: dict[int, tuple[str, dict[str, object]]] = field(default_factory=dict)


async def seed_locally(
    settings: Settings, users: int, spares: int, sizes: tuple[int, ...] = ()
) -> list[Caller]:
    """Create ``users`` accounts (one bcrypt hash shared) with a full profile and spares.

    ``sizes``: each account also gets a profile of each of these many items.
    """
    await asyncio.to_thread(upgrade, settings.database_url)
    app = build_application(settings)
    try:
        uow, starter = app.resolve(UnitOfWorkFactory), app.resolve(SessionStarter)
        clock, ids = app.resolve(Clock), app.resolve(IdGenerator)
        create = app.resolve(CreateProfile)
        password_hash = await app.resolve(PasswordHasher).hash(PASSWORD)
        callers = []
        for i in range(users):
            now = clock.now()
            user = User(
                id=UserId(ids.new_id()),
                email=f"bench{i}@example.com",
                full_name=f"Bench {i}",
                password_hash=password_hash,
                created_at=now,
                updated_at=now,
            )
            async with uow() as unit:
                await unit.users.add(user)
                tokens = await starter.start(unit, user)
                await unit.commit()
            principal = Principal(user_id=user.id, session_id=SessionId(ids.new_id()))
            profile = await create(principal, full_profile(f"Bench {i}"))
            spare = [
                (await create(principal, full_profile(f"Spare {i}"))).id for _ in range(spares)
            ]
            full = await create(principal, at_the_cap(f"Full {i}"))
            sized = {}
            for items in sizes:
                grown = await create(principal, sized_profile(items, f"Sized {i}"))
                sized[items] = (grown.id, _as_dict(grown.experiences[0]))
            callers.append(
                Caller(
                    headers={"Authorization": f"Bearer {tokens.access_token}"},
                    profile_id=profile.id,
                    experience=_as_dict(profile.experiences[0]),
                    spare_profiles=spare,
                    full_profile_id=full.id,
                    sized_profiles=sized,
                )
            )
        return callers
    finally:
        await app.aclose()


async def seed_over_http(
    base_url: str, users: int, spares: int, sizes: tuple[int, ...] = ()
) -> list[Caller]:
    """For servers that are not ours: register, then create profiles through the API.

    A profile of one of ``sizes`` that the server refuses is left out: edits meant for it are
    then sent to a profile that does not exist and count as unexpected statuses.
    """
    callers = []
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
        for i in range(users):
            body = {
                "email": f"bench{i}@example.com",
                "password": PASSWORD,
                "full_name": f"Bench {i}",
            }
            response = await client.post("/api/v1/auth/register", json=body)
            if response.status_code != 201:
                response = await client.post("/api/v1/auth/login", json=body)
            headers = {"Authorization": f"Bearer {response.json()['access_token']}"}
            profile = (
                await client.post("/api/v1/profiles", json=full_profile(), headers=headers)
            ).json()
            spare = [
                (
                    await client.post("/api/v1/profiles", json=full_profile(), headers=headers)
                ).json()["id"]
                for _ in range(spares)
            ]
            full = (
                await client.post("/api/v1/profiles", json=at_the_cap(), headers=headers)
            ).json()
            sized = {}
            for items in sizes:
                body = sized_profile(items)
                response = await client.post("/api/v1/profiles", json=body, headers=headers)
                if response.status_code == 201:
                    grown = response.json()
                    sized[items] = (grown["id"], grown["experiences"][0])
            callers.append(
                Caller(headers, profile["id"], profile["experiences"][0], spare, full["id"], sized)
            )
    return callers


def at_the_cap(name: str = "Ada Lovelace") -> dict[str, object]:
    """A full profile holding the most experiences a profile may have (200)."""
    return {**full_profile(name), "experiences": [experience(i) for i in range(200)]}


def sized_profile(items: int, name: str = "Ada Lovelace") -> dict[str, object]:
    """A profile of ``items`` items, counted as a reader counts them.

    A role with its two achievements is three items; then projects, education and
    certifications up to their limits (1,000: 200 roles, 200 projects, 100 of each other).
    """
    roles = min(200, items // 5)
    left = items - 3 * roles
    projects = min(200, left)
    education = min(100, left - projects)
    certifications = left - projects - education
    base = full_profile(name)
    project, school = base["projects"][0], base["education"][0]
    return {
        "personal_info": base["personal_info"],
        "professional_summary": base["professional_summary"],
        "skills": {
            "certifications": [
                {"name": f"Certificate {i}", "issuer": "Amazon", "date_obtained": "2021-05"}
                for i in range(certifications)
            ]
        },
        "experiences": [experience(i) for i in range(roles)],
        "projects": [project | {"name": f"Project {i}"} for i in range(projects)],
        "education": [school | {"institution": f"University {i}"} for i in range(education)],
    }


def _as_dict(item: object) -> dict[str, object]:
    return dict(msgspec.to_builtins(item))
