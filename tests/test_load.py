"""50 concurrent clients for 60 s against gunicorn with the production settings: zero errors.

Runs scripts/loadtest.py as a user would; it prints the latency percentiles (shown with -s or
on failure). Loopback only; the run is bounded in time.
"""

import re
import subprocess
import sys

import pytest
from django.conf import settings

from scripts.prodserver import production_env, production_server
from tests.conftest import REDIS_URL, test_database_url

CLIENTS, SECONDS = 50, 60


@pytest.mark.django_db
def test_fifty_clients_for_a_minute_get_no_error(
    django_db_setup, static_root, redis_prefix, tmp_path
):
    env = production_env(
        test_database_url(),
        cache_url=REDIS_URL,
        static_root=static_root,
        CACHE_KEY_PREFIX=redis_prefix,
    )
    with production_server(env, workers=2, threads=8, log_path=tmp_path / "gunicorn.log") as url:
        result = subprocess.run(
            [
                sys.executable,
                "scripts/loadtest.py",
                "--url",
                url,
                "--clients",
                str(CLIENTS),
                "--duration",
                str(SECONDS),
            ],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=SECONDS + 120,
        )
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "errors: 0" in result.stdout
    assert re.search(r"latency: p50 \d+ ms, p90 \d+ ms, p99 \d+ ms", result.stdout)
    requests = int(re.search(r"requests: (\d+)", result.stdout).group(1))
    assert requests > CLIENTS  # every client got answers, not just one each
