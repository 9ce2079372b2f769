"""Contract fuzzing: schemathesis drives every route of the OpenAPI document over real HTTP.

Every generated request must get a response the document describes (status code, content
type, body schema) and never a 5xx. Requests that take a profile id get the id of a real
profile of the caller half of the time, so validation deep inside the routes is reached.
``FUZZ_EXAMPLES`` (default 15 per operation, ~1,500 requests, to keep `make test` in its time
budget; `FUZZ_EXAMPLES=200 make test` for a deeper run) bounds the run.

Two schemathesis checks are left out on purpose: ``positive_data_acceptance`` (ST202) expects
every schema-valid body to be accepted, but the API splits validation in two by contract —
shape in the schema (a 400) and the domain's rules (dates, lengths, URL schemes; a 422 with
field paths and bulk indices, documented on each operation). And
``allow_header_conformance`` (ST205) is left out because Litestar answers OPTIONS itself
(204) with an Allow header that lists only some of a path's methods (a framework quirk, noted
in docs/architecture.md); undocumented methods still get 405 with a correct Allow header.
"""

from __future__ import annotations

import asyncio
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import allow_header_conformance, positive_data_acceptance

from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.entrypoints.http.app import create_app
from tests.support.app import make_application
from tests.support.databases import wipe
from tests.support.profiles import full_profile
from tests.support.server import serving

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
_DOCUMENT_DIR = Path(tempfile.mkdtemp(prefix="resumecore-openapi-"))
# The document does not depend on data, so an app that never touches its database renders it.
DOCUMENT = create_app(
    make_application(_DOCUMENT_DIR, f"sqlite+aiosqlite:///{_DOCUMENT_DIR}/unused.db")
).openapi_schema.to_schema()
schema = schemathesis.openapi.from_dict(DOCUMENT)
# The API ignores query parameters it does not define (clients may send more), and every call
# here carries a valid bearer token: a "negative" case made of an unknown query parameter or a
# dropped Authorization header is not invalid, and failed negative_data_rejection at random.
schema.config.generation.update(allow_extra_parameters=False, with_security_parameters=False)
# A failed If-Match is answered before the body is read (RFC 9110 sec. 13.2.2): 412 refuses too.
_rejection = schema.config.checks.negative_data_rejection
_rejection.expected_statuses = [*_rejection.expected_statuses, "412"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, sqlite_url: str) -> Iterator[dict[str, str]]:
    """The real app on a loopback port, with one user and one full profile."""
    engine = make_engine(sqlite_url)
    asyncio.run(wipe(engine))
    asyncio.run(engine.dispose())
    application = make_application(
        tmp_path_factory.mktemp("fuzz"),
        sqlite_url,
        ip_requests_per_minute=1_000_000,
        log_level="WARNING",
    )
    with serving(create_app(application)) as base_url:
        with httpx.Client(base_url=base_url) as client:
            token = client.post(
                "/api/v1/auth/register",
                json={
                    "email": "fuzz@example.com",
                    "password": "correct horse battery",
                    "full_name": "Fuzz",
                },
            ).json()["access_token"]
            bearer = {"Authorization": f"Bearer {token}"}
            profile = client.post("/api/v1/profiles", json=full_profile(), headers=bearer).json()
        yield {"base_url": base_url, "token": token, "profile_id": profile["id"]}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_route_answers_as_documented_and_never_5xx(case: Any, server: dict[str, str]) -> None:
    if case.path_parameters and "profile_id" in case.path_parameters and len(repr(case.body)) % 2:
        case.path_parameters["profile_id"] = server["profile_id"]
    response = case.call_and_validate(
        base_url=server["base_url"],
        headers={"Authorization": f"Bearer {server['token']}"},
        excluded_checks=[allow_header_conformance, positive_data_acceptance],
    )
    assert response.status_code < 500


