"""The ``resumecore`` command: migrate, serve the API, run generation workers, tailor offline."""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import threading
from collections.abc import MutableMapping
from typing import Any

from resumecore_server.entrypoints.settings import Settings

MAX_SERVER_PROCESSES = 32
# What `pip install resumecore` (the core) lacks and `resumecore[server]` brings.
SERVER_STACK = ("litestar", "sqlalchemy", "uvicorn")
# The app factory each server process imports (``create_app``, its start-up heap frozen), after
# the posting parser's data (``lean_start``: about 10 MB less resident memory).
SERVED_APP = "resumecore_server.entrypoints.lean_start:create_served_app"


def main(argv: list[str] | None = None) -> int:  # noqa: PLR0911 - a return per sub-command
    """Run a sub-command; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="resumecore", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply database migrations")
    serve = commands.add_parser("serve", help="serve the HTTP API")
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.add_argument("--migrate", action="store_true", help="apply migrations first")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes sharing the port (1-32; each runs its own embedded "
        "generation workers, RESUMECORE_GENERATION_WORKERS per process)",
    )
    worker = commands.add_parser("worker", help="run generation workers (no HTTP)")
    worker.add_argument("--workers", type=int, default=2, help="workers in this process")
    tailor = commands.add_parser(
        "tailor", help="match a profile to a posting and plan the resume (offline)"
    )
    tailor.add_argument("profile", help="our profile JSON or a JSON Resume document")
    tailor.add_argument("posting", help="the posting as plain text (UTF-8)")
    tailor.add_argument("--json", action="store_true", help="machine-readable output")
    tailor.add_argument("--json-resume-out", metavar="FILE", help="write the tailored resume")
    args = parser.parse_args(argv)
    if args.command == "tailor":  # offline: no settings, no database
        from resumecore_server.entrypoints.tailor_command import run_tailor  # noqa: PLC0415

        return run_tailor(
            args.profile, args.posting, as_json=args.json, json_resume_out=args.json_resume_out
        )
    if not server_command_can_run(args):
        return 2
    settings = read_settings()
    if settings is None:
        return 2
    if args.command == "migrate":
        return migrate(settings.database_url)
    if args.command == "worker":
        from resumecore_server.entrypoints.worker_process import run_workers  # noqa: PLC0415

        if not database_url_usable(settings.database_url):
            return 2
        os.umask(0o077)
        return run_workers(settings, args.workers)
    if args.command == "serve":
        if args.migrate:
            # In a child process: alembic and the migration scripts would otherwise stay
            # imported for the server's whole life (about 10 MB of its idle memory).
            done = subprocess.run(
                [sys.executable, "-m", "resumecore_server.entrypoints.cli", "migrate"], check=False
            )
            if done.returncode != 0:
                return done.returncode
        if not database_url_usable(settings.database_url):
            return 2
        import uvicorn  # noqa: PLC0415 - only the serve command needs the server

        from resumecore_server.entrypoints.http.server_limits import uvicorn_limits  # noqa: PLC0415 - imports uvicorn

        # Files the server creates (database, -wal/-shm, mails) are for its own user only.
        os.umask(0o077)
        options: dict[str, Any] = {
            "factory": True,
            "host": args.host,
            "port": args.port,
            "access_log": False,
            "log_level": "warning",
            **uvicorn_limits(settings),
            **proxy_header_options(settings),
        }
        if args.workers == 1:
            uvicorn.run(SERVED_APP, **options)
            return 0
        from resumecore_server.entrypoints.reuse_port import serve_processes  # noqa: PLC0415 - imports uvicorn

        # uvicorn's supervisor starts each process, which imports and builds its own app
        # (nothing is forked from a running event loop) and listens on its own socket, and
        # restarts one that dies. Migrations ran above, once, before any of them.
        config = uvicorn.Config(SERVED_APP, workers=args.workers, **options)
        return serve_processes(config)
    return 0


def server_command_can_run(args: argparse.Namespace) -> bool:
    """Whether a server command can start here; if not, one line on stderr says why."""
    if missing_server_stack():
        print(
            f"resumecore: `resumecore {args.command}` needs the server; "
            "install it with: pip install 'resumecore[server]'",
            file=sys.stderr,
        )
        return False
    if args.command == "serve":
        if not 1 <= args.workers <= MAX_SERVER_PROCESSES:
            print(
                f"resumecore: --workers must be between 1 and {MAX_SERVER_PROCESSES}",
                file=sys.stderr,
            )
            return False
        # Before the settings are read: the reset link then follows --port / PORT.
        default_public_base_url(os.environ, args.host, args.port)
    return True


def missing_server_stack() -> bool:
    """Whether this is a core-only install, where only ``tailor`` can run."""
    return any(importlib.util.find_spec(name) is None for name in SERVER_STACK)


def read_settings() -> Settings | None:
    """The settings from the environment, or None after one line on stderr saying what is wrong."""
    try:
        return Settings.from_env()
    except (ValueError, RuntimeError) as exc:
        print(f"resumecore: {exc}", file=sys.stderr)
    except OSError as exc:  # the generated secrets' files in RESUMECORE_DATA_DIR
        print(f"resumecore: RESUMECORE_DATA_DIR cannot be used: {exc}", file=sys.stderr)
    return None


def proxy_header_options(settings: Settings) -> dict[str, Any]:
    """Whether and from whom uvicorn takes the client IP from ``X-Forwarded-For``.

    uvicorn trusts forwarded headers from loopback by default, so any client of a server
    without a proxy could pick its own IP and escape every per-IP limit: they are honoured only
    with ``RESUMECORE_TRUST_FORWARDED_FOR``, and then only from ``RESUMECORE_TRUSTED_PROXIES``.
    """
    if not settings.trust_forwarded_for:
        return {"proxy_headers": False, "forwarded_allow_ips": ""}
    return {"proxy_headers": True, "forwarded_allow_ips": settings.trusted_proxies}


def default_public_base_url(environ: MutableMapping[str, str], host: str, port: int) -> None:
    """Unless ``RESUMECORE_PUBLIC_BASE_URL`` is set, point links at this server's own port."""
    if environ.get("RESUMECORE_PUBLIC_BASE_URL"):
        return
    if host in ("", "0.0.0.0", "::"):  # noqa: S104 - a wildcard bind is reached via loopback here
        host = "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    environ["RESUMECORE_PUBLIC_BASE_URL"] = f"http://{host}:{port}"


