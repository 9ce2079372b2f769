#!/usr/bin/env bash
# `make bench` on PostgreSQL: starts a throwaway server when the binaries are installed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/services.sh
trap stop_services EXIT
if start_postgres; then
  .venv/bin/python -m bench.run --database-url "$TEST_POSTGRES_URL" "$@"
else
  echo "NOTICE: PostgreSQL is not installed; the PostgreSQL benchmark was skipped." >&2
fi
