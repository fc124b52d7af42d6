#!/usr/bin/env bash
# Audit what production installs (requirements.lock, pinned with hashes) against the PyPI
# advisory database with pip-audit. Exits 1 when a pinned version has a known vulnerability.
# When the advisory database cannot be reached (no network), it says so and exits 0: an
# unreachable network is not a finding. Set AUDIT_REQUIRE_NETWORK=1 to make that an error.
#
#   scripts/audit_dependencies.sh            # uses .venv/bin/python (pip install -e ".[test]")
#   PYTHON=python3 scripts/audit_dependencies.sh
set -uo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python3
# pip-audit reads each pinned version's advisories from PyPI's JSON API: probe that endpoint
# (a mirror that serves only packages answers 404 there, and has no advisories to give).
ADVISORIES=${AUDIT_ADVISORY_URL:-https://pypi.org/pypi/django/5.2/json}

if ! "$PYTHON" -m pip_audit --version >/dev/null 2>&1; then
  echo "dependency audit: pip-audit is not installed (pip install -e \".[test]\")" >&2
  exit 1
fi

if ! "$PYTHON" - "$ADVISORIES" <<'PY'
import sys
import urllib.request

try:
    with urllib.request.urlopen(sys.argv[1], timeout=15) as response:
        if "vulnerabilities" not in response.read().decode():
            raise ValueError("the answer holds no advisory data")
except Exception as error:  # any failure to reach it: DNS, refused, timeout, TLS, HTTP error
    print(f"dependency audit: {sys.argv[1]} cannot be reached ({error})", file=sys.stderr)
    sys.exit(1)
PY
then
  echo "dependency audit: NOT RUN, the advisory database (PyPI) cannot be reached from here."
  [ "${AUDIT_REQUIRE_NETWORK:-0}" = "1" ] && exit 1
  exit 0
fi

echo "dependency audit: checking requirements.lock against the PyPI advisory database"
"$PYTHON" -m pip_audit \
  --requirement requirements.lock \
  --require-hashes \
  --disable-pip \
  --progress-spinner off \
  --vulnerability-service pypi