def test_the_document_closes_objects_that_refuse_unknown_fields() -> None:
    schemas = DOCUMENT["components"]["schemas"]
    assert schemas["LoginRequest"]["additionalProperties"] is False
    assert schemas["ProfileCreate"]["additionalProperties"] is False


# --- A malformed-input corpus against every operation (issue #10): never a 5xx -------------

JSON_TYPE = "application/json"
MALFORMED_BODIES: dict[str, tuple[bytes, str]] = {
    "deep arrays": (b"[" * 1000 + b"]" * 1000, JSON_TYPE),
    "deep objects": (b'{"a":' * 1000 + b"1" + b"}" * 1000, JSON_TYPE),
    "NUL escapes": (
        b'{"email":"a\\u0000@x.io","title":"\\u0000","full_name":"\\u0000"}',
        JSON_TYPE,
    ),
    "lone surrogates": (b'{"email":"\\ud800@x.io","title":"\\udfff","name":"\\ud800"}', JSON_TYPE),
    "huge float": (b'{"limit":1e400,"version":1e400,"position":-1e400}', JSON_TYPE),
    "huge integer": (
        b'{"version":1180591620717411303424,"index":-1180591620717411303424}',
        JSON_TYPE,
    ),
    "truncated": (b'{"email":"a@x.io","password":"abc', JSON_TYPE),
    "byte order mark": (b'\xef\xbb\xbf{"email":"a@x.io"}', JSON_TYPE),
    "invalid UTF-8": (b'{"email":"\xff\xfe@x.io"}', JSON_TYPE),
    "raw NUL byte": (b'{"email":"a\x00@x.io"}', JSON_TYPE),
    "UTF-8 encoded surrogate": (b'{"full_name":"\xed\xa0\x80"}', JSON_TYPE),
    "top-level scalar": (b"1e400", JSON_TYPE),
    "text/plain": (b'{"email":"a@x.io"}', "text/plain"),
    "no content type": (b'{"email":"a@x.io"}', ""),
    "multipart": (b"--x\r\n\r\n--x--\r\n", "multipart/form-data; boundary=x"),
}
MALFORMED_TEXT = ("%00", "%ED%A0%80", "%FF", "1e400", "1180591620717411303424", "-1", "")
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    methods = ("get", "post", "put", "patch", "delete")
    found = [
        (method.upper(), path, operation)
        for path, item in DOCUMENT["paths"].items()
        for method, operation in item.items()
        if method in methods
    ]
    # Logging out ends the session the authenticated pass uses: last.
    return sorted(found, key=lambda op: op[1].endswith("/logout"))


def _filled(path: str, value: str) -> str:
    return re.sub(r"\{[^}]+\}", value, path)


def test_a_malformed_input_corpus_never_gets_a_5xx(server: dict[str, str]) -> None:
    failures: list[str] = []
    with httpx.Client(base_url=server["base_url"], timeout=30) as client:
        token = client.post(
            "/api/v1/auth/register",
            json={
                "email": "corpus@example.com",
                "password": "correct horse battery",
                "full_name": "C",
            },
        ).json()["access_token"]
        for auth in ({}, {"Authorization": f"Bearer {token}"}):
            for method, path, operation in _operations():
                url = _filled(path, UNKNOWN_ID)
                for name, (body, content_type) in MALFORMED_BODIES.items():
                    headers = {**auth, "Content-Type": content_type} if content_type else auth
                    response = client.request(method, url, content=body, headers=headers)
                    if response.status_code >= 500:
                        failures.append(f"{method} {path} {name} -> {response.status_code}")
                queries = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
                for value in MALFORMED_TEXT:
                    query = "&".join(f"{name}={value}" for name in queries)
                    target = f"{_filled(path, value or 'x')}?{query}"
                    response = client.request(
                        method, target, headers={**auth, "Content-Type": JSON_TYPE}
                    )
                    if response.status_code >= 500:
                        failures.append(f"{method} {target} -> {response.status_code}")
    assert not failures, "\n".join(failures[:40])
