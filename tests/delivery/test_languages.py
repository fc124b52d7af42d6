"""Language routing: prefixes, negotiation on `/`, translated slugs, switcher, alternates, errors."""

import re

import pytest
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Page

from content.models import HomePage, ThemePage

pytestmark = pytest.mark.django_db

SITE_NAME = {
    "fr": "La sécurité sociale en Belgique",
    "nl": "De sociale zekerheid in België",
    "en": "Social security in Belgium",
}
SKIP_LINK = {
    "fr": "Aller au contenu principal",
    "nl": "Naar de hoofdinhoud",
    "en": "Skip to main content",
}


def html_lang(content):
    return re.search(r'<html lang="([^"]+)"', content).group(1)


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_home_page_is_served_in_each_language(client, language):
    response = client.get(f"/{language}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert html_lang(content) == language
    assert response["Content-Language"] == language
    title = re.search(r"<title>(.*?)</title>", content, re.S).group(1)
    assert SITE_NAME[language] in title
    assert SKIP_LINK[language] in content
    home = HomePage.objects.get()
    assert escape(getattr(home, f"title_{language}")) in content


@pytest.mark.parametrize(
    "header, expected",
    [
        ("nl-BE,nl;q=0.9,fr;q=0.8", "/nl/"),
        ("fr", "/fr/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-BE;q=0.5,nl;q=0.9", "/nl/"),
        ("de-DE,de;q=0.9,en;q=0.3", "/en/"),
    ],
)
def test_root_redirects_to_the_browser_language(client, header, expected):
    response = client.get("/", headers={"Accept-Language": header})
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("header", ["de", "ja", "de-CH,de;q=0.9", "", "*"])
def test_root_without_a_match_offers_a_neutral_choice(client, header):
    response = client.get("/", headers={"Accept-Language": header} if header else {})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Accept-Language" in response["Vary"]
    for code in ("fr", "nl", "en"):
        assert re.search(rf'<li lang="{code}"[^>]*>', content), code
        assert f'href="/{code}/" hreflang="{code}"' in content
    assert "Continuer en français" in content
    assert "Verder in het Nederlands" in content
    assert "Continue in English" in content


def test_slugs_are_translated(client):
    theme = ThemePage.objects.get(slug_en="ageing")
    assert (theme.slug_fr, theme.slug_nl) == ("vieillissement", "vergrijzing")
    for language, slug in (("fr", "vieillissement"), ("nl", "vergrijzing"), ("en", "ageing")):
        response = client.get(f"/{language}/{slug}/")
        assert response.status_code == 200, (language, slug)
        assert escape(getattr(theme, f"title_{language}")) in response.content.decode()
    # A slug only resolves in its own language.
    assert client.get("/en/vergrijzing/").status_code == 404
    assert client.get("/nl/ageing/").status_code == 404


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_switcher_and_alternates_point_to_the_same_page_in_each_language(client, language):
    theme = ThemePage.objects.get(slug_en="ageing")
    with translation.override(language):
        path = theme.get_url()
    content = client.get(path).content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', content, re.S).group(0)
    for code in ("fr", "nl", "en"):
        slug = getattr(theme, f"slug_{code}")
        link = re.search(
            rf'<a href="/{code}/{slug}/" lang="{code}" hreflang="{code}"([^>]*)>', switcher
        )
        assert link, f"no switcher link to /{code}/{slug}/"
        assert ('aria-current="page"' in link.group(1)) == (code == language)
        assert (
            f'<link rel="alternate" hreflang="{code}" href="http://testserver/{code}/{slug}/">'
            in content
        )
    assert (
        f'<link rel="alternate" hreflang="x-default" href="http://testserver/fr/{theme.slug_fr}/">'
        in content
    )


def test_home_alternates_use_the_negotiating_root_as_x_default(client):
    content = client.get("/nl/").content.decode()
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/">' in content


@pytest.mark.parametrize(
    "language, heading",
    [("fr", "Page introuvable"), ("nl", "Pagina niet gevonden"), ("en", "Page not found")],
)
def test_unknown_url_gives_404_in_the_prefix_language(client, language, heading):
    response = client.get(f"/{language}/this-page-does-not-exist/")
    content = response.content.decode()
    assert response.status_code == 404
    assert html_lang(content) == language
    assert f"<h1>{heading}</h1>" in content
    assert "Traceback" not in content


def test_unknown_url_without_prefix_gives_neutral_404(client):
    response = client.get("/no-such-thing/", headers={"Accept-Language": "nl"})
    content = response.content.decode()
    assert response.status_code == 404
    for code, heading in (
        ("fr", "Page introuvable"),
        ("nl", "Pagina niet gevonden"),
        ("en", "Page not found"),
    ):
        assert re.search(rf'<section lang="{code}"[^>]*>\s*<h[12]>{heading}</h[12]>', content)


def test_server_error_is_a_static_page_without_trace(client, settings):
    settings.ROOT_URLCONF = "tests.urls_failing"
    client.raise_request_exception = False
    response = client.get("/fr/fail/")
    content = response.content.decode()
    assert response.status_code == 500
    assert "Problème temporaire" in content and "Tijdelijk probleem" in content
    assert "Temporary problem" in content
    assert "ZeroDivisionError" not in content and "Traceback" not in content


def test_unpublished_page_is_not_served(client):
    theme = ThemePage.objects.get(slug_en="ageing")
    theme.unpublish()
    assert client.get("/en/ageing/").status_code == 404


def test_home_slug_is_not_part_of_any_url():
    home = HomePage.objects.get()
    for code in ("fr", "nl", "en"):
        with translation.override(code):
            assert Page.objects.get(pk=home.pk).specific.get_url() == f"/{code}/"
