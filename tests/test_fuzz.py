"""Thousands of random and hostile requests: the portal answers every one without a 5xx.

The generator is seeded; a failure prints the seed, and FUZZ_SEED=<seed> replays the same
requests. FUZZ_REQUESTS changes how many are sent (default 3000, about a minute).
"""

import os
import random
import string
import traceback

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from content.models import FormPage, KeyFiguresPage

REQUESTS = int(os.environ.get("FUZZ_REQUESTS", "3000"))
SEED = int(os.environ.get("FUZZ_SEED", random.SystemRandom().randrange(2**32)))

HOSTILE_SEGMENTS = [
    "..",
    "%2e%2e",
    "%2e%2e%2f",
    "..%2f..%2fetc%2fpasswd",
    "%00",
    "%ff%fe",
    "%c0%ae",
    "%",
    "%zz",
    "<script>alert(1)</script>",
    "'%20OR%201=1--",
    "${jndi:ldap://x}",
    "{{7*7}}",
    "%7B%25%20debug%20%25%7D",
    "admin",
    "static",
    "media",
    "documents",
    "csv",
    ".env",
    "wp-login.php",
    "index.php",
    "~root",
    "%E2%80%AE",
    "%F0%9F%92%A9",
    "vieillissement",
    "ageing",
    "a" * 300,
]
ACCEPT_LANGUAGES = [
    "",
    "*",
    "fr",
    "nl-BE,nl;q=0.9",
    "en-GB,en;q=0.8,*;q=0.1",
    "de",
    "ja-JP",
    "fr;q=abc",
    "nl;q=-1",
    "en;q=1.5",
    ";;;,,,",
    "x" * 5000,
    "fr-" + "a" * 200,
    "zz-ZZ-1234567890",
    "é;q=0.5",
    "*;q=0",
    "fr, nl, en, " * 200,
]
METHODS = ["GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]
ODD_METHODS = ["PROPFIND", "CONNECT", "MKCOL", "FOO", "get"]


def random_text(rng, length):
    alphabet = string.printable + "éèçàûëïñßøåæœ€→✓中文العربية\u202e\u200b"
    return "".join(rng.choice(alphabet) for _ in range(length))


def as_wsgi(text):
    """A header value as a WSGI server hands it over: the UTF-8 bytes, decoded as latin-1."""
    return text.encode().decode("latin-1")


def random_query(rng):
    kinds = [
        lambda: "",
        lambda: f"q={rng.choice(HOSTILE_SEGMENTS)}",
        lambda: "&".join(f"k{i}=v{i}" for i in range(rng.randint(1, 200))),
        lambda: "a=" + "%" * rng.randint(1, 50),
        lambda: "page=-1&page=999999999999999999999&page=abc",
        lambda: "x=" + "y" * rng.randint(1000, 6000),
        lambda: "utm_source=%F0%9F%92%A9&lang=xx",
        lambda: f"q={rng.choice(HOSTILE_SEGMENTS)}&page={rng.choice(['0', '-3', '1e9', 'x'])}",
        lambda: rng.choice(
            [
                "limit=100000&offset=-5",
                "type=wagtailcore.Nope",
                "type=content.ThemePage&fields=*,-title,nope",
                "order=random&search=%00",
                "fields=_,body(nope)",
                "child_of=abc&descendant_of=-1",
                "locale=xx&translation_of=1",
            ]
        ),
    ]
    return rng.choice(kinds)()


def random_path(rng, known_urls):
    base = rng.choice(known_urls)
    kind = rng.randrange(6)
    if kind == 0:
        return base
    if kind == 1:
        return base + "/".join(rng.choices(HOSTILE_SEGMENTS, k=rng.randint(1, 4))) + "/"
    if kind == 2:
        return "/" + "/".join(rng.choices(HOSTILE_SEGMENTS, k=rng.randint(1, 5)))
    if kind == 3:
        prefix = rng.choice(["/xx/", "/FR/", "/fr-be/", "//", "/en//", "/nl/./", "/admin/"])
        return prefix + rng.choice(HOSTILE_SEGMENTS)
    if kind == 4:
        return base + "csv/" + rng.choice(HOSTILE_SEGMENTS + ["no-such-series"]) + "/"
    return "/" + "".join(rng.choices(string.ascii_letters + "%/-._~", k=rng.randint(1, 2000)))


def random_headers(rng):
    headers = {}
    if rng.random() < 0.6:
        headers["HTTP_ACCEPT_LANGUAGE"] = rng.choice(ACCEPT_LANGUAGES)
    if rng.random() < 0.3:
        cookie_kind = rng.randrange(4)
        if cookie_kind == 0:
            headers["HTTP_COOKIE"] = "big=" + "x" * rng.randint(4000, 16000)
        elif cookie_kind == 1:
            headers["HTTP_COOKIE"] = "; ".join(f"c{i}={i}" for i in range(300))
        elif cookie_kind == 2:
            headers["HTTP_COOKIE"] = "sessionid=" + random_text(rng, 40).replace(";", "")
        else:
            headers["HTTP_COOKIE"] = "csrftoken=short; sessionid=; ;;=; =x"
    if rng.random() < 0.2:
        headers["HTTP_HOST"] = rng.choice(
            ["testserver", "evil.example", "a" * 300, "127.0.0.1:99999", "[::1", "x y"]
        )
    if rng.random() < 0.2:
        headers["HTTP_X_FORWARDED_FOR"] = rng.choice(["", "not-an-ip", "1.2.3.4, " * 50])
    if rng.random() < 0.1:
        headers["HTTP_IF_MODIFIED_SINCE"] = random_text(rng, 30).replace("\n", "")
    if rng.random() < 0.1:
        headers["HTTP_RANGE"] = rng.choice(["bytes=0-0", "bytes=-1", "bytes=abc", "bytes=9-1"])
    if rng.random() < 0.2:
        headers["HTTP_ACCEPT_ENCODING"] = rng.choice(["gzip", "br", "identity;q=0", "*", "x"])
    return {name: as_wsgi(value) for name, value in headers.items()}


def random_form(rng, form_fields):
    data = {}
    for name in form_fields:
        if rng.random() < 0.8:
            data[name] = rng.choice(
                [
                    "",
                    random_text(rng, rng.randint(1, 50)),
                    random_text(rng, rng.randint(5000, 20000)),
                    "someone@example.org",
                    "not-an-email",
                    rng.choice(HOSTILE_SEGMENTS),
                ]
            )
    if rng.random() < 0.2:
        data["homepage"] = "http://spam.example"
    if rng.random() < 0.2:
        data[random_text(rng, 10)] = random_text(rng, 10)
    return data


@pytest.mark.django_db
def test_random_and_hostile_requests_never_cause_a_server_error():
    rng = random.Random(SEED)
    known_urls = []
    for page in Page.objects.live().specific().filter(depth__gt=1):
        for code in ("fr", "nl", "en"):
            with translation.override(code):
                known_urls.append(page.get_url())
    for code in ("fr", "nl", "en"):
        with translation.override(code):
            known_urls += [reverse("search"), reverse("sitemap")]
    known_urls += ["/", "/admin/", "/admin/login/", "/healthz", "/documents/1/x.pdf", "/static/"]
    known_urls += ["/api/v2/pages/", "/api/v2/pages/3/", "/sitemap.xml", "/robots.txt"]
    form_page = FormPage.objects.get()
    form_urls = []
    for code in ("fr", "nl", "en"):
        with translation.override(code):
            form_urls.append(form_page.get_url())
    form_fields = [field.clean_name for field in form_page.form_fields.all()]
    assert KeyFiguresPage.objects.live().exists()

    clients = [Client(raise_request_exception=False), Client(enforce_csrf_checks=True)]
    for client in clients:
        client.raise_request_exception = False
    failures = []
    for number in range(REQUESTS):
        client = rng.choice(clients)
        headers = random_headers(rng)
        if rng.random() < 0.15:
            path = rng.choice(form_urls + ["/admin/login/"])
            method, query = "POST", ""
            body = random_form(rng, form_fields + ["username", "password"])
            response = client.post(path, body, **headers)
        else:
            path = random_path(rng, known_urls)
            method = rng.choice(METHODS if rng.random() < 0.95 else ODD_METHODS)
            query = random_query(rng) if rng.random() < 0.3 else ""
            response = client.generic(
                method,
                path + (f"?{query}" if query else ""),
                data=random_text(rng, rng.randint(0, 200)).encode() if method != "GET" else b"",
                content_type=rng.choice(["text/plain", "application/json", "multipart/form-data"]),
                **headers,
            )
        if response.status_code >= 500:
            error = getattr(response, "exc_info", None)
            failures.append("".join(traceback.format_exception(*error, limit=-4)) if error else "")
            failures[-1] += (
                f"#{number} {method} {path[:200]!r} query={query[:100]!r} "
                f"headers={ {k: v[:80] for k, v in headers.items()} } -> {response.status_code}"
            )
    assert not failures, (
        f"{len(failures)} of {REQUESTS} requests got a 5xx; replay with FUZZ_SEED={SEED}:\n"
        + "\n".join(failures[:20])
    )


API_ENDPOINTS = [
    "/api/v2/pages/",
    "/api/v2/pages/find/",
    "/api/v2/pages/3/",
    "/api/v2/timeline-events/",
    "/api/v2/data-series/",
]
API_PARAMETER_NAMES = [
    "offset",
    "limit",
    "fields",
    "order",
    "search",
    "search_operator",
    "type",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "locale",
    "site",
    "id",
    "html_path",
    "title",
    "title_fr",
    "slug",
    "first_published_at",
    "last_published_at",
    "show_in_menus",
    "publication_year",
    "date",
    "end_year",
    "precision",
    "key",
    "rich_text_format",
    "nope",
]
API_ODD_VALUES = [
    "",
    "x",
    "-1",
    "0",
    "1e3",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999999999",
    "2019-13-45",
    "2019-02-30T25:61",
    "1944-12-28",
    "%00",
    "a%00b",
    "%ff",
    "xx",
    "and",
    "root",
    "content.ThemePage",
    "wagtailcore.Page,content.Nope",
    "*,-title",
    "-title_fr",
    "random",
    "true",
    "maybe",
    "'; DROP TABLE x;--",
    "é" * 300,
]


@pytest.mark.django_db
def test_random_api_parameters_never_cause_a_server_error():
    """The API answers any mix of its parameters and hostile values with a 2xx/3xx/4xx."""
    rng = random.Random(SEED)
    client = Client(raise_request_exception=False)
    failures = []
    for number in range(max(REQUESTS // 4, 200)):
        pairs = [
            f"{rng.choice(API_PARAMETER_NAMES)}={rng.choice(API_ODD_VALUES)}"
            for _ in range(rng.randint(1, 4))
        ]
        url = rng.choice(API_ENDPOINTS) + "?" + "&".join(pairs)
        response = client.get(url)
        if response.status_code >= 500:
            error = getattr(response, "exc_info", None)
            trace = "".join(traceback.format_exception(*error, limit=-4)) if error else ""
            failures.append(f"{trace}#{number} {url[:200]} -> {response.status_code}")
        elif response.status_code == 400:
            assert response.json()["message"], url
    assert not failures, (
        f"{len(failures)} API requests got a 5xx; replay with FUZZ_SEED={SEED}:\n"
        + "\n".join(failures[:20])
    )