def database_url_usable(database_url: str) -> bool:
    """Whether the URL names a supported database; if not, one line on stderr says why.

    Checked before any process starts: a server would otherwise fail in its start-up with a
    traceback per process.
    """
    from resumecore_server.adapters.sql.engine import checked_database_url  # noqa: PLC0415 - SQLAlchemy's async engine only when serving

    try:
        checked_database_url(database_url)
    except ValueError as exc:
        print(f"resumecore: RESUMECORE_DATABASE_URL: {exc}", file=sys.stderr)
        return False
    return True


def migrate(database_url: str) -> int:
    """Apply migrations; on failure one line saying why (no traceback, no password)."""
    from resumecore_server.adapters.sql.migrate import upgrade  # noqa: PLC0415 - alembic only when migrating

    # After a failed connect, aiosqlite's worker thread can outlive the migration's event loop
    # and print a traceback of its own; the failure is reported below, once.
    threading.excepthook = lambda _args: None
    previous_umask = os.umask(0o077)  # a database file created here is private (0600)
    try:
        upgrade(database_url)
    except Exception as exc:  # any failure is reported the same way
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"resumecore: migrating {_safe(database_url)} failed: {reason}", file=sys.stderr)
        return 1
    finally:
        os.umask(previous_umask)
    print("resumecore: database is up to date", file=sys.stderr)
    return 0


def _safe(database_url: str) -> str:
    from sqlalchemy.engine import make_url  # noqa: PLC0415 - the core install has no sqlalchemy
    from sqlalchemy.exc import ArgumentError  # noqa: PLC0415

    try:
        return make_url(database_url).render_as_string(hide_password=True)
    except ArgumentError:
        return "the database"


if __name__ == "__main__":
    sys.exit(main())
