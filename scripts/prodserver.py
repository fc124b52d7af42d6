"""Run the portal the way production does, on loopback: gunicorn, production settings.

Used by scripts/benchmark.py, scripts/loadtest.py and the tests that need a real server
(tests/delivery/test_security.py, tests/test_load.py, tests/test_scaleout.py). Everything comes from
environment variables, as in production; requests say `X-Forwarded-Proto: https`, as a
TLS-terminating reverse proxy would.
"""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(database_url, cache_url=None, static_root=None, **extra):
    """The environment of a production process: only what production.py reads."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CACHE_", "AWS_", "FRONTEND_CACHE", "CLOUD"))
        and key not in ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "STATIC_ROOT")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "WARNING",
        }
    )
    if cache_url:
        env["CACHE_URL"] = cache_url
    if static_root:
        env["STATIC_ROOT"] = str(static_root)
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args, quiet=True):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
        stderr=subprocess.PIPE if quiet else None,
    )


def collect_static(static_root, database_url="sqlite:////nonexistent.db"):
    """collectstatic with the production storage: hashed names, .gz and .br files."""
    manage(production_env(database_url, static_root=static_root), "collectstatic", "--noinput")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # report the redirect itself, never follow it off loopback


_opener = urllib.request.build_opener(_NoRedirects)


def get(url, headers=None, timeout=10):
    """One request, redirects not followed; returns (status, headers, body) for any status."""
    request = urllib.request.Request(url, headers={**PROXY_HEADERS, **(headers or {})})
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@contextlib.contextmanager
def production_server(env, *, workers=2, threads=4, port=None, log_path=None):
    """gunicorn with `env` on 127.0.0.1; yields the base URL, stops the server on exit."""
    port = port or free_port()
    log = open(log_path, "w") if log_path else tempfile.TemporaryFile("w+")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--backlog",
            "2048",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                log.seek(0) if not log_path else None
                output = log.read() if not log_path else Path(log_path).read_text()
                raise RuntimeError(f"gunicorn stopped while starting:\n{output}")
            try:
                if get(base_url + "/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer /healthz within 60 s")
            time.sleep(0.3)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
