"""HEAD gets the headers of GET and no body, on every route and on page-cache hits, under
gunicorn's gthread worker. Read from a raw socket with keep-alive: two requests on one
connection, so a body sent after a HEAD would be read as the start of the next response."""

import socket

import pytest

from scripts.prodserver import production_env, production_server
from tests.conftest import load_seed_content, test_database_url
from tests.delivery.services import RedisServer

ROUTES = [
    "/en/",  # a page: miss, then hit (see below)
    "/fr/vieillissement/",
    "/",
    "/healthz",
    "/healthz/ready",
    "/robots.txt",
    "/sitemap.xml",
    "/nl/sitemap/",
    "/en/search/?q=pension",
    "/api/v2/pages/",
    "/api/v2/timeline-events/?limit=2",
    "/en/no-such-page/",
    "/no-such-page/",
    "/admin/login/",
]


@pytest.fixture
def site(transactional_db, static_root, tmp_path):
    load_seed_content()
    redis = RedisServer().start()
    env = production_env(test_database_url(), cache_url=redis.url, static_root=static_root)
    try:
        with production_server(env, workers=1, threads=4, log_path=tmp_path / "g.log") as url:
            yield int(url.rsplit(":", 1)[1])
    finally:
        redis.stop()


def read_response(sock, buffer, method):
    """One response from the socket: (status, headers, body, rest of the buffer)."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        assert chunk, "connection closed before the headers"
        buffer += chunk
    head, buffer = buffer.split(b"\r\n\r\n", 1)
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, value = line.split(":", 1)
        headers[name.strip().lower()] = value.strip()
    if method == "HEAD":
        return int(status_line.split()[1]), headers, b"", buffer
    length = int(headers.get("content-length", 0))
    assert "chunked" not in headers.get("transfer-encoding", ""), "expected a Content-Length"
    while len(buffer) < length:
        chunk = sock.recv(65536)
        assert chunk, "connection closed before the end of the body"
        buffer += chunk
    return int(status_line.split()[1]), headers, buffer[:length], buffer[length:]


def exchange(port, path):
    """HEAD then GET of `path` on one keep-alive connection; nothing may follow the HEAD's
    headers but the GET's response."""
    request = (
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
        "Accept-Language: en\r\nConnection: keep-alive\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(request.format(method="HEAD", path=path).encode())
        head_status, head_headers, _body, buffer = read_response(sock, b"", "HEAD")
        sock.sendall(request.format(method="GET", path=path).encode())
        # The next bytes must be the GET's status line, not the rest of a HEAD body.
        while len(buffer) < 9:
            buffer += sock.recv(65536)
        assert buffer.startswith(b"HTTP/1.1 "), (path, buffer[:120])
        get_status, get_headers, body, rest = read_response(sock, buffer, "GET")
        assert rest == b"", (path, rest[:120])
    return head_status, head_headers, get_status, get_headers, body


def test_head_sends_no_body_on_any_route_or_cache_hit(site):
    port = site
    for path in ROUTES:
        head_status, head_headers, get_status, get_headers, _body = exchange(port, path)
        assert head_status == get_status, path
        assert head_headers.get("content-type") == get_headers.get("content-type"), path
    # The page was cached by the GETs above: a HEAD now is answered from the cache.
    head_status, head_headers, get_status, get_headers, body = exchange(port, "/en/")
    assert head_headers.get("x-page-cache") == "hit" and get_headers.get("x-page-cache") == "hit"
    assert head_status == get_status == 200 and body.startswith(b"<!DOCTYPE html>")
