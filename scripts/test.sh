#!/usr/bin/env bash
# The whole test suite: unit tests, and integration tests on SQLite, PostgreSQL and Redis.
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

.venv/bin/python -m pytest "$@"
