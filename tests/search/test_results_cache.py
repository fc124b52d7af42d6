"""Issue 13, item 6: a search repeated moments later is answered from the results cache, which
every change of what a search shows invalidates; the statistics count every search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from search.models import SearchEntry, SearchQueryDay, SearchSynonym

from .helpers import add_page, page_url, result_urls, search

pytestmark = pytest.mark.django_db


def entry_queries(queries):
    return [query for query in queries if "content_searchentry" in query["sql"]]


def test_a_repeated_search_is_answered_without_searching_again(client):
    add_page("cache-once", "Cassowary", intro="The cassowary, explained.")
    first = search(client, "en", "cassowary")
    with CaptureQueriesContext(connection) as queries:
        second = search(client, "en", "cassowary")
    assert result_urls(second) == result_urls(first) != []
    assert entry_queries(queries.captured_queries) == []
    # Counted each time all the same.
    assert SearchQueryDay.objects.get(language="en", query="cassowary").searches == 2


@pytest.mark.parametrize("query", ["social security", "pensoin", "tree of trust"])
def test_a_repeated_search_shows_the_same_page_as_the_first(client, query):
    """Results, a typo with its suggestion and the suggestion's results, a title marked with its
    own language: what the cache keeps is what the first search showed."""
    first = search(client, "nl", query).content
    with CaptureQueriesContext(connection) as queries:
        second = search(client, "nl", query).content
    assert entry_queries(queries.captured_queries) == []
    assert second == first


def test_each_language_and_page_of_results_has_its_own_entry(client):
    for number in range(12):
        add_page(f"cache-page-{number}", f"Cassowary {number:02}")
    first = result_urls(search(client, "en", "cassowary"))
    second = result_urls(search(client, "en", "cassowary", page=2))
    assert len(first) == 10 and len(second) == 2 and not set(first) & set(second)
    assert result_urls(search(client, "en", "cassowary")) == first
    assert result_urls(search(client, "fr", "cassowary", page=2)) == [
        url.replace("/en/", "/fr/", 1) for url in second
    ]


def test_publishing_unpublishing_and_synonyms_show_at_the_next_search(client):
    assert result_urls(search(client, "en", "dugong")) == []
    page = add_page("cache-dugong", "Dugong", intro="All about the dugong.")
    assert result_urls(search(client, "en", "dugong")) == [page_url(page, "en")]
    page.unpublish()
    assert result_urls(search(client, "en", "dugong")) == []
    other = add_page("cache-manatee", "Manatee", intro="Sea cows.")
    assert result_urls(search(client, "en", "seacow")) == []
    SearchSynonym.objects.create(language="en", term="seacow", replacements="manatee")
    assert result_urls(search(client, "en", "seacow")) == [page_url(other, "en")]


def test_a_new_promotion_shows_at_the_next_search(client):
    page = add_page("cache-promoted", "Promoted page", intro="Nothing about birds.")
    before = search(client, "en", "pelican").content.decode()
    assert page_url(page, "en") not in before
    SearchPromotion.objects.create(
        query=Query.get("pelican"), page=Page.objects.get(pk=page.pk), sort_order=0
    )
    assert page_url(page, "en") in search(client, "en", "pelican").content.decode()


def test_an_entry_changed_behind_the_view_invalidates_the_cache(client):
    page = add_page("cache-tapir", "Tapir", intro="The tapir.")
    assert result_urls(search(client, "en", "tapir")) == [page_url(page, "en")]
    SearchEntry.objects.get(page=page, language="en").delete()
    assert result_urls(search(client, "en", "tapir")) == []
