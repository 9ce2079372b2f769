"""The JobWise app's auth and profile calls (mobile-client.md §4, A1-A7 and P1-P17), replayed
as the app sends them, every response read with the app's casts (``app_casts_profiles``).

Runs on SQLite and PostgreSQL. Also the round-trip property: whatever profile the app can
build, POST then GET then PUT what it read (as the app re-serialises it) changes nothing but
``version`` and ``updated_at``.
"""

from __future__ import annotations

import asyncio
import string
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.testing import AsyncTestClient, TestClient

from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.entrypoints.http.app import create_app
from tests.support.app import make_application
from tests.support.app_casts_profiles import (
    ANALYTICS,
    CERTIFICATION,
    EDUCATION,
    EXPERIENCE,
    PROJECT,
    SKILLS,
    assert_auth_response,
    assert_fields,
    assert_items,
    assert_profile,
    assert_user,
)
from tests.support.app_profile_json import as_app_resends, as_edit_screen_resends
from tests.support.clock import FakeClock
from tests.support.databases import wipe

AUTH = "/api/v1/auth"
PROFILES = "/api/v1/profiles"
APP_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}
PASSWORD = "Correct horse 42"
CHANGING = ("version", "updated_at")


def new_profile_body() -> dict[str, Any]:
    """What ``profile_edit_screen._saveProfile`` POSTs for a user without a profile (P2)."""
    now = "2026-06-01T12:00:00.123"
    return {
        "id": "",
        "user_id": 0,
        "personal_info": {
            "full_name": "Grace Hopper",
            "email": "grace@example.com",
            "phone": None,
            "location": "Arlington, VA",
            "linkedin": None,
            "github": "https://github.com/grace",
            "website": None,
        },
        "professional_summary": "Compiler pioneer who ships.",
        "enhanced_professional_summary": None,
        "experiences": [
            {
                "id": "",
                "title": "Rear Admiral",
                "company": "US Navy",
                "location": None,
                "start_date": "1943-12-01",
                "end_date": "1986-08-14",
                "is_current": False,
                "description": "Led the COBOL standardisation effort.",
                "enhanced_description": None,
                "achievements": ["Wrote the first compiler, A-0"],
                "technologies": [],
                "employment_type": None,
                "industry": None,
            }
        ],
        "education": [
            {
                "id": "",
                "institution": "Yale University",
                "degree": "PhD",
                "field_of_study": "Mathematics",
                "start_date": "1930-09-01",
                "end_date": "1934-06-01",
                "is_current": False,
                "gpa": 4.0,
                "honors": [],
                "description": None,
            }
        ],
        "skills": {
            "technical": ["COBOL", "FLOW-MATIC"],
            "soft": ["Teaching"],
            "languages": [],
            "certifications": [],
        },
        "projects": [
            {
                "id": "",
                "name": "A-0 System",
                "description": "The first compiler.",
                "enhanced_description": None,
                "technologies": ["UNIVAC I"],
                "url": None,
                "github_url": None,
                "start_date": None,
                "end_date": None,
                "is_ongoing": False,
                "highlights": [],
            }
        ],
        "custom_fields": {},
        "created_at": now,
        "updated_at": now,
    }


async def register(client: AsyncTestClient) -> dict[str, str]:  # type: ignore[type-arg]
    response = await client.post(
        f"{AUTH}/register",
        json={"email": "grace@example.com", "password": PASSWORD, "full_name": "Grace Hopper"},
        headers=APP_HEADERS,
    )
    assert response.status_code == 201, response.text
    assert_auth_response(response.json())
    return {**APP_HEADERS, "Authorization": f"Bearer {response.json()['access_token']}"}


