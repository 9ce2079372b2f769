"""The ``resumecore`` command: migrate the database, serve the API."""

from __future__ import annotations

import argparse
import os
import sys

from adapters.sql.migrate import upgrade
from entrypoints.settings import Settings


def main(argv: list[str] | None = None) -> int:
    """Run a sub-command; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="resumecore", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply database migrations")
    serve = commands.add_parser("serve", help="serve the HTTP API")
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.add_argument("--migrate", action="store_true", help="apply migrations first")
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
    except (ValueError, RuntimeError) as exc:
        print(f"resumecore: {exc}", file=sys.stderr)
        return 2
    if args.command == "migrate" or args.migrate:
        upgrade(settings.database_url)
        print("resumecore: database is up to date", file=sys.stderr)
    if args.command == "serve":
        import uvicorn  # noqa: PLC0415 - only the serve command needs the server

        uvicorn.run(
            "entrypoints.http.app:create_app",
            factory=True,
            host=args.host,
            port=args.port,
            access_log=False,
            log_level="warning",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
