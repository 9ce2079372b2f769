"""The framework's ceiling: a bare Litestar app serving our profile from memory.

``make bench`` starts it beside the service, with the same server settings (uvicorn, one
worker, loopback, the same protocol and limits, access log off), and measures it in the same
run, so "our req/s over the ceiling's" holds from one machine to another. Its one route returns
the very profile ``GET /profiles/me`` returned (read from a file the bench writes), decoded
into the service's own typed view, so Litestar encodes the same ~7.6 KB struct each time.

Run as ``python -m bench.ceiling PROFILE_JSON PORT``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import msgspec
import uvicorn
from litestar import Litestar, get

from resumecore_server.entrypoints.http.schemas.profile_views import ProfileView
from resumecore_server.entrypoints.http.server_limits import uvicorn_limits
from resumecore_server.entrypoints.settings import Settings

PATH = "/api/v1/profiles/me"


def ceiling_app(profile: ProfileView) -> Litestar:
    """One GET route answering ``profile``, typed, as the service's handlers do."""

    @get(PATH, sync_to_thread=False)
    def primary() -> ProfileView:
        return profile

    @get("/health", sync_to_thread=False)
    def health() -> dict[str, str]:  # what the bench polls before measuring
        return {"status": "ok"}

    return Litestar(route_handlers=[primary, health], openapi_config=None, debug=False)


def main() -> None:
    """Serve the profile in ``argv[1]`` on 127.0.0.1:``argv[2]`` until interrupted."""
    profile_file, port = Path(sys.argv[1]), int(sys.argv[2])
    profile = msgspec.json.decode(profile_file.read_bytes(), type=ProfileView)
    settings = Settings.from_env({"RESUMECORE_DATA_DIR": str(profile_file.parent)})
    uvicorn.run(
        ceiling_app(profile),
        host="127.0.0.1",
        port=port,
        access_log=False,
        log_level="warning",
        **uvicorn_limits(settings),
    )


if __name__ == "__main__":
    main()
