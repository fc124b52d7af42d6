"""Findability: sitemap.xml with hreflang alternates, robots.txt, the HTML site map, and what every
page's <head> tells search engines and link previews (description, Open Graph, JSON-LD)."""

import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from content.models import PublicationIndexPage, StandardPage, ThemePage, TimelinePage

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "nl", "en")
ORIGIN = "http://testserver"
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def url_in(page, language):
    with translation.override(language):
        return page.get_url()


def live_pages():
    return list(Page.objects.live().public().filter(depth__gt=1).order_by("path"))


class HeadParser(HTMLParser):
    """The <meta>, <link rel=canonical> and JSON-LD scripts of a page."""

    def __init__(self):
        super().__init__()
        self.meta, self.canonical, self.json_ld = [], [], []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta.append(attrs)
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def values(self, key, name):
        return [m.get("content") for m in self.meta if m.get(key) == name]

    def one(self, key, name):
        values = self.values(key, name)
        assert len(values) == 1, f"{key}={name}: {values}"
        return values[0]

    def graph(self):
        assert len(self.json_ld) == 1
        return json.loads(self.json_ld[0])["@graph"]


def head_of(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


# --- sitemap.xml and robots.txt -----------------------------------------------------------


def test_sitemap_xml_lists_every_page_in_every_language_with_hreflang_alternates(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = {
        url.find("s:loc", SITEMAP_NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)
        }
        for url in root.findall("s:url", SITEMAP_NS)
    }
    pages = live_pages()
    assert len(entries) == len(pages) * len(LANGUAGES)
    home = Page.objects.get(depth=2)
    for page in pages:
        addresses = {code: ORIGIN + url_in(page, code) for code in LANGUAGES}
        for code in LANGUAGES:
            alternates = entries[addresses[code]]
            assert {alternates[c] for c in LANGUAGES} == set(addresses.values())
            expected_default = ORIGIN + "/" if page.pk == home.pk else addresses["fr"]
            assert alternates["x-default"] == expected_default
    ageing = ThemePage.objects.get(slug_en="ageing")
    assert entries[ORIGIN + "/nl/vergrijzing/"]["en"] == ORIGIN + "/en/ageing/"
    assert ORIGIN + url_in(ageing, "fr") in entries


def test_x_default_addresses_in_the_sitemap_exist(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    defaults = {
        link.get("href")
        for link in root.iter("{http://www.w3.org/1999/xhtml}link")
        if link.get("hreflang") == "x-default"
    }
    assert len(defaults) == len(live_pages())
    for address in defaults:
        response = client.get(address.removeprefix(ORIGIN), headers={"accept-language": "ja"})
        assert response.status_code == 200, address


def test_unpublished_and_private_pages_stay_out_of_the_sitemap(client):
    privacy = StandardPage.objects.get(slug_en="privacy")
    ageing = ThemePage.objects.get(slug_en="ageing")
    ageing.unpublish()
    PageViewRestriction.objects.create(page=privacy, restriction_type=PageViewRestriction.LOGIN)
    text = client.get("/sitemap.xml").content.decode()
    for code in LANGUAGES:
        assert f"{ORIGIN}{url_in(ageing, code)}<" not in text
        assert f"{ORIGIN}{url_in(privacy, code)}<" not in text
    assert f"{ORIGIN}/en/e-government/<" in text


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_admin_and_search(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert {"Disallow: /fr/recherche/", "Disallow: /nl/zoeken/", "Disallow: /en/search/"} <= set(
        lines
    )
    sitemap = next(line for line in lines if line.startswith("Sitemap: "))
    assert sitemap == "Sitemap: http://testserver/sitemap.xml"
    assert client.get("/sitemap.xml").status_code == 200


# --- The HTML site map --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "path", "heading"),
    [
        ("fr", "/fr/plan-du-site/", "Plan du site"),
        ("nl", "/nl/sitemap/", "Sitemap"),
        ("en", "/en/sitemap/", "Site map"),
    ],
)
def test_html_site_map_lists_every_page_in_its_language(client, language, path, heading):
    with translation.override(language):
        assert reverse("sitemap") == path
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    sitemap = re.search(r'<nav class="sitemap".*?</nav>', html, re.S).group(0)
    links = [
        (url, unescape(title))
        for url, title in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', sitemap)
    ]
    with translation.override(language):
        expected = [(page.get_url(), page.title) for page in live_pages()]
    assert sorted(links) == sorted(expected)
    # Nested: the publications are a list inside the list item of the publication list.
    index = url_in(PublicationIndexPage.objects.get(), language)
    assert re.search(
        rf'<a href="{index}"[^>]*>[^<]+</a>\s*<ul>\s*<li><a href="{index}[^"]+"', sitemap
    )


def test_every_page_links_to_the_site_map_in_its_footer(client):
    for code, path in zip(
        LANGUAGES, ("/fr/plan-du-site/", "/nl/sitemap/", "/en/sitemap/"), strict=True
    ):
        ageing_page = ThemePage.objects.get(slug_en="ageing")
        html = client.get(url_in(ageing_page, code)).content.decode()
        footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)
        assert f'href="{path}"' in footer


# --- Meta description, Open Graph ---------------------------------------------------------


def test_every_page_in_every_language_has_a_description_and_open_graph_tags(client):
    for page in live_pages():
        for code in LANGUAGES:
            url = url_in(page, code)
            head = head_of(client, url)
            description = head.one("name", "description")
            assert description and len(description) <= 300, url
            assert head.one("property", "og:description") == description
            with translation.override(code):
                title = page.specific.seo_title or page.specific.title
            assert head.one("property", "og:title") == title
            assert head.one("property", "og:url") == ORIGIN + url
            assert head.canonical == [ORIGIN + url]
            assert head.one("property", "og:locale") == f"{code}_BE"
            assert sorted(head.values("property", "og:locale:alternate")) == sorted(
                f"{other}_BE" for other in LANGUAGES if other != code
            )
            assert head.one("property", "og:type") in ("website", "article")
            assert head.one("property", "og:site_name")


def test_the_description_is_the_page_own_in_its_language(client):
    ageing = ThemePage.objects.get(slug_en="ageing")
    head = head_of(client, "/nl/vergrijzing/")
    assert head.one("name", "description") == ageing.search_description_nl
    assert head.one("property", "og:type") == "article"
    assert head_of(client, "/nl/").one("property", "og:type") == "website"


def test_a_page_without_description_or_intro_falls_back_to_the_site_description(client):
    home = Page.objects.get(depth=2)
    bare = StandardPage(
        title="Leeg", title_fr="Vide", title_nl="Leeg", title_en="Empty",
        slug="leeg", slug_fr="vide", slug_nl="leeg", slug_en="empty",
    )  # fmt: skip
    home.add_child(instance=bare)
    bare.save_revision().publish()
    head = head_of(client, "/nl/leeg/")
    assert head.one("name", "description").startswith("Heldere informatie over hoe de Belgische")
    assert head.one("property", "og:title") == "Leeg"


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/en/search/?q=pension", "Search"),
        ("/fr/plan-du-site/", "Plan du site"),
        ("/nl/niets-hier/", None),
    ],
)
def test_views_that_are_not_pages_have_description_and_open_graph_too(client, path, title):
    head = head_of(client, path)
    assert head.one("name", "description")
    assert head.one("property", "og:title") == (title or "De sociale zekerheid in België")
    assert head.one("property", "og:url") == ORIGIN + path.split("?")[0]
    assert head.one("property", "og:type") == "website"


