"""Production logs: one JSON object per line on standard error, with tracebacks, without
personal data (e-mail addresses, query strings)."""

import json
import logging
import sys

from core.logformat import JsonFormatter
from scripts.prodserver import get, production_env, production_server


def test_a_record_is_one_json_line_with_its_traceback_and_no_personal_data():
    try:
        raise ValueError("lookup of anna.peeters@example.be failed for /en/search/?q=my+illness")
    except ValueError:
        record = logging.getLogger("portal.test").makeRecord(
            "portal.test",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s (user %s)",
            ("/fr/contact/?email=jan@example.org&message=hello", "jan.janssens@example.org"),
            sys.exc_info(),
        )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["logger"] == "portal.test"
    assert entry["message"] == "Internal Server Error: /fr/contact/?[query] (user [e-mail address])"
    assert entry["traceback"].startswith("Traceback (most recent call last)")
    assert (
        "ValueError: lookup of [e-mail address] failed for /en/search/?[query]"
        in (entry["traceback"])
    )
    assert "@example" not in line and "illness" not in line and "hello" not in line


def test_gunicorn_with_the_production_settings_logs_errors_as_json_on_stderr(static_root, tmp_path):
    # A database that cannot be opened: every page is an error (a 503 for the visitor).
    env = production_env(
        f"sqlite:///{tmp_path}/missing-directory/portal.db", static_root=static_root
    )
    log = tmp_path / "gunicorn.log"
    with production_server(env, workers=1, threads=2, log_path=log) as base_url:
        status, _headers, _body = get(base_url + "/en/search/?q=my+pension&email=an@example.org")
        assert status == 503
    lines = [line for line in log.read_text().splitlines() if line.startswith("{")]
    entries = [json.loads(line) for line in lines]
    [error] = [entry for entry in entries if entry["logger"] == "django.request"]
    assert error["level"] == "ERROR" and error["status_code"] == 503
    assert error["message"] == "Service Unavailable: /en/search/"
    assert "OperationalError" in error["traceback"]
    text = log.read_text()
    assert "an@example.org" not in text and "my+pension" not in text
