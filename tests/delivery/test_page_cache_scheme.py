"""The page cache keeps http and https renderings apart: pages hold absolute addresses
(canonical, hreflang alternates) built from the scheme of the request."""

import pytest

from delivery.cache import CACHE_STATUS_HEADER

pytestmark = pytest.mark.django_db


def fetch(client, secure):
    response = client.get("/en/ageing/", secure=secure)
    assert response.status_code == 200
    return response[CACHE_STATUS_HEADER], response.content.decode()


@pytest.mark.parametrize("first_secure", [False, True])
def test_an_http_rendering_is_never_served_to_https_and_back(client, first_secure):
    first, second = ("https", "http") if first_secure else ("http", "https")
    status, body = fetch(client, first_secure)
    assert status == "miss" and f'href="{first}://testserver/en/ageing/"' in body
    assert fetch(client, first_secure)[0] == "hit"

    status, body = fetch(client, not first_secure)
    assert status == "miss"  # not the other scheme's copy
    assert f'href="{second}://testserver/en/ageing/"' in body
    assert f"{first}://testserver" not in body

    # Each scheme now has its own copy.
    for secure, scheme in ((first_secure, first), (not first_secure, second)):
        status, body = fetch(client, secure)
        assert status == "hit" and f'href="{scheme}://testserver/en/ageing/"' in body
