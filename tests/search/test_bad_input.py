"""Issue 13, item 7: odd input gets a clear page in the visitor's language, on both databases,
and never reaches the suggestions, synonyms or statistics as something harmful."""

import pytest

from search import vocabulary
from search.models import SearchQueryDay, SearchWord

from .helpers import result_urls, search, status_text

pytestmark = pytest.mark.django_db

MESSAGES = {
    "empty": {
        "fr": "Tapez un ou plusieurs mots",
        "nl": "Typ een of meer woorden",
        "en": "Type one or more words",
    },
    "too_long": {
        "fr": "200 caractères",
        "nl": "200 tekens",
        "en": "at most 200 characters",
    },
}
ODD = [
    "\x00",
    "pension\x00",
    "& | ! :*",
    "😀",
    "🇧🇪",
    "الضمان الاجتماعي",
    "\u202epension",
    "' OR 1=1 --",
]


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_empty_and_wordless_queries_say_what_to_type_in_the_visitors_language(client, language):
    for query in ("", "   ", "\x00", "& | !", "😀"):
        response = search(client, language, query)
        assert f'<html lang="{language}">' in response.content.decode()
        assert MESSAGES["empty"][language] in status_text(response), (language, repr(query))


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_a_very_long_query_says_so_in_the_visitors_language(client, language):
    response = search(client, language, "pensoin " * 100)
    assert MESSAGES["too_long"][language] in status_text(response)
    assert result_urls(response) == []


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("query", ODD)
def test_odd_queries_get_a_normal_page(client, language, query):
    words = SearchWord.objects.count()
    response = search(client, language, query)
    html = response.content.decode()
    assert status_text(response)
    assert "\x00" not in html and "\u202e" not in html.split("<main", 1)[-1].split("value=")[0]
    assert SearchWord.objects.count() == words


def test_right_to_left_text_and_emoji_are_kept_in_the_field(client):
    response = search(client, "en", "الضمان 😀")
    assert 'value="الضمان 😀"' in response.content.decode()


@pytest.mark.parametrize("query", ["\x00", "%", "_", "'", "\\", "a" * 200, "😀 pensoin", "ß"])
def test_suggestions_survive_odd_words(query):
    vocabulary.suggest(query, "en")  # no error, whatever it returns


def test_an_operator_only_query_is_not_counted(client):
    search(client, "fr", "& | ! :*")
    assert not SearchQueryDay.objects.exists()