async def test_the_apps_auth_calls_parse_with_the_apps_casts(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    headers = await register(client)  # A1
    login = await client.post(
        f"{AUTH}/login",
        json={"email": "grace@example.com", "password": PASSWORD},
        headers=APP_HEADERS,
    )  # A2
    assert login.status_code == 200, login.text
    assert_auth_response(login.json())
    refreshed = await client.post(
        f"{AUTH}/refresh",
        json={"refresh_token": login.json()["refresh_token"]},
        headers=APP_HEADERS,
    )  # A3: no Authorization header
    assert refreshed.status_code == 200, refreshed.text
    assert isinstance(refreshed.json()["access_token"], str)
    assert isinstance(refreshed.json()["refresh_token"], str)
    me = await client.get(f"{AUTH}/me", headers=headers)  # A4
    assert me.status_code == 200, me.text
    assert_user(me.json())
    taken = await client.get(f"{AUTH}/check-email?email=grace@example.com", headers=APP_HEADERS)
    assert taken.json()["available"] is False  # A7
    changed = await client.post(
        f"{AUTH}/change-password",
        json={"current_password": PASSWORD, "new_password": "Another horse 43"},
        headers=headers,
    )  # A6
    assert changed.status_code == 200, changed.text
    out = await client.post(f"{AUTH}/logout", headers=headers)  # A5: no body, JSON type
    assert out.status_code == 200, out.text


async def test_the_apps_profile_calls_parse_with_the_apps_casts(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    headers = await register(client)
    missing = await client.get(f"{PROFILES}/me", headers=headers)  # P1 without a profile
    assert missing.status_code == 404
    assert missing.json()["detail"] == "No profile found"

    created = await client.post(PROFILES, json=new_profile_body(), headers=headers)  # P2
    assert created.status_code == 201, created.text
    assert_profile(created.json())
    profile = (await client.get(f"{PROFILES}/me", headers=headers)).json()  # P1
    assert_profile(profile)
    assert profile == created.json()
    one = f"{PROFILES}/{profile['id']}"
    assert_profile((await client.get(one, headers=headers)).json())  # P3

    # P4a: the edit screen's save (enhanced summary null, languages []).
    edit = as_edit_screen_resends(profile)
    edit["experiences"].append({**edit["experiences"][0], "id": "", "title": "Consultant"})
    saved = await client.put(one, json=edit, headers=headers)
    assert saved.status_code == 200, saved.text
    assert_profile(saved.json())
    assert [e["title"] for e in saved.json()["experiences"]] == ["Rear Admiral", "Consultant"]
    assert saved.json()["experiences"][0]["id"] == profile["experiences"][0]["id"]
    # P4b: the profile view's save; a new experience from its dialog has no id at all.
    view = as_app_resends(saved.json())
    view["experiences"] = [
        {k: v for k, v in view["experiences"][1].items() if k != "id"} | {"title": "Author"}
    ]
    saved = await client.put(one, json=view, headers=headers)
    assert saved.status_code == 200, saved.text
    assert_profile(saved.json())
    assert [e["title"] for e in saved.json()["experiences"]] == ["Author"]

    analytics = await client.get(f"{one}/analytics", headers=headers)  # P6
    assert_fields(analytics.json(), ANALYTICS, "analytics")
    assert analytics.json()["profile_id"] == profile["id"]

    for plural, checks, sample in (  # P7, P9-P12: bare arrays in, bare arrays out
        ("experiences", EXPERIENCE, view["experiences"][0]),
        ("education", EDUCATION, as_app_resends(profile)["education"][0]),
        ("projects", PROJECT, as_app_resends(profile)["projects"][0]),
        ("certifications", CERTIFICATION, {"name": "Navy E", "issuer": "US Navy",
                                           "date_obtained": "1945-01-01", "expiry_date": None,
                                           "credential_id": None}),
    ):  # fmt: skip
        added = await client.post(f"{one}/{plural}", json=[{**sample, "id": ""}], headers=headers)
        assert added.status_code == 201, (plural, added.text)
        assert_items(added.json(), checks)
        updated = await client.put(f"{one}/{plural}", json=added.json(), headers=headers)
        assert updated.status_code == 200, (plural, updated.text)
        assert_items(updated.json(), checks)
        listed = await client.get(f"{one}/{plural}", headers=headers)
        assert_items(listed.json()[plural], checks)

    skills = await client.get(f"{one}/skills", headers=headers)  # P13
    assert_fields(skills.json(), SKILLS, "skills")
    put_skills = await client.put(f"{one}/skills", json=skills.json(), headers=headers)  # P14
    assert_fields(put_skills.json(), SKILLS, "skills")
    for method in ("POST", "DELETE"):  # P15
        response = await client.request(
            method, f"{one}/skills/technical", json={"skills": ["Assembly"]}, headers=headers
        )
        assert response.status_code == 200, response.text
    fields = await client.put(f"{one}/custom-fields", json={"pronouns": "she/her"}, headers=headers)
    assert fields.status_code == 200, fields.text  # P17
    assert (await client.get(f"{one}/custom-fields", headers=headers)).json() == {
        "pronouns": "she/her"
    }  # P16
    assert_profile((await client.get(one, headers=headers)).json())


# --- the round-trip property --------------------------------------------------------------

texts = (
    st.text(string.ascii_letters + string.digits + " .,-", min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)
maybe = st.none() | texts
years = st.integers(1970, 2025)


@st.composite
def dates(draw: st.DrawFn) -> tuple[str, str | None]:
    start = draw(years)
    end = draw(st.none() | st.integers(start, 2026))
    month = draw(st.integers(1, 12))
    return f"{start}-{month:02d}-01", None if end is None else f"{end}-12-01"


@st.composite
def app_experience(draw: st.DrawFn) -> dict[str, Any]:
    start, end = draw(dates())
    return {
        "id": draw(st.sampled_from(["", None])),
        "title": draw(texts),
        "company": draw(texts),
        "location": draw(maybe),
        "start_date": start,
        "end_date": end,
        "is_current": end is None and draw(st.booleans()),
        "description": draw(maybe),
        "enhanced_description": None,
        "achievements": draw(st.lists(texts, max_size=3)),
        "technologies": draw(st.lists(texts, max_size=3)),
        "employment_type": None,
        "industry": draw(maybe),
    }


@st.composite
def app_education(draw: st.DrawFn) -> dict[str, Any]:
    start, end = draw(dates())
    return {
        "id": "",
        "institution": draw(texts),
        "degree": draw(texts),
        "field_of_study": draw(texts),
        "start_date": start,
        "end_date": end,
        "is_current": False,
        "gpa": draw(st.none() | st.sampled_from([2.5, 3.0, 3.75, 4.0])),
        "honors": draw(st.lists(texts, max_size=2)),
        "description": None,
    }


@st.composite
def app_project(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "id": "",
        "name": draw(texts),
        "description": draw(texts),
        "enhanced_description": None,
        "technologies": draw(st.lists(texts, max_size=3)),
        "url": draw(st.none() | st.just("https://example.com/p")),
        "github_url": draw(st.none() | st.just("https://github.com/x/y")),
        "start_date": None,
        "end_date": None,
        "is_ongoing": draw(st.booleans()),
        "highlights": [],
    }


@st.composite
def app_profiles(draw: st.DrawFn) -> dict[str, Any]:
    body = new_profile_body()
    body["personal_info"] |= {"full_name": draw(texts), "phone": draw(maybe)}
    body["professional_summary"] = draw(maybe)
    body["experiences"] = draw(st.lists(app_experience(), max_size=3))
    body["education"] = draw(st.lists(app_education(), max_size=2))
    body["projects"] = draw(st.lists(app_project(), max_size=2))
    body["skills"]["technical"] = draw(
        st.lists(st.sampled_from(["Python", "SQL", "Go", "Excel", "CAD"]), unique=True)
    )
    for item in body["experiences"]:
        if item["id"] is None:  # the profile view's dialog leaves the key out
            del item["id"]
    return body


def _without(profile: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in profile.items() if k not in keys}


async def _wipe(url: str) -> None:
    engine = make_engine(url)
    try:
        await wipe(engine)
    finally:
        await engine.dispose()


def test_what_the_app_reads_it_can_write_back_unchanged(tmp_path: Path, database_url: str) -> None:
    asyncio.run(_wipe(database_url))
    application = make_application(tmp_path, database_url, clock=FakeClock())
    with TestClient(app=create_app(application)) as client:
        token = client.post(
            f"{AUTH}/register",
            json={"email": "prop@example.com", "password": PASSWORD, "full_name": "Prop"},
        ).json()["access_token"]
        headers = {**APP_HEADERS, "Authorization": f"Bearer {token}"}

        @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(body=app_profiles())
        def round_trip(body: dict[str, Any]) -> None:
            created = client.post(PROFILES, json=body, headers=headers)
            assert created.status_code == 201, created.text
            read = client.get(f"{PROFILES}/{created.json()['id']}", headers=headers).json()
            assert_profile(read)
            written = client.put(
                f"{PROFILES}/{read['id']}", json=as_app_resends(read), headers=headers
            )
            assert written.status_code == 200, written.text
            assert written.json()["version"] == read["version"] + 1
            assert _without(written.json(), CHANGING) == _without(read, CHANGING)

        round_trip()
