"""Issue 13, items 5 and 6: title, then headings and introduction, then body; a bonus for the
whole phrase; clean excerpts; the kind of page; no query per result."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import results_cache

from .helpers import add_page, page_url, result_urls, search, text_of

pytestmark = pytest.mark.django_db


def excerpts(response):
    return re.findall(
        r'<p class="search-result__excerpt">(.*?)</p>', response.content.decode(), re.S
    )


def test_title_then_headings_and_intro_then_body(client):
    body = add_page(
        "rank-body", "Rank body", body=[("paragraph", "Some text on the quokkafruit harvest.")]
    )
    heading = add_page(
        "rank-heading", "Rank heading", body=[("heading", "Quokkafruit"), ("paragraph", "More.")]
    )
    intro = add_page("rank-intro", "Rank intro", intro="The quokkafruit, explained.")
    title = add_page("rank-title", "Quokkafruit", intro="What it is.")
    urls = result_urls(search(client, "en", "quokkafruit"))
    assert urls[0] == page_url(title, "en")
    assert set(urls[1:3]) == {page_url(heading, "en"), page_url(intro, "en")}
    assert urls[3] == page_url(body, "en")


def test_the_whole_phrase_ranks_first(client):
    apart = add_page(
        "phrase-apart", "Phrase apart",
        body=[("paragraph", "Wombat markets are closed; the orchard grows berries.")],
    )  # fmt: skip
    together = add_page(
        "phrase-together", "Phrase together",
        body=[("paragraph", "The wombat orchard is open; markets sell berries.")],
    )  # fmt: skip
    urls = result_urls(search(client, "en", "wombat orchard"))
    assert urls[:2] == [page_url(together, "en"), page_url(apart, "en")]


def test_headings_are_not_run_into_the_text_of_excerpts(client):
    add_page(
        "excerpt-blocks", "Excerpt blocks",
        body=[
            ("heading", "Numbat rules"),
            ("paragraph", "Every numbat counts its termites before noon."),
        ],
    )  # fmt: skip
    html = excerpts(search(client, "en", "numbat"))[0]
    text = text_of(html)
    assert "rules Every" not in text
    assert re.search(r"rules\. .*Every", text), text


def test_each_result_says_what_kind_of_page_it_is_in_the_visitors_language(client):
    for language, kind in (
        ("en", "Magazine section page"),
        ("fr", "Page de section du magazine"),
        ("nl", "Hoofdstukpagina van het magazine"),
    ):
        html = search(client, language, "pension" if language != "nl" else "pensioen").content
        assert f'<p class="search-result__kind">{kind}</p>' in html.decode(), language


def test_the_search_page_makes_no_query_per_result(client):
    def queries_for(page):
        results_cache.invalidate()  # a search, not an answer from the results cache
        with CaptureQueriesContext(connection) as queries:
            response = search(client, "en", "social security", page=page)
        return len(queries), len(result_urls(response))

    queries_for(1)  # the first request caches the sites and creates today's statistics row
    first_queries, first = queries_for(1)
    second_queries, second = queries_for(99999)  # the last page
    assert first == 10 and 0 < second < first
    assert first_queries == second_queries, (first_queries, second_queries)
