"""Issue 13, point 1: `"phrase"`, `or` and `-word` mean on SQLite what websearch_to_tsquery makes
of them on PostgreSQL, edge cases included, with the same pages found on both databases."""

import pytest
from django.db import connection

from search import websearch
from search.configs import search_config
from search.models import SearchEntry
from search.querying import SearchResults

from .helpers import add_page, page_url, result_urls, search

pytestmark = pytest.mark.django_db

# (language, query, what websearch_to_tsquery gives in PostgreSQL 15, written as its ::text)
EDGE_CASES = [
    ("en", "social security", "'social' & 'secur'"),
    ("en", '"social security" or pension -fraud', "'social' <-> 'secur' | 'pension' & !'fraud'"),
    ("en", '"social the security"', "'social' <2> 'secur'"),  # a stop word leaves a gap
    ("en", '"social -security"', "'social' <-> 'secur'"),  # no operators inside quotes
    ("en", '"social or security"', "'social' <2> 'secur'"),
    ("en", '"social security', "'social' <-> 'secur'"),  # an unclosed quote runs to the end
    ("en", 'social "security pension', "'social' & 'secur' <-> 'pension'"),
    ("en", '-"social security', "!( 'social' <-> 'secur' )"),
    ("en", '"the social" security', "'social' & 'secur'"),
    ("en", "or pension or", "'pension'"),  # "or" at the start or the end is a (stop) word
    ("en", "or", ""),
    ("en", "pension or -", "'pension'"),
    ("en", "-", ""),  # "-" alone
    ("en", "pension - fraud", "'pension' & !'fraud'"),  # "-" then a space still negates
    ("en", "--pension", "!!'pension'"),
    ("en", "pension -or fraud", "'pension' & 'fraud'"),
    ("en", "-pension", "!'pension'"),  # only negated words
    ("en", "-pension -fraud", "!'pension' & !'fraud'"),
    ("en", "-pension or fraud", "!'pension' | 'fraud'"),
    ("en", "x b or c d", "'x' & 'b' | 'c' & 'd'"),  # AND binds tighter than OR
    ("en", "x OR y", "'x' | 'y'"),
    ("en", "x Or-y", "'x' & 'or-i' <2> 'y'"),  # not an operator before "-"
    ("en", "x or1", "'x' & 'or1'"),
    ("en", "pension|fraud (x) !y <z", "'pension' & 'fraud' & 'x' & 'y' & 'z'"),
    ("en", "pension:or fraud", "'pension' & 'fraud'"),
    ("en", "pension or:fraud", "'pension' | 'fraud'"),
    ("en", "e-health care", "'e-health' <-> 'e' <-> 'health' & 'care'"),
    ("en", "the or the", ""),  # only stop words
    ("en", '""', ""),
    ("en", "& | ! :*", ""),
    ("fr", "declaration d'accessibilite", "'declar' & 'accessibilit'"),
    ("fr", '"sécurité sociale" -fraude', "'securit' <-> 'social' & !'fraud'"),
    ("nl", 'de "sociale zekerheid" or armoede', "'social' <-> 'zeker' | 'armoed'"),
]


@pytest.mark.parametrize(("language", "query", "expected"), EDGE_CASES)
def test_the_query_is_read_as_websearch_to_tsquery_reads_it(language, query, expected):
    assert websearch.as_text(websearch.parse(query, language)) == expected
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT websearch_to_tsquery(%s::regconfig, %s)::text",
                [search_config(language), query],
            )
            assert cursor.fetchone()[0] == expected


@pytest.fixture
def quokka_pages():
    return {
        "together": add_page("quokka-together", "Quokka island", intro="Quokka island ferries."),
        "apart": add_page("quokka-apart", "Quokka ferries", intro="An island with a quokka."),
        "wombat": add_page("quokka-wombat", "Wombat island", intro="Wombat burrows."),
        "gap": add_page("quokka-gap", "Quokka gap", intro="A quokka of the island."),
    }


def found(client, query, pages):
    """The keys of `pages` that the English search for `query` finds, in order."""
    urls = {page_url(page, "en"): key for key, page in pages.items()}
    return [urls[url] for url in result_urls(search(client, "en", query)) if url in urls]


def test_operators_find_the_same_pages_on_both_databases(client, quokka_pages):
    pages = quokka_pages
    assert sorted(found(client, "quokka island", pages)) == ["apart", "gap", "together"]
    assert found(client, '"quokka island"', pages) == ["together"]
    assert found(client, '"quokka the island"', pages) == []  # 'quokka' <2> 'island'
    # 'quokka' <3> 'island': "A quokka of the island", and positions run on from the title into
    # the introduction: "Quokka island | Quokka island", "Quokka ferries | An island".
    assert sorted(found(client, '"quokka of the island"', pages)) == ["apart", "gap", "together"]
    assert found(client, '"quokka island', pages) == ["together"]
    assert sorted(found(client, "quokka -ferries", pages)) == ["gap"]
    assert sorted(found(client, "quokka or wombat", pages)) == [
        "apart",
        "gap",
        "together",
        "wombat",
    ]
    assert sorted(found(client, "wombat or quokka -island", pages)) == ["wombat"]
    assert found(client, "quokka -", pages) == found(client, "quokka", pages)


def test_only_negated_words_find_every_page_without_them(quokka_pages):
    # As websearch_to_tsquery's !'quokka' & !'zzyzzx': every page that has neither word.
    results = SearchResults("-quokka -zzyzzx", "en")
    urls = {result.url for result in results[: results.count()]}
    assert page_url(quokka_pages["wombat"], "en") in urls
    assert page_url(quokka_pages["apart"], "en") not in urls
    with_quokka = SearchResults("quokka", "en").count()
    everything = SearchEntry.objects.filter(language="en").count()
    assert results.count() == everything - with_quokka
