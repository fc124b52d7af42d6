"""What the search tests share: the search page of a language, its results and messages."""

import re
from html import unescape

from django.db import connection
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from content.models import StandardPage

RESULT_LINK = re.compile(r'<h2 class="search-result__title"><a href="([^"]+)"[^>]*>')
SUGGESTED_LINK = re.compile(r'<h3 class="search-result__title"><a href="([^"]+)"[^>]*>')


def on_postgres():
    return connection.vendor == "postgresql"


def search_url(language):
    with translation.override(language):
        return reverse("search")


def page_url(page, language):
    with translation.override(language):
        return page.get_url()


def search(client, language, query, **params):
    response = client.get(search_url(language), {"q": query, **params})
    assert response.status_code == 200
    return response


def result_urls(response):
    return RESULT_LINK.findall(response.content.decode())


def suggested_urls(response):
    return SUGGESTED_LINK.findall(response.content.decode())


def text_of(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def status_text(response):
    match = re.search(r'role="status">(.*?)</div>', response.content.decode(), re.S)
    assert match, "the page has no status region"
    return text_of(match.group(1))


def add_page(slug, title, intro="", body=(), **translations):
    """A published StandardPage under the home page with English text (and the same in French
    and Dutch unless given), `body` a list of ("heading" | "paragraph", text)."""
    blocks = [
        {"type": "heading", "value": {"text": text, "level": "h2"}}
        if kind == "heading"
        else {"type": "paragraph", "value": f"<p>{text}</p>"}
        for kind, text in body
    ]
    fields = {}
    for language in ("fr", "nl", "en"):
        fields[f"title_{language}"] = translations.get(f"title_{language}", title)
        fields[f"slug_{language}"] = slug
        fields[f"intro_{language}"] = translations.get(f"intro_{language}", intro)
        fields[f"body_{language}"] = translations.get(f"body_{language}", blocks)
    page = StandardPage(title=title, slug=slug, **fields)
    Page.objects.get(depth=2).add_child(instance=page)
    page.save_revision().publish()
    return page
