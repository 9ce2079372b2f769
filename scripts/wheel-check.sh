#!/usr/bin/env bash
# The wheel on the lowest and highest Python available here (3.11+): build it once, install it
# core-only into a fresh venv per interpreter (msgspec from the registry), import and use it.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

found=()
for minor in 11 12 13 14; do
  for candidate in "$(command -v "python3.$minor" 2>/dev/null || true)" \
      "$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3."$minor".*/bin/python3 2>/dev/null | tail -1)"; do
    if [ -n "$candidate" ] && "$candidate" -c 'import venv' 2>/dev/null; then
      found+=("$candidate"); break
    fi
  done
done
[ ${#found[@]} -gt 0 ] || { echo "wheel-check: no Python 3.11+ found" >&2; exit 1; }
picked=("${found[0]}")
[ ${#found[@]} -gt 1 ] && picked+=("${found[-1]}")

.venv/bin/python -m pip wheel --quiet --no-deps --no-build-isolation -w "$work/wheels" .
rm -rf build
for python in "${picked[@]}"; do
  "$python" -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet --disable-pip-version-check "$work"/wheels/resumecore-*.whl
  (cd "$work" && venv/bin/python -c '
import importlib.metadata as m, importlib.util, sys, resumecore
from resumecore.postings import parse_posting
names = sorted(d.metadata["Name"].lower() for d in m.distributions() if d.metadata["Name"] not in ("pip", "setuptools"))
assert names == ["msgspec", "resumecore"], names
assert importlib.util.find_spec("litestar") is None
print(f"wheel-check: Python {sys.version.split()[0]}: resumecore {resumecore.__version__}, {names}")
')
  rm -rf "$work/venv"
done
