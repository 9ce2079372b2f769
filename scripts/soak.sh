#!/usr/bin/env bash
# `make soak`: the mixed-workload soak (bench/soak.py) on SQLite, then on a throwaway PostgreSQL.
# Defaults: 32 clients for 60 s each, exports half PDF. Extra arguments go to both runs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/services.sh
trap stop_services EXIT
status=0
.venv/bin/python -m bench.soak --clients 32 --seconds 60 --pdf "$@" || status=1
if start_postgres; then
  .venv/bin/python -m bench.soak --clients 32 --seconds 60 --pdf --database-url "$TEST_POSTGRES_URL" "$@" || status=1
else
  echo "NOTICE: PostgreSQL is not installed; the PostgreSQL soak was skipped." >&2
  [ "${CI:-}" = true ] && status=1
fi
exit $status
