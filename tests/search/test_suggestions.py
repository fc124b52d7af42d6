"""Issue 13, item 2: "Did you mean …?" from the index's own words, in the visitor's language."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from search import trigrams, vocabulary
from search.models import SearchWord

from .helpers import (
    add_page,
    page_url,
    result_urls,
    search,
    search_url,
    status_text,
    suggested_urls,
    text_of,
)

pytestmark = pytest.mark.django_db

SUGGESTION_LINK = re.compile(r'<p class="search-suggestion">.*?<a href="([^"]+)">(.*?)</a>', re.S)


def suggestion(response):
    match = SUGGESTION_LINK.search(response.content.decode())
    return (match.group(1), match.group(2)) if match else (None, None)


@pytest.mark.parametrize(
    ("language", "typo", "expected"),
    [
        ("fr", "pensoin", "pension"),
        ("fr", "pentions", "pension"),
        ("en", "pensoin", "pension"),
        ("en", "pentions", "pension"),
        ("nl", "pensoen", "pensioen"),
        ("nl", "pentioen", "pensioen"),
    ],
)
def test_a_misspelt_word_gets_a_suggestion_in_its_language(client, language, typo, expected):
    response = search(client, language, typo)
    assert result_urls(response) == []
    link, suggested = suggestion(response)
    assert suggested and suggested.startswith(expected), suggested
    # A real link to the search page of the same language, without JavaScript.
    assert link == "?" + "q=" + suggested
    followed = client.get(search_url(language) + link)
    assert result_urls(followed)


def test_with_nothing_found_the_suggestions_results_are_shown_under_their_own_heading(client):
    ageing = Page.objects.get(slug_en="ageing")
    for language, heading in (
        ("en", "results for “pension"),
        ("fr", "résultats pour « pension"),
        ("nl", "resultaten voor “pensioen"),
    ):
        typo = "pensoen" if language == "nl" else "pensoin"
        response = search(client, language, typo)
        html = response.content.decode()
        match = re.search(r'<h2 id="search-suggested-heading">(.*?)</h2>', html, re.S)
        assert match and heading in text_of(match.group(1)), match and match.group(1)
        assert page_url(ageing, language) in suggested_urls(response)
        # The status still says the query itself found nothing, and offers the suggestion.
        assert typo in status_text(response)


def test_a_word_with_no_neighbour_gets_no_suggestion(client):
    response = search(client, "fr", "zzyzzx")
    assert suggestion(response) == (None, None)
    assert suggested_urls(response) == []


def test_known_words_are_not_corrected():
    assert vocabulary.suggest("pension", "en") is None
    assert vocabulary.suggest("Pensión", "en") is None  # the same word, folded
    assert vocabulary.suggest("1944", "fr") is None


def test_the_suggestion_keeps_numbers_and_known_words():
    corrected = vocabulary.suggest("pensoin 2019", "en")
    assert corrected and corrected.startswith("pension") and corrected.endswith(" 2019")


def test_suggestions_come_from_the_language_of_the_search():
    # "pensioen" is Dutch: an English typo of it is not corrected into Dutch.
    assert not SearchWord.objects.filter(language="en", word="pensioen").exists()
    assert "pensioen" not in (vocabulary.suggest("pensioem", "en") or "")
    assert vocabulary.suggest("pensioem", "nl").startswith("pensioen")


def test_a_suggestion_costs_one_query():
    with CaptureQueriesContext(connection) as queries:
        vocabulary.suggest("pensoin retrait egalitee", "fr")
    assert len(queries) == 1


def test_the_vocabulary_follows_publishing_and_unpublishing():
    page = add_page("quokkas", "Quokkas", intro="Quokkas smile.")
    assert SearchWord.objects.get(language="en", word="quokkas").entries == 1
    assert vocabulary.suggest("quokkaz", "en") == "quokkas"
    page.intro_en = "Wombats smile."
    page.title_en = "Wombats"
    page.save_revision().publish()
    assert not SearchWord.objects.filter(language="en", word="quokkas").exists()
    assert SearchWord.objects.filter(language="en", word="wombats").exists()
    page.unpublish()
    assert not SearchWord.objects.filter(language="en", word="wombats").exists()


def test_the_rebuild_recounts_the_vocabulary():
    SearchWord.objects.filter(language="fr").delete()
    vocabulary.recount()
    assert SearchWord.objects.get(language="fr", word="pension").entries >= 2
    assert SearchWord.objects.get(language="fr", word="chômage").folded == "chomage"


def test_the_suggestion_link_is_escaped_and_a_query_string(client):
    response = search(client, "en", "pensoin & <b>")
    link, _word = suggestion(response)
    assert link and parse_qs(urlsplit(link).query)["q"][0].startswith("pension")
    assert "<b>" not in response.content.decode().split("search-suggestion", 1)[-1][:300]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="checks PostgreSQL's trigram index (pg_trgm); SQLite computes the same in Python",
)
def test_the_suggestion_query_uses_the_trigram_index():
    sql, params = vocabulary.trigram_query(["pensoin", "egalitee"], "fr")
    with connection.cursor() as cursor:
        # The planner's choice depends on the table's statistics; what is tested is that the
        # query can be answered from the index, one bitmap scan per word.
        cursor.execute("ANALYZE search_searchword")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert plan.count("Bitmap Index Scan on search_word_folded_trgm") == 2, plan


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("fr", "frontaliers", "transfrontalier"),
        ("nl", "werkloos", "werkloosheid"),
        ("nl", "grensarbeiders", "arbeiders"),
        ("fr", "egalitee", "égalité"),
        ("en", "pentions", "pensions"),
    ],
)
def test_both_databases_suggest_the_word_pg_trgm_chooses(language, typed, expected):
    # The first three differed while SQLite used difflib; the expected words are PostgreSQL's.
    assert vocabulary.suggest(typed, language) == expected


def test_the_python_similarity_is_pg_trgm_own():
    assert trigrams.trigrams("Word") == {"  w", " wo", "wor", "ord", "rd "}
    assert trigrams.trigrams("a-b") == {"  a", " a ", "  b", " b "}
    assert trigrams.similarity("frontaliers", "transfrontalier") == pytest.approx(0.4)
    assert trigrams.similarity("abc", "abd") == 0.3333333432674408  # a `real`, widened
    assert trigrams.similarity("", "abc") == 0.0
    if connection.vendor != "postgresql":
        return
    typed = ["frontaliers", "werkloos", "grensarbeiders", "pensoin", "egalitee", "x", "2019"]
    words = list(SearchWord.objects.order_by("pk").values_list("folded", flat=True)[::25])
    assert len(words) > 100
    pairs = [(word, other) for word in words for other in typed + words[:5]]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT one, other, similarity(one, other)::float8, one %% other"
            " FROM unnest(%s::text[], %s::text[]) AS pair(one, other)",
            [[one for one, _ in pairs], [other for _, other in pairs]],
        )
        rows = cursor.fetchall()
    assert len(rows) == len(pairs)
    for word, other, similarity, similar in rows:
        assert trigrams.similarity(word, other) == similarity, (word, other)
        assert trigrams.is_similar(word, other) == similar, (word, other)
