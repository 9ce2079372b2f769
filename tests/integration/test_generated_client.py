"""A client generated from the OpenAPI document talks to a real server with typed models.

``make install`` puts ``openapi-python-client`` in its own venv (``.venv/tools``). The test
generates a package from the app's document, then a driver run by that venv's Python (which has
the package's httpx and attrs) registers, logs in, creates a profile from model instances, reads
it back as a ``ProfileView`` and gets 304 for its ETag. A change to the document that breaks
generation or the round trip fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from resumecore_server.entrypoints.http.app import create_app
from tests.support.app import make_application
from tests.support.server_processes import ServerProcess, server_environment

TOOLS = Path(__file__).resolve().parents[2] / ".venv" / "tools" / "bin"
GENERATOR = TOOLS / "openapi-python-client"
PACKAGE = "resumecore_client"

DRIVER = """
import json, sys
from resumecore_client import AuthenticatedClient, Client
from resumecore_client.api.auth import login, register
from resumecore_client.api.profiles import create_profile, get_profile
from resumecore_client.models import (
    LoginRequest, PersonalInfo, ProfileCreate, ProfileView, RegisterRequest, TokenResponse,
)

base_url, email, password = sys.argv[1], "ada@example.com", "correct horse battery"
anonymous = Client(base_url=base_url, raise_on_unexpected_status=True)
registered = register.sync(
    client=anonymous, body=RegisterRequest(email=email, password=password, full_name="Ada")
)
assert isinstance(registered, TokenResponse), registered
tokens = login.sync(client=anonymous, body=LoginRequest(email=email, password=password))
assert isinstance(tokens, TokenResponse), tokens
client = AuthenticatedClient(base_url=base_url, token=tokens.access_token)
body = ProfileCreate(
    personal_info=PersonalInfo(full_name="Ada Lovelace", email=email),
    professional_summary="Notes on the Analytical Engine.",
)
created = create_profile.sync(client=client, body=body)
assert isinstance(created, ProfileView), created
read = get_profile.sync_detailed(created.id, client=client)
assert isinstance(read.parsed, ProfileView), read.content
etag = read.headers["etag"]
again = get_profile.sync_detailed(created.id, client=client, if_none_match=etag)
print(json.dumps({
    "registered_email": registered.user.email,
    "token_type": tokens.token_type,
    "created": type(created).__name__,
    "created_at": type(created.created_at).__name__,
    "read_status": int(read.status_code),
    "read_id": read.parsed.id == created.id,
    "read_full_name": read.parsed.personal_info.full_name,
    "read_summary": read.parsed.professional_summary,
    "read_version": read.parsed.version,
    "etag": etag,
    "again_status": int(again.status_code),
    "again_body": again.content.decode(),
}))
"""


def _tools_or_skip() -> None:
    if GENERATOR.exists():
        return
    message = f"{GENERATOR} is missing: the generated-client test did not run. Run `make install`."
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {message}")
    pytest.skip(f"NOTICE: {message}")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A client package generated from the app's OpenAPI document; yields its parent folder."""
    _tools_or_skip()
    work = tmp_path_factory.mktemp("generated-client")
    folder = Path(tempfile.mkdtemp(prefix="resumecore-openapi-"))
    app = create_app(make_application(folder, f"sqlite+aiosqlite:///{folder}/unused.db"))
    document = work / "openapi.json"
    document.write_text(json.dumps(app.openapi_schema.to_schema()))
    # The tools venv on PATH: the generator formats its output with the ruff installed there.
    environment = {**os.environ, "PATH": f"{TOOLS}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [str(GENERATOR), "generate", "--path", str(document), "--output-path",
         str(work / PACKAGE), "--meta", "none", "--fail-on-warning"],
        env=environment, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    # Custom fields are one shared model, not an inline class per Struct that carries them.
    assert sorted(p.name for p in (work / PACKAGE / "models").glob("profile_*custom_fields*")) == []
    return work


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    """A started ``serve --migrate``; the test waits for it, so it boots while the client builds."""
    environment = server_environment(tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'api.db'}")
    process = ServerProcess(environment, tmp_path / "server.log", ["--migrate"])
    try:
        yield process
    finally:
        process.stop()


def _drive(generated: Path, base_url: str) -> dict[str, Any]:
    environment = {**os.environ, "PYTHONPATH": str(generated)}
    result = subprocess.run(
        [str(TOOLS / "python"), "-c", DRIVER, base_url],
        env=environment, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    output: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return output


def test_the_generated_client_registers_creates_and_reads_a_profile_with_typed_models(
    server: ServerProcess, generated: Path
) -> None:
    server.wait_ready()
    output = _drive(generated, server.base_url)

    assert output["registered_email"] == "ada@example.com"
    assert output["token_type"] == "Bearer"
    assert output["created"] == "ProfileView"
    assert output["created_at"] == "datetime"  # parsed by the generated model, not left a str
    assert output["read_status"] == 200
    assert output["read_id"] is True
    assert output["read_full_name"] == "Ada Lovelace"
    assert output["read_summary"] == "Notes on the Analytical Engine."
    assert output["read_version"] == 1
    assert output["etag"]
    assert output["again_status"] == 304
    assert output["again_body"] == ""
