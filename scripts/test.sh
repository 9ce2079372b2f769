#!/usr/bin/env bash
# The whole test suite: unit tests, and integration tests on SQLite, PostgreSQL and Redis.
# With arguments, runs pytest with them instead (one process unless you pass -n).
# Starts throwaway PostgreSQL and Redis servers when their binaries are installed; without them
# those tests are skipped with a notice, except under CI=true, where that is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/services.sh
. scripts/services.sh
trap stop_services EXIT

if [ -z "${TEST_POSTGRES_URL:-}" ] && ! start_postgres; then
  echo "NOTICE: PostgreSQL is not installed (apt-get install postgresql): its tests will be skipped." >&2
fi
if [ -z "${TEST_REDIS_URL:-}" ] && ! start_redis; then
  echo "NOTICE: redis-server is not installed (apt-get install redis-server): its tests will be skipped." >&2
fi

if [ $# -gt 0 ]; then
  exec .venv/bin/python -m pytest "$@"
fi

# The whole suite: on every core (up to 8; each worker gets its own PostgreSQL database and Redis
# index, see tests/support/workers.py), then the tests that bound wall time, by themselves.
workers=$(python3 -c 'import os; n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(); print(max(1, min(n or 1, 8)))')
status=0
.venv/bin/python -m pytest --numprocesses "$workers" -m "not alone" || status=$?
.venv/bin/python -m pytest -m alone || status=$?
exit "$status"
