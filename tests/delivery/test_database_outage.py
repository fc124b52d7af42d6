"""The database stops answering: gunicorn with the production settings answers a clear 503 page
in the visitor's language (its URL's, else its browser's, else all three), the readiness check
says 503 while the liveness check stays 200, and all is well again when the database is back.

The server reaches PostgreSQL through a TCP proxy the test owns; closing the proxy is the
outage. The machine's PostgreSQL itself is never stopped. With the suite on PostgreSQL the
proxy leads to the test database (seed content, pages served before and after); on SQLite to
PostgreSQL's empty `template1` database (the readiness check shows it answering).
"""

import pytest
from django.db import connection

from scripts.prodserver import get, production_env, production_server
from tests.delivery.services import TcpProxy

ON_POSTGRESQL = connection.vendor == "postgresql"

UNAVAILABLE = {
    "fr": "Temporairement indisponible",
    "nl": "Tijdelijk niet beschikbaar",
    "en": "Temporarily unavailable",
}


@pytest.fixture
def proxied_site(django_db_setup, static_root, tmp_path):
    settings_dict = connection.settings_dict
    host = settings_dict["HOST"] or "127.0.0.1" if ON_POSTGRESQL else "127.0.0.1"
    port = int(settings_dict["PORT"] or 5432) if ON_POSTGRESQL else 5432
    name = settings_dict["NAME"] if ON_POSTGRESQL else "template1"
    user = settings_dict["USER"] if ON_POSTGRESQL else "postgres"
    password = (
        f":{settings_dict['PASSWORD']}" if ON_POSTGRESQL and settings_dict["PASSWORD"] else ""
    )
    proxy = TcpProxy(host, port).start()
    env = production_env(
        f"postgres://{user}{password}@127.0.0.1:{proxy.port}/{name}",
        static_root=static_root,
        DATABASE_CONNECT_TIMEOUT="2",
    )
    try:
        with production_server(env, workers=1, threads=2, log_path=tmp_path / "g.log") as url:
            yield url, proxy, tmp_path / "g.log"
    finally:
        proxy.stop()


def ready(base_url):
    status, headers, body = get(base_url + "/healthz/ready")
    assert headers["Content-Type"] == "application/json"
    return status, body


@pytest.mark.django_db
def test_without_the_database_visitors_get_a_503_in_their_language(proxied_site):
    base_url, proxy, log = proxied_site
    assert ready(base_url)[0] == 200
    if ON_POSTGRESQL:
        assert get(base_url + "/en/")[0] == 200

    proxy.stop()
    for language, path in (("fr", "/fr/"), ("nl", "/nl/vergrijzing/"), ("en", "/en/search/?q=x")):
        status, headers, body = get(base_url + path, headers={"Accept-Language": "fr"})
        text = body.decode()
        assert status == 503, (path, text[:300])
        assert f'<html lang="{language}">' in text and UNAVAILABLE[language] in text
        assert headers["Retry-After"] and headers["Cache-Control"] == "no-store"
        assert "Traceback" not in text and "OperationalError" not in text
    # Without a language in the URL: the browser's language.
    status, _headers, body = get(base_url + "/api/v2/pages/", headers={"Accept-Language": "nl-BE"})
    assert status == 503 and UNAVAILABLE["nl"] in body.decode()
    # Neither: every language.
    status, _headers, body = get(base_url + "/api/v2/pages/", headers={"Accept-Language": "de"})
    assert status == 503 and all(text in body.decode() for text in UNAVAILABLE.values())

    # Readiness says no, naming the database; liveness still yes (restarting would not help).
    status, body = ready(base_url)
    assert status == 503 and b'"database": "unavailable"' in body
    assert get(base_url + "/healthz")[0] == 200

    proxy.start()
    status, body = ready(base_url)
    assert status == 200 and b'"database": "ok"' in body
    if ON_POSTGRESQL:
        assert get(base_url + "/nl/vergrijzing/")[0] == 200
    assert "Traceback" in log.read_text()  # the errors are logged for the operators
