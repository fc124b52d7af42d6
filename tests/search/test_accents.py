"""Issue 13, item 1: accents and capitals never matter, in any language, on either database."""

import pytest
from django.db import connection
from wagtail.models import Page

from search.configs import base_config, search_config, search_configs
from search.folding import fold, query_words
from search.models import SearchEntry

from .helpers import add_page, on_postgres, page_url, result_urls, search

pytestmark = pytest.mark.django_db

# What citizens type (no accents, no capitals) → the page (slug_en) it must find, near the top.
CITIZEN_QUERIES = [
    ("chomage", "labour-market"),
    ("arrete-loi 1944", "history"),
    ("egalite des revenus", "equality"),
    ("credit-temps", "labour-market"),
    ("donnees personnelles", "privacy"),
    ("declaration d'accessibilite", "accessibility"),
]


def page(slug_en):
    return Page.objects.get(slug_en=slug_en).specific


@pytest.mark.parametrize(("query", "slug_en"), CITIZEN_QUERIES)
def test_queries_without_accents_find_their_french_pages(client, query, slug_en):
    urls = result_urls(search(client, "fr", query))
    # In the top 5: the glossary and the directory name these terms too, but their entries
    # rank below the text of the page that is about the subject (search.text.REFERENCE_BLOCKS).
    assert page_url(page(slug_en), "fr") in urls[:5], urls


@pytest.mark.parametrize(
    ("language", "spellings"),
    [
        ("fr", ["chômage", "chomage", "CHÔMAGE", "Chomage"]),
        ("fr", ["égalité", "egalite", "ÉGALITÉ", "EGALITE"]),
        ("nl", ["België", "belgie", "BELGIE"]),
        ("en", ["Crossroads", "crossroads", "CRÓSSROADS"]),
    ],
)
def test_every_spelling_of_a_word_finds_the_same_pages(client, language, spellings):
    found = [result_urls(search(client, language, spelling)) for spelling in spellings]
    assert found[0], spellings[0]
    assert all(urls == found[0] for urls in found), dict(zip(spellings, found, strict=True))


def test_accented_queries_still_find_pages_written_without_accents(client):
    # "privacy" is written without accents on the English page; "prívâcy" is the same word.
    privacy = page("privacy")
    assert result_urls(search(client, "en", "prívâcy"))[0] == page_url(privacy, "en")


def test_a_hyphenated_word_is_looked_for_whole_on_either_database(client):
    """PostgreSQL's parser keeps "e-health" whole; split, SQLite would look for "health" alone
    (one-letter words are dropped) and list every page about health care."""
    whole = add_page("hyphen-whole", "Quoll platform", intro="The e-quoll platform, explained.")
    add_page("hyphen-part", "Quoll care", intro="Quoll care for everyone.")
    assert result_urls(search(client, "en", "e-quoll")) == [page_url(whole, "en")]
    assert len(result_urls(search(client, "en", "quoll"))) == 2


def test_folding_is_lower_case_without_accents_or_ligatures():
    assert fold("Égalité des REVENUS") == "egalite des revenus"
    assert fold("Œuvre, Straße, Øre, naïve") == "oeuvre, strasse, ore, naive"
    assert fold("d\u2019accessibilité") == "d'accessibilite"
    assert query_words("Déclaration d'accessibilité") == ["declaration", "accessibilite"]
    assert query_words("l'") == ["l"]


def test_entries_keep_a_folded_copy_of_their_text():
    entry = SearchEntry.objects.get(page=page("labour-market"), language="fr")
    assert "chômage" in f"{entry.title} {entry.text}"
    assert "chomage" in f"{entry.folded_title} {entry.folded_lead} {entry.folded_body}"
    assert "ô" not in entry.folded_body and entry.folded_body == entry.folded_body.lower()


def test_configurations_follow_settings_languages_with_the_portal_prefix(settings):
    assert search_configs() == {"fr": "portal_french", "nl": "portal_dutch", "en": "portal_english"}
    # A new language gets its configuration from the same code path.
    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "German")]
    assert search_configs()["de"] == "portal_german"
    assert base_config("de") == "german"
    assert search_config("xx") == "portal_simple"  # no stemming, still unaccented


@pytest.mark.skipif(
    not on_postgres(),
    reason="checks PostgreSQL's portal_* text-search configurations, which SQLite has no equal of",
)
@pytest.mark.parametrize("language", ["fr", "nl", "en", "de", "xx"])
def test_each_configuration_folds_accents_before_stemming(language):
    config = search_config(language)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector(%s::regconfig, 'Égalité Prüfung Crédit-temps'),"
            " to_tsvector(%s::regconfig, 'egalite prufung credit-temps'),"
            " websearch_to_tsquery(%s::regconfig, 'ÉGALITÉ')::text",
            [config, config, config],
        )
        accented, plain, query = cursor.fetchone()
    assert accented == plain
    assert "é" not in query and "É" not in query


@pytest.mark.skipif(not on_postgres(), reason="checks PostgreSQL's unaccent and pg_trgm extensions")
def test_the_extensions_exist_on_postgres():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        extensions = {row[0] for row in cursor.fetchall()}
    assert {"unaccent", "pg_trgm"} <= extensions