# --- JSON-LD --------------------------------------------------------------------------------


def test_every_page_describes_the_website_and_the_organisation(client):
    for path in ("/fr/", "/nl/vergrijzing/", "/en/search/", "/en/sitemap/"):
        graph = head_of(client, path).graph()
        types = {node["@type"] for node in graph}
        assert {"WebSite", "GovernmentOrganization"} <= types, path
    graph = head_of(client, "/nl/").graph()
    website = next(node for node in graph if node["@type"] == "WebSite")
    organisation = next(node for node in graph if node["@type"] == "GovernmentOrganization")
    assert organisation["name"] == "FOD Sociale Zekerheid"
    assert organisation["legalName"] == "Federale Overheidsdienst Sociale Zekerheid"
    assert website["about"] == {"@id": organisation["@id"]}
    assert website["inLanguage"] == "nl"
    target = website["potentialAction"]["target"]["urlTemplate"]
    assert target == ORIGIN + "/nl/zoeken/?q={search_term_string}"
    filled = target.replace("{search_term_string}", "pensioen").removeprefix(ORIGIN)
    assert client.get(filled).status_code == 200


def test_the_timeline_page_describes_its_events(client):
    timeline = TimelinePage.objects.get()
    events = [event for _era, group in timeline.events_by_era() for event in group]
    graph = head_of(client, url_in(timeline, "en")).graph()
    item_list = next(node for node in graph if node["@type"] == "ItemList")
    assert item_list["numberOfItems"] == len(events)
    first = item_list["itemListElement"][0]
    assert first["position"] == 1
    assert first["item"]["@type"] == "Event"
    assert first["item"]["name"] == events[0].headline_en
    assert first["item"]["startDate"] == events[0].datetime_attribute
    periods = [e for e in item_list["itemListElement"] if "endDate" in e["item"]]
    assert len(periods) == len([event for event in events if event.end_year])
    # Other pages have no event list.
    assert "ItemList" not in {node["@type"] for node in head_of(client, "/en/").graph()}


def test_json_ld_cannot_be_broken_out_of(client):
    timeline = TimelinePage.objects.get()
    hostile = '</script><script>alert("x")</script> & <!--'
    event = timeline.events.first()
    event.headline_en = hostile
    event.save()
    html = client.get(url_in(timeline, "en")).content.decode()
    assert '<script>alert("x")' not in html
    head = HeadParser()
    head.feed(html)
    item_list = next(node for node in head.graph() if node["@type"] == "ItemList")
    names = [element["item"]["name"] for element in item_list["itemListElement"]]
    assert hostile in names
