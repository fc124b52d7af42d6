"""A standard page lists its own live, public child pages after its body ("Your situation" and
its topics, issue 15 point 5): a page published under it appears at once, in one query whatever
their number, and a private or unpublished one never does."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from content.models import StandardPage
from core.languages import language_codes
from delivery.cache import CACHE_STATUS_HEADER

pytestmark = pytest.mark.django_db


def url_in(page, language):
    with translation.override(language):
        return page.get_url()


def listing(client, page, language):
    """The "In this section" list of the page, as served in `language`."""
    response = client.get(url_in(page, language))
    assert response.status_code == 200
    found = re.search(
        r'<section class="card-list" aria-labelledby="children-heading">.*?</section>',
        response.content.decode(),
        re.S,
    )
    return found.group(0) if found else ""


def hub():
    """The seed hub: the standard page with standard pages under it."""
    return next(
        page
        for page in StandardPage.objects.live().order_by("path")
        if StandardPage.objects.child_of(page).live().exists()
    )


def add_topic(parent, name, live=True):
    values = {}
    for code in language_codes():
        values[f"title_{code}"] = f"{name} {code}"
        values[f"slug_{code}"] = f"{name.lower().replace(' ', '-')}-{code}"
        values[f"intro_{code}"] = f"Intro of {name} in {code}"
    page = StandardPage(title=values[f"title_{language_codes()[0]}"], live=live, **values)
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


@pytest.fixture
def no_page_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


def test_the_hub_lists_every_topic_with_its_intro_in_every_language(client, no_page_cache):
    page = hub()
    topics = list(StandardPage.objects.child_of(page).live().public())
    assert topics
    for language in language_codes():
        html = listing(client, page, language)
        for topic in topics:
            assert f'href="{url_in(topic, language)}"' in html
            intro = getattr(topic, f"intro_{language}")
            assert intro and intro in unescape(html)


def test_a_new_topic_appears_and_a_private_or_unpublished_one_does_not(client, no_page_cache):
    page = hub()
    shown = add_topic(page, "Shown topic")
    draft = add_topic(page, "Draft topic", live=False)
    private = add_topic(page, "Private topic")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    for language in language_codes():
        html = listing(client, page, language)
        assert f'href="{url_in(shown, language)}"' in html
        assert f"Shown topic {language}" in html
        assert getattr(draft, f"title_{language}") not in html
        assert getattr(private, f"title_{language}") not in html


def test_a_page_without_children_shows_no_list(client, no_page_cache):
    accessibility = StandardPage.objects.get(slug_en="accessibility")
    assert listing(client, accessibility, "en") == ""


def test_the_list_costs_the_same_queries_for_ten_more_topics(client, no_page_cache):
    page = hub()
    url = url_in(page, "en")

    def queries():
        client.get(url)  # warm the chrome after any change
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = queries()
    for number in range(10):
        add_topic(page, f"Extra topic {number}")
    after = queries()
    assert after == before
    assert "Extra topic 9 en" in listing(client, page, "en")


def test_a_topic_published_under_the_cached_hub_drops_it_and_only_pages_that_show_it(client):
    page = hub()
    other = StandardPage.objects.get(slug_en="accessibility")
    urls = [url_in(p, language) for p in (page, other) for language in language_codes()]
    for url in urls:
        client.get(url)
        assert client.get(url)[CACHE_STATUS_HEADER] == "hit", url
    add_topic(page, "Cached topic")
    for language in language_codes():
        response = client.get(url_in(page, language))
        assert response[CACHE_STATUS_HEADER] == "miss"
        assert f"Cached topic {language}" in response.content.decode()
        assert client.get(url_in(other, language))[CACHE_STATUS_HEADER] == "hit"
